import { type BudgetStore, COUNTED_MS, type Priority } from '../src/server/upstream/request-budget';

/**
 * Pacing cases for a request budget's store, on an injected clock (ms): each step happens
 * at `at` and expects a slot (`ok`) or a refusal naming how long until one may be free.
 * Run against the memory store and the Redis script alike (they keep the same rule).
 */
export type BudgetStep =
  | { at: number; take: Priority; expect: 'ok' | { retryInMs: number } }
  | { at: number; pause: number }
  /** `count` takes at `at`, all expected to get a slot. */
  | { at: number; fill: Priority; count: number };

export type BudgetCase = { name: string; perSecond: number; steps: BudgetStep[] };

const T0 = 1_000_000;

/** How long a call counts (the window and the send margin): the cases' boundaries. */
const C = COUNTED_MS;

export const BUDGET_CASES: BudgetCase[] = [
  {
    name: 'single lookups get the whole budget, then wait for the oldest call to leave the window',
    perSecond: 3,
    steps: [
      { at: T0, take: 'interactive', expect: 'ok' },
      { at: T0 + 100, take: 'interactive', expect: 'ok' },
      { at: T0 + 200, take: 'interactive', expect: 'ok' },
      { at: T0 + 300, take: 'interactive', expect: { retryInMs: C - 300 } },
      { at: T0 + C - 1, take: 'interactive', expect: { retryInMs: 1 } },
      { at: T0 + C, take: 'interactive', expect: 'ok' },
      { at: T0 + C + 50, take: 'interactive', expect: { retryInMs: 50 } },
    ],
  },
  {
    name: 'bulk alone takes all but one slot: one is always kept for a single lookup',
    perSecond: 10,
    steps: [
      { at: T0, fill: 'bulk', count: 9 },
      { at: T0 + 10, take: 'bulk', expect: { retryInMs: C - 10 } },
      { at: T0 + 20, take: 'interactive', expect: 'ok' },
      { at: T0 + 30, take: 'interactive', expect: { retryInMs: C - 30 } },
    ],
  },
  {
    name: 'while single lookups go on, bulk takes at most half',
    perSecond: 10,
    steps: [
      { at: T0, take: 'interactive', expect: 'ok' },
      { at: T0 + 10, fill: 'bulk', count: 4 },
      { at: T0 + 20, take: 'bulk', expect: { retryInMs: C - 20 } },
      { at: T0 + 30, fill: 'interactive', count: 5 },
      { at: T0 + 40, take: 'interactive', expect: { retryInMs: C - 40 } },
    ],
  },
  {
    name: 'bulk counts the single lookups against its share: it takes only what is left',
    perSecond: 10,
    steps: [
      { at: T0, fill: 'interactive', count: 6 },
      // Half of 10 is 5, and 6 are already used: the 2nd oldest must leave first.
      { at: T0 + 100, take: 'bulk', expect: { retryInMs: C - 100 } },
      { at: T0 + C, take: 'bulk', expect: 'ok' },
    ],
  },
  {
    name: 'bulk gets all but one again once single lookups have stopped for 10 s',
    perSecond: 4,
    steps: [
      { at: T0, take: 'interactive', expect: 'ok' },
      { at: T0 + 5_000, fill: 'bulk', count: 2 },
      { at: T0 + 5_010, take: 'bulk', expect: { retryInMs: C - 10 } },
      { at: T0 + 10_000, fill: 'bulk', count: 3 },
      { at: T0 + 10_010, take: 'bulk', expect: { retryInMs: C - 10 } },
      { at: T0 + 10_020, take: 'interactive', expect: 'ok' },
    ],
  },
  {
    name: 'the window slides: never more than the budget in any window',
    perSecond: 2,
    steps: [
      { at: T0, take: 'interactive', expect: 'ok' },
      { at: T0 + 600, take: 'interactive', expect: 'ok' },
      { at: T0 + C, take: 'interactive', expect: 'ok' },
      // (T0+500, T0+C+500] holds two already, though a fixed window starting at T0+C holds one.
      { at: T0 + C + 500, take: 'interactive', expect: { retryInMs: 100 } },
      { at: T0 + C + 600, take: 'interactive', expect: 'ok' },
    ],
  },
  {
    name: 'a 429 pause holds bulk back for its length; single lookups go on',
    perSecond: 10,
    steps: [
      { at: T0, pause: 3_000 },
      { at: T0 + 1, take: 'bulk', expect: { retryInMs: 2_999 } },
      { at: T0 + 2, take: 'interactive', expect: 'ok' },
      { at: T0 + 1_000, pause: 1_000 }, // shorter than what is left: the longer one stays
      { at: T0 + 2_500, take: 'bulk', expect: { retryInMs: 500 } },
      { at: T0 + 3_000, take: 'bulk', expect: 'ok' },
    ],
  },
];

/** Plays a case against a store whose clock reads `clock.now`; the results, step by step. */
export async function playCase(store: BudgetStore, clock: { now: number }, steps: BudgetStep[]) {
  const results: unknown[] = [];
  for (const step of steps) {
    clock.now = step.at;
    if ('pause' in step) {
      await store.pause(step.pause);
      results.push('paused');
    } else if ('fill' in step) {
      const taken = [];
      for (let i = 0; i < step.count; i++) taken.push(await store.take(step.fill));
      results.push(taken.every((t) => t.ok) ? `filled ${step.count}` : taken);
    } else {
      const taken = await store.take(step.take);
      results.push(taken.ok ? 'ok' : { retryInMs: taken.retryInMs });
    }
  }
  return results;
}

/** What playCase should return for `steps`. */
export function expectedResults(steps: BudgetStep[]): unknown[] {
  return steps.map((step) => ('pause' in step ? 'paused' : 'fill' in step ? `filled ${step.count}` : step.expect));
}
