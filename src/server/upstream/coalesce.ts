export type CoalescerOptions = {
  /** Told, in the turn it is asked, of each call that joins one already in flight (metrics). */
  onJoin?: (key: string) => void;
};

/**
 * Concurrent calls with the same key share one call: two tabs (or a double click on
 * Refresh) opening the same member's history ask Whop once. Nothing is kept afterwards.
 * Whether a caller made the call or joined one is in the answer (`coalesced`), so the
 * caller that made it can do what only one should, such as storing the answer.
 */
export function createCoalescer<T>(options: CoalescerOptions = {}) {
  const inFlight = new Map<string, Promise<T>>();
  return async function coalesced(key: string, run: () => Promise<T>): Promise<T & { coalesced: boolean }> {
    const shared = inFlight.get(key);
    if (shared) {
      options.onJoin?.(key);
      return { ...(await shared), coalesced: true };
    }
    const call = run().finally(() => inFlight.delete(key));
    inFlight.set(key, call);
    return { ...(await call), coalesced: false };
  };
}
