import { randomUUID } from 'node:crypto';
import type { BulkList, BulkOutcome, BulkRow, BulkState } from '../../contract/bulk';
import { type Problem, problems } from '../../contract/problem';
import { parseSearchQuery, type SearchQuery } from '../../contract/search-query';
import type { Logger } from '../ops/logger';
import { MAX_PAUSE_MS } from '../upstream/request-budget';
import type { BulkAnswer } from './bulk-resolve';
import { bulkQueryKey } from './bulk-resolve';
import { type BulkHead, type BulkListStore, countRows, type StoredList } from './bulk-store';

/**
 * Runs bulk lists (issue 27, docs/decisions/0033). The instance that creates a list (or
 * takes it over by retry) asks its rows, a few at a time, each Whop call paced by the
 * request budget's `bulk` priority; one distinct query is asked once for every row that
 * holds it. Changed rows and the head are written to the store in batches (every
 * `flushMs`), with a lease the runner renews; a `running` list whose lease has run out
 * reads as `stalled`, and a retry on any instance runs the rest.
 */

export type BulkTimings = {
  /** Queries asked at once: enough to use the bulk budget while each waits for its slot. */
  concurrency: number;
  /** How often changed rows are written (one store write for all of them). */
  flushMs: number;
  /** How often the lease is renewed when nothing else was written. */
  heartbeatMs: number;
  /** How long a lease lasts unless renewed: an instance gone this long leaves its list stalled. */
  leaseMs: number;
  /** How often the runner looks for a cancel asked at another instance. */
  cancelCheckMs: number;
  /** Times one query is asked again after a 429 or a busy answer before its rows fail. */
  maxAgain: number;
};

export const BULK_TIMINGS: BulkTimings = {
  concurrency: 8,
  flushMs: 250,
  heartbeatMs: 2_000,
  leaseMs: 10_000,
  cancelCheckMs: 500,
  maxAgain: 20,
};

/** What the runner reports (metrics): lists started and ended, rows by the outcome they came to. */
export type BulkObserver = {
  bulkList(event: 'created' | 'done' | 'cancelled' | 'stalled'): void;
  bulkRows(outcome: BulkOutcome, rows: number): void;
};

export type BulkRunnerDeps = {
  store: BulkListStore;
  /** One query's answer (bulk-resolve.ts over the bulk-priority sources). */
  resolve: (query: SearchQuery, signal: AbortSignal) => Promise<BulkAnswer>;
  logger: Logger;
  observe?: BulkObserver;
  now?: () => number;
  timings?: Partial<BulkTimings>;
  /** When the request budget's bulk pause (a 429 seen here) ends, epoch ms; for `paused_until`. */
  pausedUntil?: () => number;
};

export type Started = { ok: true; list: BulkList } | { ok: false; problem: Problem };

export type BulkLists = {
  /** Starts a list of `lines` for `owner`, or 409 while that person has one running. */
  create(owner: string, lines: readonly string[]): Promise<Started>;
  /** The list, with only the rows changed after `since` when given; undefined when gone. */
  read(id: string, since?: number): Promise<BulkList | undefined>;
  /** Stops it (within a second, wherever it runs): the rows not done become `cancelled`. */
  cancel(id: string): Promise<BulkList | undefined>;
  /** Puts failed and cancelled rows (and a stalled list's pending ones) back, and runs them here. */
  retry(id: string, owner: string): Promise<Started | undefined>;
  /** Process stop: the lists running here stop and read as stalled at once, so a retry elsewhere runs the rest. */
  stop(): Promise<void>;
};

type Query = { query: SearchQuery; indexes: number[]; again: number };

type Run = {
  head: BulkHead;
  rows: BulkRow[];
  queries: Map<string, Query>;
  queue: string[];
  dirty: Set<number>;
  controller: AbortController;
  why: 'cancel' | 'shutdown' | null;
  /** When the last few queries were answered, for the ETA. */
  recent: number[];
  pausedUntil: number;
  lastSaved: number;
  /** The store write in progress: writes never overlap, so they land in order. */
  writing: Promise<void>;
  finished: Promise<void>;
  startedAt: number;
};

const RECENT = 20;

export function createBulkLists(deps: BulkRunnerDeps): BulkLists {
  const { store, logger: log } = deps;
  const now = deps.now ?? Date.now;
  const t: BulkTimings = { ...BULK_TIMINGS, ...deps.timings };
  const runner = randomUUID();
  const local = new Map<string, Run>();
  /** Owners whose create or retry is being decided here, so two at once cannot both pass the check. */
  const deciding = new Set<string>();

  const leaseAlive = (head: BulkHead) => head.lease !== null && head.lease.expires_at > now();

  function toList({ head, rows }: StoredList): BulkList {
    const stalled = head.state === 'running' && !leaseAlive(head);
    const state: BulkState = stalled ? 'stalled' : head.state;
    return {
      id: head.id,
      state,
      created_at: head.created_at,
      version: head.version,
      counts: head.counts,
      eta_seconds: state === 'running' ? head.eta_seconds : null,
      paused_until: state === 'running' ? head.paused_until : null,
      rows,
    };
  }

  /** The list `owner` has running (here or on a live instance), other than `except`. */
  async function runningListOf(owner: string, except?: string): Promise<string | undefined> {
    const id = await store.latestOf(owner);
    if (!id || id === except) return undefined;
    if (local.has(id)) return id;
    const head = await store.head(id);
    return head?.state === 'running' && leaseAlive(head) ? id : undefined;
  }

  const oneAtATime = (id: string): Problem => problems.bulkListRunning(id);

  function headOf(run: Run): BulkHead {
    const at = now();
    const counts = countRows(run.rows);
    const running = run.head.state === 'running';
    const pausedUntil = Math.max(run.pausedUntil, deps.pausedUntil?.() ?? 0);
    return {
      ...run.head,
      counts,
      eta_seconds: running ? eta(run, at) : null,
      paused_until: running && pausedUntil > at ? new Date(pausedUntil).toISOString() : null,
    };
  }

  /** Seconds left at the pace of the last few answers (plus a pause still on); null until there is a pace. */
  function eta(run: Run, at: number): number | null {
    let pendingQueries = 0;
    for (const { indexes } of run.queries.values()) {
      const [first] = indexes;
      if (first !== undefined && run.rows[first]?.outcome === 'pending') pendingQueries += 1;
    }
    if (pendingQueries === 0) return 0;
    const first = run.recent[0];
    if (first === undefined || run.recent.length < 2 || at <= first) return null;
    // Answers a ms over the last few (up to now, so a list that has stopped moving slows down).
    const perMs = (run.recent.length - 1) / (at - first);
    const pause = Math.max(0, Math.max(run.pausedUntil, deps.pausedUntil?.() ?? 0) - at);
    return Math.ceil((pendingQueries / perMs + pause) / 1000);
  }

  /** Writes what changed (and renews the lease); a failed write keeps its rows for the next. */
  function flush(run: Run, force = false): Promise<void> {
    run.writing = run.writing.then(async () => {
      const at = now();
      if (!force && run.dirty.size === 0 && at - run.lastSaved < t.heartbeatMs) return;
      const indexes = [...run.dirty];
      run.dirty.clear();
      const lease = run.why === 'shutdown' ? { runner, expires_at: 0 } : { runner, expires_at: at + t.leaseMs };
      try {
        run.head = { ...headOf(run), lease: run.head.state === 'running' ? lease : null };
        await store.save(
          run.head,
          indexes.flatMap((i) => run.rows[i] ?? []),
        );
        run.lastSaved = at;
      } catch (err) {
        for (const i of indexes) run.dirty.add(i);
        // The message only: ioredis puts a failed command's arguments (the rows' names and emails) on its errors.
        log.warn(
          { event: 'bulk_save_failed', list_id: run.head.id, detail: err instanceof Error ? err.message : String(err) },
          'could not write a bulk list; trying again',
        );
      }
    });
    return run.writing;
  }

  function settle(run: Run, indexes: readonly number[], result: Exclude<BulkAnswer, { outcome: 'again' }>) {
    for (const index of indexes) {
      const row = run.rows[index];
      if (!row) continue;
      run.head.version += 1;
      run.rows[index] = { index, input: row.input, version: run.head.version, ...result };
      run.dirty.add(index);
    }
    deps.observe?.bulkRows(result.outcome, indexes.length);
  }

  async function worker(run: Run) {
    const { signal } = run.controller;
    for (let key = run.queue.shift(); key !== undefined && !signal.aborted; key = run.queue.shift()) {
      const entry = run.queries.get(key);
      if (!entry) continue;
      let answer: BulkAnswer;
      try {
        answer = await deps.resolve(entry.query, signal);
      } catch (err) {
        // The message only: an error may carry what it was working on (a row's text).
        log.error(
          { event: 'bulk_row_error', list_id: run.head.id, detail: err instanceof Error ? err.message : String(err) },
          'a bulk row could not be resolved',
        );
        answer = { outcome: 'failed', message: problems.internal().message };
      }
      // Stopped meanwhile: the row stays pending (cancelled, or left for whoever runs the rest).
      if (signal.aborted) return;
      if (answer.outcome === 'again') {
        entry.again += 1;
        if (answer.retryAfterSeconds !== null)
          run.pausedUntil = Math.max(
            run.pausedUntil,
            now() + (Math.min(answer.retryAfterSeconds * 1000, MAX_PAUSE_MS) || 0),
          );
        if (entry.again <= t.maxAgain) {
          // Asked again once the budget gives it a slot: after the pause, paced like the rest.
          run.queue.push(key);
          continue;
        }
        answer = { outcome: 'failed', message: problems.upstreamRateLimited(answer.retryAfterSeconds ?? 5).message };
      }
      run.recent.push(now());
      if (run.recent.length > RECENT) run.recent.shift();
      settle(run, entry.indexes, answer);
    }
  }

  /** Runs `stored`'s pending rows here, from now on the holder of its lease. */
  function start(stored: StoredList): Run {
    const at = now();
    const run: Run = {
      head: { ...stored.head, state: 'running' },
      rows: stored.rows,
      queries: new Map(),
      queue: [],
      dirty: new Set(),
      controller: new AbortController(),
      why: null,
      recent: [],
      pausedUntil: 0,
      lastSaved: 0,
      writing: Promise.resolve(),
      finished: Promise.resolve(),
      startedAt: at,
    };
    for (const row of run.rows) {
      if (row.outcome !== 'pending') continue;
      const parsed = parseSearchQuery(row.input);
      if (!parsed.ok) continue; // never stored pending: invalid rows are settled at create
      const key = bulkQueryKey(parsed.query);
      const entry = run.queries.get(key);
      if (entry) entry.indexes.push(row.index);
      else run.queries.set(key, { query: parsed.query, indexes: [row.index], again: 0 });
    }
    run.queue = [...run.queries.keys()];
    local.set(run.head.id, run);

    const flushing = setInterval(() => void flush(run), t.flushMs);
    const checking = setInterval(() => {
      void store.cancelRequested(run.head.id).then(
        (asked) => {
          if (asked) stopRun(run, 'cancel');
        },
        () => {},
      );
    }, t.cancelCheckMs);
    const workers = Array.from({ length: Math.min(t.concurrency, Math.max(1, run.queue.length)) }, () => worker(run));
    run.finished = (async () => {
      await Promise.all(workers);
      clearInterval(flushing);
      clearInterval(checking);
      finish(run);
      await flush(run, true);
      local.delete(run.head.id);
      const state = run.why === 'shutdown' ? 'stalled' : run.head.state;
      deps.observe?.bulkList(state === 'running' ? 'done' : (state as 'done' | 'cancelled' | 'stalled'));
      log.info(
        {
          event: 'bulk_list_ended',
          list_id: run.head.id,
          state,
          counts: run.head.counts,
          seconds: Math.round((now() - run.startedAt) / 100) / 10,
        },
        'bulk list ended',
      );
    })();
    return run;
  }

  /** The list's end state: done, or cancelled (rows not done say so), or left running for a takeover. */
  function finish(run: Run) {
    if (run.why === 'shutdown') return;
    if (run.why === 'cancel') {
      let cancelled = 0;
      for (const { index, input, outcome } of run.rows) {
        if (outcome !== 'pending') continue;
        run.head.version += 1;
        run.rows[index] = { index, input, version: run.head.version, outcome: 'cancelled' };
        run.dirty.add(index);
        cancelled += 1;
      }
      if (cancelled > 0) deps.observe?.bulkRows('cancelled', cancelled);
    }
    run.head.version += 1;
    run.head.state = run.why === 'cancel' ? 'cancelled' : 'done';
  }

  function stopRun(run: Run, why: 'cancel' | 'shutdown') {
    run.why ??= why;
    run.controller.abort(new DOMException(`Bulk list ${why}`, 'AbortError'));
  }

  /** Decides for `owner` one at a time on this instance (create and retry). */
  async function asOwner<T extends Started | undefined>(owner: string, decide: () => Promise<T>): Promise<T | Started> {
    if (deciding.has(owner)) {
      const running = await store.latestOf(owner);
      return { ok: false, problem: oneAtATime(running ?? 'being started') };
    }
    deciding.add(owner);
    try {
      return await decide();
    } finally {
      deciding.delete(owner);
    }
  }

  async function read(id: string, since?: number): Promise<BulkList | undefined> {
    const stored = await store.read(id, since);
    return stored && toList(stored);
  }

  return {
    async create(owner, lines) {
      return asOwner(owner, async (): Promise<Started> => {
        const running = await runningListOf(owner);
        if (running) return { ok: false, problem: oneAtATime(running) };
        const id = randomUUID();
        const rows: BulkRow[] = lines.map((input, index) => {
          const parsed = parseSearchQuery(input);
          return parsed.ok
            ? { index, input, version: 1, outcome: 'pending' }
            : { index, input, version: 1, outcome: 'invalid', message: parsed.message };
        });
        const head: BulkHead = {
          id,
          owner,
          state: 'running',
          created_at: new Date(now()).toISOString(),
          version: 1,
          counts: countRows(rows),
          eta_seconds: null,
          paused_until: null,
          lease: { runner, expires_at: now() + t.leaseMs },
        };
        await store.save(head, rows);
        await store.setLatest(owner, id);
        const invalid = rows.filter((row) => row.outcome === 'invalid').length;
        if (invalid > 0) deps.observe?.bulkRows('invalid', invalid);
        deps.observe?.bulkList('created');
        log.info({ event: 'bulk_list_created', list_id: id, rows: rows.length, invalid }, 'bulk list created');
        const run = start({ head, rows });
        return { ok: true, list: toList({ head: headOf(run), rows: [...run.rows] }) };
      });
    },

    read,

    async cancel(id) {
      const run = local.get(id);
      if (run) {
        stopRun(run, 'cancel');
        // Its calls stop at once; a row still queued behind another list's slots may take longer
        // to give up its place, and the page reads the list until it says cancelled.
        await Promise.race([run.finished, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
        return read(id);
      }
      const stored = await store.read(id);
      if (!stored) return undefined;
      if (stored.head.state !== 'running') return toList(stored);
      if (leaseAlive(stored.head)) {
        // Another instance runs it: it looks for the mark every cancelCheckMs; answer once it has stopped.
        await store.requestCancel(id);
        const until = now() + 4 * t.cancelCheckMs + 1_000;
        while (now() < until) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(100, t.cancelCheckMs)));
          const head = await store.head(id);
          if (head?.state !== 'running') break;
        }
        return read(id);
      }
      // Stalled: nobody runs it; the rows not done are cancelled here.
      const version = stored.head.version + 1;
      const rows = stored.rows
        .filter((row) => row.outcome === 'pending')
        .map((row): BulkRow => ({ index: row.index, input: row.input, version, outcome: 'cancelled' }));
      for (const row of rows) stored.rows[row.index] = row;
      const head: BulkHead = {
        ...stored.head,
        state: 'cancelled',
        version,
        counts: countRows(stored.rows),
        eta_seconds: null,
        paused_until: null,
        lease: null,
      };
      await store.save(head, rows);
      if (rows.length > 0) deps.observe?.bulkRows('cancelled', rows.length);
      deps.observe?.bulkList('cancelled');
      log.info({ event: 'bulk_list_ended', list_id: id, state: 'cancelled', counts: head.counts }, 'bulk list ended');
      return toList({ head, rows: stored.rows });
    },

    async retry(id, owner) {
      return asOwner(owner, async (): Promise<Started | undefined> => {
        if (local.has(id)) return { ok: false, problem: problems.bulkListStillRunning() };
        const stored = await store.read(id);
        if (!stored) return undefined;
        if (stored.head.state === 'running' && leaseAlive(stored.head))
          return { ok: false, problem: problems.bulkListStillRunning() };
        const running = await runningListOf(owner, id);
        if (running) return { ok: false, problem: oneAtATime(running) };

        let version = stored.head.version;
        const again: BulkRow[] = [];
        for (const row of stored.rows) {
          if (row.outcome !== 'failed' && row.outcome !== 'cancelled' && row.outcome !== 'pending') continue;
          version += 1;
          const back: BulkRow = { index: row.index, input: row.input, version, outcome: 'pending' };
          stored.rows[row.index] = back;
          again.push(back);
        }
        const head: BulkHead = {
          ...stored.head,
          owner,
          state: 'running',
          version: version + 1,
          counts: countRows(stored.rows),
          lease: { runner, expires_at: now() + t.leaseMs },
        };
        await store.clearCancel(id);
        await store.save(head, again);
        await store.setLatest(owner, id);
        log.info({ event: 'bulk_list_retried', list_id: id, rows: again.length }, 'bulk list run again');
        const run = start({ head, rows: stored.rows });
        return { ok: true, list: toList({ head: headOf(run), rows: [...run.rows] }) };
      });
    },

    async stop() {
      const runs = [...local.values()];
      for (const run of runs) stopRun(run, 'shutdown');
      await Promise.all(runs.map((run) => run.finished));
    },
  };
}
