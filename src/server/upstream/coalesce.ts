/**
 * Concurrent calls with the same key share one call: two tabs (or a double click on
 * Refresh) opening the same member's history ask Whop once. Nothing is kept afterwards.
 */
export function createCoalescer<T>() {
  const inFlight = new Map<string, Promise<T>>();
  return async function coalesced(key: string, run: () => Promise<T>): Promise<T & { coalesced: boolean }> {
    const shared = inFlight.get(key);
    if (shared) return { ...(await shared), coalesced: true };
    const call = run().finally(() => inFlight.delete(key));
    inFlight.set(key, call);
    return { ...(await call), coalesced: false };
  };
}
