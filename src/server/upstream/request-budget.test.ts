import { describe, expect, it } from 'vitest';
import { BUDGET_CASES, expectedResults, playCase } from '../../../test/budget-cases';
import {
  type BudgetStore,
  budgetCaps,
  bulkSpacing,
  COUNTED_MS,
  createMemoryBudgetStore,
  createRequestBudget,
  MAX_PAUSE_MS,
  type Priority,
  type Sleep,
  type Take,
} from './request-budget';

describe('budgetCaps', () => {
  it.each([
    [2, { interactive: 2, bulkIdle: 1, bulkActive: 1 }],
    [3, { interactive: 3, bulkIdle: 2, bulkActive: 1 }],
    [10, { interactive: 10, bulkIdle: 9, bulkActive: 5 }],
    [20, { interactive: 20, bulkIdle: 19, bulkActive: 10 }],
  ])('%i a second: %o', (perSecond, caps) => {
    expect(budgetCaps(perSecond)).toEqual(caps);
  });

  it.each([0, 1, 2.5, Number.NaN])('refuses %s a second', (perSecond) => {
    expect(() => budgetCaps(perSecond)).toThrow(RangeError);
  });
});

describe('the memory store, on an injected clock', () => {
  it.each(BUDGET_CASES)('$name', async ({ perSecond, steps }) => {
    const clock = { now: 0 };
    const store = createMemoryBudgetStore({ perSecond, now: () => clock.now });
    expect(await playCase(store, clock, steps)).toEqual(expectedResults(steps));
  });
});

/**
 * A fake clock whose sleeps advance it: a sleep resolves when `advance` passes its end.
 * Nothing here depends on real time.
 */
function fakeTime() {
  const clock = { now: 1_000_000 };
  const sleepers: Array<{ until: number; resolve: () => void }> = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = { until: clock.now + ms, resolve };
      sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  /** Lets every promise chain settle (the store and the budget are async): the microtask queue drains before a macrotask. */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    clock,
    sleep,
    settle,
    sleeping: () => sleepers.length,
    /** Moves the clock on `ms` in steps of 1 ms, waking sleepers as their time comes. */
    async advance(ms: number) {
      const end = clock.now + ms;
      while (clock.now < end) {
        clock.now += 1;
        for (const sleeper of sleepers.filter((s) => s.until <= clock.now)) {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          sleeper.resolve();
        }
        await settle();
      }
    },
  };
}

/** Starts `acquire` and records when (on the fake clock) it resolved. */
function track(time: ReturnType<typeof fakeTime>, acquiring: Promise<void>) {
  const state: { at: number | null; error: unknown } = { at: null, error: null };
  acquiring.then(
    () => {
      state.at = time.clock.now;
    },
    (err: unknown) => {
      state.error = err;
    },
  );
  return state;
}

describe('the request budget', () => {
  it('paces bulk callers: every one gets a slot, never more than the budget in any one-second window', async () => {
    const time = fakeTime();
    const store = createMemoryBudgetStore({ perSecond: 5, now: () => time.clock.now });
    const budget = createRequestBudget({ store, sleep: time.sleep });
    const start = time.clock.now;
    const calls = Array.from({ length: 12 }, () => track(time, budget.acquire('bulk')));
    await time.settle();
    await time.advance(3_000);
    const times = calls.map((c) => c.at);
    expect(times.every((t) => t !== null)).toBe(true);
    // Bulk alone: 4 of 5 a second (one kept for single lookups), so 12 take three windows.
    for (const t of times as number[]) {
      expect(times.filter((u) => u! > t - 1_000 && u! <= t).length).toBeLessThanOrEqual(4);
    }
    expect(Math.max(...(times as number[])) - start).toBe(2 * COUNTED_MS);
  });

  it('spreads bulk calls out (bulkSpacing): one a step, not the whole share at once and then a wait', async () => {
    const time = fakeTime();
    const store = createMemoryBudgetStore({ perSecond: 5, now: () => time.clock.now });
    const step = bulkSpacing(5);
    expect(step).toBe(COUNTED_MS / 4);
    const budget = createRequestBudget({
      store,
      sleep: time.sleep,
      bulkSpacingMs: bulkSpacing(5),
      now: () => time.clock.now,
    });
    const start = time.clock.now;
    const calls = Array.from({ length: 8 }, () => track(time, budget.acquire('bulk')));
    await time.settle();
    await time.advance(2_000);
    // Each a step after the last was due (the fake clock moves in whole ms, so each comes at the ms after).
    expect(calls.map((c) => (c.at ?? Number.NaN) - start)).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => Math.ceil(i * step)),
    );
    // A single lookup is not spaced: it takes the slot kept for it at once.
    const single = track(time, budget.acquire('interactive'));
    await time.settle();
    expect(single.at).toBe(time.clock.now);
  });

  it('a single lookup takes a slot at once while bulk callers wait for theirs', async () => {
    const time = fakeTime();
    const store = createMemoryBudgetStore({ perSecond: 10, now: () => time.clock.now });
    const budget = createRequestBudget({ store, sleep: time.sleep });
    const bulk = Array.from({ length: 20 }, () => track(time, budget.acquire('bulk')));
    await time.settle();
    expect(bulk.filter((b) => b.at !== null)).toHaveLength(9);
    const single = track(time, budget.acquire('interactive'));
    await time.settle();
    expect(single.at).toBe(time.clock.now);
  });

  it('a waiting single lookup takes the next free slot before any bulk caller of this instance', async () => {
    const time = fakeTime();
    const store = createMemoryBudgetStore({ perSecond: 2, now: () => time.clock.now });
    const budget = createRequestBudget({ store, sleep: time.sleep });
    // The whole window used by single lookups: the next one has to wait too.
    await budget.acquire('interactive');
    await budget.acquire('interactive');
    const bulk = track(time, budget.acquire('bulk'));
    await time.settle();
    const single = track(time, budget.acquire('interactive'));
    await time.settle();
    await time.advance(COUNTED_MS);
    expect(single.at).toBe(1_000_000 + COUNTED_MS);
    expect(bulk.at === null || bulk.at > single.at!).toBe(true);
  });

  it('tells how long each slot given took to get, by priority', async () => {
    const waits: string[] = [];
    const budget = createRequestBudget({
      store: createMemoryBudgetStore({ perSecond: 10 }),
      onWait: (priority, seconds) => waits.push(`${priority}:${seconds >= 0 && seconds < 1}`),
    });
    await budget.acquire('interactive');
    await budget.acquire('bulk');
    expect(waits).toEqual(['interactive:true', 'bulk:true']);
  });

  it("knows when the latest pause set through it ends, for a list's paused_until", async () => {
    const budget = createRequestBudget({ store: createMemoryBudgetStore({ perSecond: 10 }) });
    expect(budget.pausedUntil()).toBe(0);
    const before = Date.now();
    await budget.pause(30_000);
    await budget.pause(1_000); // a shorter pause does not shorten it
    expect(budget.pausedUntil()).toBeGreaterThanOrEqual(before + 30_000);
    expect(budget.pausedUntil()).toBeLessThanOrEqual(Date.now() + 30_000);
  });

  it.each([86_400_000, Number.POSITIVE_INFINITY, Number.NaN])(
    'holds bulk back at most MAX_PAUSE_MS, whatever Retry-After says: %s ms',
    async (asked) => {
      const budget = createRequestBudget({ store: createMemoryBudgetStore({ perSecond: 10 }) });
      await budget.pause(asked);
      expect(budget.pausedUntil()).toBeLessThanOrEqual(Date.now() + MAX_PAUSE_MS);
      // A time that can be written as a date (paused_until), unlike one a day's worth of years away.
      expect(() => new Date(budget.pausedUntil()).toISOString()).not.toThrow();
    },
  );

  it('an aborted bulk caller stops waiting at once, with the signal reason', async () => {
    const time = fakeTime();
    const store = createMemoryBudgetStore({ perSecond: 10, now: () => time.clock.now });
    const budget = createRequestBudget({ store, sleep: time.sleep });
    await budget.pause(60_000);
    const controller = new AbortController();
    const bulk = track(time, budget.acquire('bulk', controller.signal));
    await time.settle();
    expect(time.sleeping()).toBe(1);
    controller.abort(new Error('list cancelled'));
    await time.settle();
    expect(bulk.at).toBeNull();
    expect(bulk.error).toEqual(new Error('list cancelled'));
    expect(time.sleeping()).toBe(0);
  });

  it('bulk callers take turns: during a pause one asks the store a second, not every one of them', async () => {
    const time = fakeTime();
    const memory = createMemoryBudgetStore({ perSecond: 10, now: () => time.clock.now });
    let asked = 0;
    const store: BudgetStore = {
      take: (priority) => {
        asked += 1;
        return memory.take(priority);
      },
      pause: (ms) => memory.pause(ms),
    };
    const budget = createRequestBudget({ store, sleep: time.sleep });
    await budget.pause(5_000);
    const calls = Array.from({ length: 50 }, () => track(time, budget.acquire('bulk')));
    await time.settle();
    await time.advance(4_999);
    expect(calls.every((c) => c.at === null)).toBe(true);
    expect(asked).toBe(5);
    await time.advance(1);
    expect(calls.filter((c) => c.at !== null)).toHaveLength(9);
  });

  it('bulk callers get their slots in the order they asked', async () => {
    const time = fakeTime();
    const store = createMemoryBudgetStore({ perSecond: 3, now: () => time.clock.now });
    const budget = createRequestBudget({ store, sleep: time.sleep });
    const order: number[] = [];
    const calls = Array.from({ length: 8 }, (_, i) => budget.acquire('bulk').then(() => order.push(i)));
    await time.settle();
    await time.advance(4_000);
    await Promise.all(calls);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('an aborted bulk caller leaves the line, or passes its turn on: the others still get theirs', async () => {
    const time = fakeTime();
    const store = createMemoryBudgetStore({ perSecond: 10, now: () => time.clock.now });
    const budget = createRequestBudget({ store, sleep: time.sleep });
    await budget.pause(2_000);
    const first = new AbortController();
    const second = new AbortController();
    const a = track(time, budget.acquire('bulk', first.signal)); // its turn: sleeping out the pause
    const b = track(time, budget.acquire('bulk', second.signal)); // in line
    const c = track(time, budget.acquire('bulk'));
    await time.settle();
    second.abort(new Error('b cancelled'));
    first.abort(new Error('a cancelled'));
    await time.settle();
    expect(a.error).toEqual(new Error('a cancelled'));
    expect(b.error).toEqual(new Error('b cancelled'));
    await time.advance(2_000);
    expect(c.at).toBe(1_002_000);
    // And the line is free again.
    const d = track(time, budget.acquire('bulk'));
    await time.settle();
    expect(d.at).toBe(1_002_000);
  });

  it('an aborted caller waiting on a slow store is not held by it', async () => {
    const slow: BudgetStore = {
      take: () => new Promise<Take>(() => {}),
      pause: async () => {},
    };
    const budget = createRequestBudget({ store: slow });
    const controller = new AbortController();
    const acquiring = budget.acquire('bulk', controller.signal);
    controller.abort(new Error('list cancelled'));
    await expect(acquiring).rejects.toThrow('list cancelled');
  });

  it('with real timers, an abort during a 429 pause returns well within a second', async () => {
    const budget = createRequestBudget({ store: createMemoryBudgetStore({ perSecond: 10 }) });
    await budget.pause(30_000);
    const started = performance.now();
    await expect(budget.acquire('bulk', AbortSignal.timeout(50))).rejects.toMatchObject({ name: 'TimeoutError' });
    // Generous for a loaded machine: the wait is cut by the signal, not by the pause's 30 s.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('an already-aborted signal gets no slot', async () => {
    const budget = createRequestBudget({ store: createMemoryBudgetStore({ perSecond: 10 }) });
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(budget.acquire('interactive', controller.signal)).rejects.toThrow('gone');
  });

  it('asks the store for the priority it was given, and passes a pause on', async () => {
    const seen: Array<Priority | `pause ${number}`> = [];
    const store: BudgetStore = {
      take: async (priority) => {
        seen.push(priority);
        return { ok: true };
      },
      pause: async (ms) => {
        seen.push(`pause ${ms}`);
      },
    };
    const budget = createRequestBudget({ store });
    await budget.acquire('interactive');
    await budget.acquire('bulk');
    await budget.pause(5_000);
    expect(seen).toEqual(['interactive', 'bulk', 'pause 5000']);
  });
});
