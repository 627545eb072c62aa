import { setTimeout as delay } from 'node:timers/promises';

/**
 * The shared budget of Whop calls (WHOP_REQUESTS_PER_SECOND), with two priorities
 * (docs/decisions/0032):
 * - `interactive`, one person's lookup: may use the whole budget and never waits behind
 *   bulk work; at least one call a second is always kept for it.
 * - `bulk`, a list's rows: takes only what is left, and while single lookups have been
 *   seen lately it leaves half the budget to them. It waits for a slot, can be aborted,
 *   and a 429's Retry-After (pause) holds every bulk caller back, on every instance.
 * Every call, of either kind, counts in one sliding window of a second: never more than
 * the budget in any one-second window.
 */
export type Priority = 'interactive' | 'bulk';

/** What one attempt to take a slot came to: a slot, or how long until one may be free. */
export type Take = { ok: true } | { ok: false; retryInMs: number };

/** Where the window is counted: this process's memory, or Redis for every instance. */
export type BudgetStore = {
  take(priority: Priority): Promise<Take>;
  /** Whop answered 429: no bulk slot for `ms` (a longer pause already set stays). */
  pause(ms: number): Promise<void>;
};

/** The window Whop's budget is stated in: never more than WHOP_REQUESTS_PER_SECOND calls in any one second. */
export const WINDOW_MS = 1_000;
/**
 * How much longer than WINDOW_MS each call is counted here. Between taking its slot and
 * being noted by Whop a call spends a few ms (the SDK, a socket, the other side's event
 * loop), not always the same few: counted at exactly a second, calls a second apart here
 * were seen 21 to a second at the stand-in with a budget of 20 (issue 27's bench). 25 ms
 * more costs a list 2.5 % of its pace.
 */
export const SEND_MARGIN_MS = 25;
/**
 * The longest a 429 pauses bulk work. Whop's Retry-After is trusted up to this; past it a list
 * goes on asking (and pauses again if Whop still says 429). Unbounded, a Retry-After of a day
 * held every list for a day, and one far enough out made a date that cannot be written.
 */
export const MAX_PAUSE_MS = 5 * 60 * 1000;
/** How long each call counts against the budget: the window and the margin. */
export const COUNTED_MS = WINDOW_MS + SEND_MARGIN_MS;
/** Single lookups seen within this long count as "a person is looking members up now". */
export const INTERACTIVE_ACTIVE_MS = 10_000;

/** How many calls in a window each kind may bring the count up to. */
export type BudgetCaps = {
  interactive: number;
  /** Bulk's cap while no single lookup was seen for INTERACTIVE_ACTIVE_MS: all but one. */
  bulkIdle: number;
  /** Bulk's cap while single lookups are going on: half, rounded down (at least 1). */
  bulkActive: number;
};

/** The caps for a budget of `perSecond` (at least 2, so one slot is always kept for single lookups). */
export function budgetCaps(perSecond: number): BudgetCaps {
  if (!Number.isInteger(perSecond) || perSecond < 2) {
    throw new RangeError(`A request budget needs a whole number of at least 2 per second, not ${perSecond}`);
  }
  return {
    interactive: perSecond,
    bulkIdle: perSecond - 1,
    bulkActive: Math.max(1, Math.floor(perSecond / 2)),
  };
}

/**
 * This process's own window: the default, and the fallback of the Redis store. The same
 * rule as the Redis script (redis-budget-store.ts), step for step.
 */
export function createMemoryBudgetStore(options: { perSecond: number; now?: () => number }): BudgetStore {
  const caps = budgetCaps(options.perSecond);
  const now = options.now ?? Date.now;
  /** Times of the calls in the window, oldest first. */
  let taken: number[] = [];
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let interactiveAt = Number.NEGATIVE_INFINITY;

  return {
    async take(priority) {
      const at = now();
      taken = taken.filter((t) => t > at - COUNTED_MS);
      let cap = caps.interactive;
      if (priority === 'bulk') {
        if (pausedUntil > at) return { ok: false, retryInMs: pausedUntil - at };
        cap = at - interactiveAt < INTERACTIVE_ACTIVE_MS ? caps.bulkActive : caps.bulkIdle;
      } else {
        interactiveAt = at;
      }
      if (taken.length < cap) {
        taken.push(at);
        return { ok: true };
      }
      // Below the cap again once the (count - cap + 1)th oldest call leaves the window.
      const freesAt = (taken[taken.length - cap] ?? at) + COUNTED_MS;
      return { ok: false, retryInMs: Math.max(1, freesAt - at) };
    },
    async pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
  };
}

export type RequestBudget = {
  /**
   * Resolves once the call may be made. Rejects with the signal's reason when it is
   * aborted first (within the current wait, never later than a second).
   */
  acquire(priority: Priority, signal?: AbortSignal): Promise<void>;
  /** Whop answered 429 with this Retry-After: every bulk caller, on every instance, waits it out. */
  pause(ms: number): Promise<void>;
  /**
   * When the latest pause set through this instance ends (epoch ms; 0: none), for a bulk
   * list's `paused_until`. A pause set by another instance is not known here until a 429 is seen here too.
   */
  pausedUntil(): number;
};

/** Waits `ms`, or rejects at once when `signal` is aborted; injected by tests with a fake clock. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/** The longest one wait lasts before the store is asked again (a pause set meanwhile is longer). */
const MAX_STEP_MS = WINDOW_MS;

/**
 * Callers wait in this process, asking the store again when it says a slot may be free.
 * Here, a bulk caller also steps aside while a single lookup of this instance waits, so
 * that lookup takes the next slot.
 */
/** The spacing of bulk calls for a budget of `perSecond`: bulk's idle share spread over the counted window. */
export function bulkSpacing(perSecond: number): number {
  return COUNTED_MS / budgetCaps(perSecond).bulkIdle;
}

export function createRequestBudget(options: {
  store: BudgetStore;
  sleep?: Sleep;
  /** Told how long each slot that was given took to get (metrics); not told of aborted waits. */
  onWait?: (priority: Priority, seconds: number) => void;
  /**
   * The least time between two bulk calls of this instance (bulkSpacing()); 0: none. The
   * window alone lets a list take its whole share at once and then wait; a burst's calls
   * reach Whop a few ms apart, not always the same few, so two bursts a second apart here
   * could land in one second there (the stand-in saw 17 calls in one second of a budget of
   * 10, issue 27's bench). Spread out, a late call can add at most one to a second.
   */
  bulkSpacingMs?: number;
  /** The clock of the spacing (ms); performance.now by default. */
  now?: () => number;
}): RequestBudget {
  const { store, onWait } = options;
  const spacingMs = options.bulkSpacingMs ?? 0;
  const clock = options.now ?? (() => performance.now());
  /** When the next bulk caller of this instance may ask the store. */
  let bulkNextAt = Number.NEGATIVE_INFINITY;
  const sleep = options.sleep ?? realSleep;
  let interactiveWaiting = 0;
  let interactiveDone: Array<() => void> = [];
  let pausedUntil = 0;

  const aborted = (signal: AbortSignal | undefined) => signal?.reason ?? new DOMException('Aborted', 'AbortError');

  /** `promise`, or a rejection as soon as `signal` aborts (a store call may take its command timeout). */
  const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
    if (!signal) return promise;
    if (signal.aborted) return Promise.reject(aborted(signal));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(aborted(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
  };

  const noInteractiveWaiting = (signal: AbortSignal | undefined) =>
    untilAborted(new Promise<void>((resolve) => interactiveDone.push(resolve)), signal);

  const wait = async (ms: number, signal: AbortSignal | undefined) => {
    try {
      await sleep(Math.min(Math.max(1, ms), MAX_STEP_MS), signal);
    } catch (err) {
      throw signal?.aborted ? aborted(signal) : err;
    }
  };

  /**
   * Bulk callers of this instance take turns, first come first served: only the one whose
   * turn it is asks the store, so a thousand waiting rows make one Redis call a wait, not
   * a thousand. An aborted caller leaves the line, or passes its turn on.
   */
  let bulkTurnTaken = false;
  const bulkLine: Array<{ go: () => void; given: boolean }> = [];

  const releaseBulkTurn = () => {
    const next = bulkLine.shift();
    if (next) {
      next.given = true;
      next.go();
    } else {
      bulkTurnTaken = false;
    }
  };

  const bulkTurn = async (signal: AbortSignal | undefined): Promise<void> => {
    if (signal?.aborted) throw aborted(signal);
    if (!bulkTurnTaken) {
      bulkTurnTaken = true;
      return;
    }
    const place = { go: () => {}, given: false };
    const turn = new Promise<void>((resolve) => {
      place.go = resolve;
    });
    bulkLine.push(place);
    try {
      await untilAborted(turn, signal);
    } catch (err) {
      if (place.given) releaseBulkTurn();
      else bulkLine.splice(bulkLine.indexOf(place), 1);
      throw err;
    }
  };

  async function takeSlot(priority: Priority, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw aborted(signal);
      if (priority === 'bulk' && interactiveWaiting > 0) {
        await noInteractiveWaiting(signal);
        continue;
      }
      const taken = await untilAborted(store.take(priority), signal);
      if (taken.ok) return;
      await wait(taken.retryInMs, signal);
    }
  }

  const timed = async (priority: Priority, signal: AbortSignal | undefined): Promise<void> => {
    const started = performance.now();
    await acquire(priority, signal);
    onWait?.(priority, (performance.now() - started) / 1000);
  };

  async function acquire(priority: Priority, signal: AbortSignal | undefined): Promise<void> {
    if (priority === 'bulk') {
      await bulkTurn(signal);
      let hold = 0;
      try {
        const wait = bulkNextAt - clock();
        if (wait > 0)
          await sleep(wait, signal).catch((err: unknown) => Promise.reject(signal?.aborted ? aborted(signal) : err));
        await takeSlot(priority, signal);
        // The next bulk call goes `spacingMs` after this one was due, so late timers do not
        // slow a list down; after now when this one is more than half a step late (an idle
        // budget, a wait for the window), so a late call is not made up for by a burst.
        const at = clock();
        bulkNextAt = (at - bulkNextAt <= spacingMs / 2 ? bulkNextAt : at) + spacingMs;
        hold = bulkNextAt - at;
        return;
      } finally {
        // The turn is passed on when the next call is due, so the caller after waits its step.
        if (hold > 0) void sleep(hold).then(releaseBulkTurn, releaseBulkTurn);
        else releaseBulkTurn();
      }
    }
    interactiveWaiting += 1;
    try {
      return await takeSlot(priority, signal);
    } finally {
      interactiveWaiting -= 1;
      if (interactiveWaiting === 0) {
        const waiting = interactiveDone;
        interactiveDone = [];
        for (const resolve of waiting) resolve();
      }
    }
  }

  return {
    acquire: onWait ? timed : acquire,
    pause: (asked) => {
      const ms = Math.min(Math.max(0, asked), MAX_PAUSE_MS) || 0;
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
      return store.pause(ms);
    },
    pausedUntil: () => pausedUntil,
  };
}
