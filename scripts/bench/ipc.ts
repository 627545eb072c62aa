export type StandInMessage =
  | { type: 'ready'; baseURL: string }
  | { type: 'calls'; seq: number; total: number; forId: number }
  | { type: 'window'; seq: number; total: number; busiest: number; busiestAt: number }
  | { type: 'spend'; seq: number };
export type StandInQuery =
  | { type: 'calls'; seq: number; id?: string }
  /** Calls that arrived from `since` (ms since the epoch) on: how many, and the most in any one-second window. */
  | { type: 'window'; seq: number; since: number }
  /** Answer 429 with this Retry-After for `ms` from now (Whop's rate limit). */
  | { type: 'throttle'; ms: number; retryAfterSeconds: number }
  /** From now on the member's total spend is `usd` (a payment at Whop, issue 28's bench). */
  | { type: 'spend'; seq: number; id: string; usd: number };
export type PassthroughMessage = { type: 'ready'; port: number };

/** Generated stand-in members: letters and digits after mber_, as real ids. */
export const benchMemberId = (i: number) => `mber_bench${i}`;

/**
 * The most arrivals (ms timestamps, ascending) in any window of `windowMs`, and where that
 * window starts: a sliding window anchored at every arrival, as the request budget counts.
 */
export function busiestWindow(arrivals: readonly number[], windowMs = 1000): { count: number; at: number } {
  let best = { count: 0, at: arrivals[0] ?? 0 };
  let start = 0;
  for (let end = 0; end < arrivals.length; end++) {
    while (arrivals[end]! - arrivals[start]! >= windowMs) start++;
    const count = end - start + 1;
    if (count > best.count) best = { count, at: arrivals[start]! };
  }
  return best;
}
