/**
 * What the server counts as it works, as plain functions: the request log, the Whop call
 * path, the member lookup, the rate limit and the session store report here. metrics.ts
 * turns them into Prometheus series when METRICS_PORT is set; otherwise nothing is counted
 * and prom-client is never loaded.
 */
export type Counts = {
  /** One answered request: the route template as request-log.ts computes it. */
  request(answer: { method: string; route: string; status: number; seconds: number }): void;
  /** One call to Whop that was made (retries counted in `attempts`), as upstream-call.ts saw it. */
  whopCall(call: { endpoint: string; status: number | null; attempts: number; seconds: number }): void;
  /** A member lookup that the cache answered, or had to pass on. */
  cache(result: 'hit' | 'miss'): void;
  /** A member lookup that joined one already in flight for the same id. */
  coalesced(): void;
  /** A request the dashboard's own rate limit refused (429 rate_limited). */
  rateLimited(): void;
  /** Reports the number of live sessions whenever someone asks. */
  trackSessions(count: () => Promise<number>): void;
  /** A bulk list created, or ended here (done, cancelled, or left stalled by a process stop). */
  bulkList(event: 'created' | 'done' | 'cancelled' | 'stalled'): void;
  /** Rows of bulk lists that came to an outcome (`found`, `invalid`, …), `rows` at a time. */
  bulkRows(outcome: string, rows: number): void;
  /** How long a Whop call waited for a slot of the request budget (request-budget.ts). */
  budgetWait(priority: 'interactive' | 'bulk', seconds: number): void;
  /** One webhook delivery: a live type (contract/live.ts) or `other`, never text from the body; and what became of it. */
  webhookDelivery(type: string, outcome: 'verified' | 'refused' | 'duplicate' | 'ignored'): void;
  /** Reports the number of live streams open on this instance whenever someone asks. */
  trackLiveStreams(count: () => number): void;
};

const nothing = () => {};

/** Metrics off: every report goes nowhere. */
export const NO_COUNTS: Counts = {
  request: nothing,
  whopCall: nothing,
  cache: nothing,
  coalesced: nothing,
  rateLimited: nothing,
  trackSessions: nothing,
  bulkList: nothing,
  bulkRows: nothing,
  budgetWait: nothing,
  webhookDelivery: nothing,
  trackLiveStreams: nothing,
};
