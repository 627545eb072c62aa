import { afterEach, describe, expect, it } from 'vitest';
import { collectLogs } from '../../../test/test-app';
import type { BulkList } from '../../contract/bulk';
import type { SearchQuery } from '../../contract/search-query';
import { createLogger } from '../ops/logger';
import type { BulkAnswer } from './bulk-resolve';
import { type BulkLists, type BulkObserver, createBulkLists } from './bulk-runner';
import { type BulkListStore, createMemoryBulkStore } from './bulk-store';

/**
 * The runner on the memory store with a scripted resolver: which rows are asked, what they
 * come to, versions and `since`, cancel, one list per person, the lease and takeover. Two
 * runners on one store stand for two instances. Timings are short; nothing sleeps for long.
 */

const FAST = { flushMs: 10, heartbeatMs: 20, leaseMs: 200, cancelCheckMs: 20, concurrency: 4 };
const found = (id: string): BulkAnswer => ({
  outcome: 'found',
  member: {
    id,
    name: null,
    username: 'u',
    email: null,
    access_level: 'customer',
    status: 'joined',
    most_recent_action: null,
    most_recent_action_at: null,
    usd_total_spent: 0,
    company_token_balance: 0,
    joined_at: '2026-01-01T00:00:00.000Z',
  },
});

type Script = (query: SearchQuery, signal: AbortSignal, call: number) => Promise<BulkAnswer>;
const stopped: BulkLists[] = [];
afterEach(async () => {
  await Promise.all(stopped.splice(0).map((b) => b.stop()));
});

function instance(
  script: Script,
  options: { store?: BulkListStore; now?: () => number; timings?: object; events?: string[] } = {},
) {
  const asked: string[] = [];
  const store = options.store ?? createMemoryBulkStore({ now: options.now });
  const observe: BulkObserver = {
    bulkList: (event) => options.events?.push(`list:${event}`),
    bulkRows: (outcome, rows) => options.events?.push(`rows:${outcome}:${rows}`),
  };
  const bulk = createBulkLists({
    store,
    resolve: (query, signal) => {
      asked.push(query.value);
      return script(query, signal, asked.length);
    },
    logger: createLogger('info', collectLogs().sink),
    observe,
    now: options.now,
    timings: { ...FAST, ...options.timings },
  });
  stopped.push(bulk);
  return { bulk, store, asked };
}

/** Reads the list until `check` holds (or 3 s pass: then the last read, for the failure message). */
async function until(bulk: BulkLists, id: string, check: (list: BulkList) => boolean): Promise<BulkList> {
  const end = Date.now() + 3_000;
  for (;;) {
    const list = await bulk.read(id);
    if (!list) throw new Error('list gone');
    if (check(list) || Date.now() > end) return list;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A resolver that never answers until stopped: a list that keeps running. */
const never: Script = (_q, signal) =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

const memberOrNot: Script = async (query) =>
  query.value.startsWith('mber_ok') ? found(query.value) : { outcome: 'not_found' };

describe('a list', () => {
  it('settles invalid lines at once, asks each distinct query once, and ends done with its counts', async () => {
    const events: string[] = [];
    const { bulk, asked } = instance(memberOrNot, { events });
    const lines = ['mber_ok1', 'biz_nope', 'mber_ok1', 'mber_gone', 'https://whop.com/x/mber_ok1/'];
    const started = await bulk.create('alice', lines);
    if (!started.ok) throw new Error(started.problem.message);
    expect(started.list).toMatchObject({ state: 'running', counts: { total: 5, done: 1, invalid: 1 } });
    expect(started.list.rows[1]).toMatchObject({ outcome: 'invalid', message: expect.stringContaining('company id') });

    const done = await until(bulk, started.list.id, (l) => l.state === 'done');
    expect(done.counts).toEqual({
      total: 5,
      done: 5,
      found: 3,
      not_found: 1,
      ambiguous: 0,
      invalid: 1,
      failed: 0,
      cancelled: 0,
    });
    expect(done.rows.map((r) => r.outcome)).toEqual(['found', 'invalid', 'found', 'not_found', 'found']);
    expect(asked.sort()).toEqual(['mber_gone', 'mber_ok1']);
    expect(done.eta_seconds).toBeNull();
    expect(events).toEqual(expect.arrayContaining(['list:created', 'rows:invalid:1', 'rows:found:3', 'list:done']));
  });

  it('every change raises the version; `since` answers only the rows changed after it', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { bulk } = instance(async (q) => {
      if (q.value === 'mber_okLate') await gate;
      return found(q.value);
    });
    const started = await bulk.create('alice', ['mber_okA', 'mber_okLate', 'mber_okB']);
    if (!started.ok) throw new Error('not started');
    const first = await until(bulk, started.list.id, (l) => l.counts.done === 2);
    expect(first.rows.filter((r) => r.outcome === 'pending').map((r) => r.index)).toEqual([1]);
    release();
    const done = await until(bulk, started.list.id, (l) => l.state === 'done');
    expect(done.version).toBeGreaterThan(first.version);
    const since = await bulk.read(started.list.id, first.version);
    expect(since?.rows.map((r) => r.index)).toEqual([1]);
    expect(since?.rows[0]?.version).toBeGreaterThan(first.version);
    expect(since?.counts.found).toBe(3);
    expect((await bulk.read(started.list.id, done.version))?.rows).toEqual([]);
  });

  it('a 429 ("again") is asked again, after the pause: no row fails for it, and paused_until shows meanwhile', async () => {
    let limited = 0;
    const { bulk } = instance(async (q, _s, call) => {
      if (call <= 2) {
        limited += 1;
        return { outcome: 'again', retryAfterSeconds: 30 };
      }
      return found(q.value);
    });
    const started = await bulk.create('alice', ['mber_okA', 'mber_okB']);
    if (!started.ok) throw new Error('not started');
    const done = await until(bulk, started.list.id, (l) => l.state === 'done');
    expect(limited).toBe(2);
    expect(done.counts).toMatchObject({ found: 2, failed: 0 });
    expect(done.paused_until).toBeNull();
  });

  it('tells the seconds left at the pace of the last answers', async () => {
    let clock = 1_000_000;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { bulk } = instance(
      async (q) => {
        clock += 100;
        if (q.value === 'mber_ok9') await gate;
        return found(q.value);
      },
      { now: () => clock, timings: { concurrency: 1, leaseMs: 2 ** 30 } },
    );
    const started = await bulk.create(
      'alice',
      Array.from({ length: 10 }, (_, i) => `mber_ok${i}`),
    );
    if (!started.ok) throw new Error('not started');
    expect(started.list.eta_seconds).toBeNull();
    const nine = await until(bulk, started.list.id, (l) => l.counts.done === 9 && l.eta_seconds !== null);
    // One query left, answered one per 100 ms: under a second, so 1.
    expect(nine.eta_seconds).toBe(1);
    release();
    expect((await until(bulk, started.list.id, (l) => l.state === 'done')).eta_seconds).toBeNull();
  });

  it('is gone an hour after its last change', async () => {
    let clock = 1_000_000;
    const { bulk } = instance(memberOrNot, { now: () => clock, timings: { leaseMs: 2 ** 30 } });
    const started = await bulk.create('alice', ['mber_ok1']);
    if (!started.ok) throw new Error('not started');
    await until(bulk, started.list.id, (l) => l.state === 'done');
    clock += 60 * 60 * 1000 - 1;
    expect(await bulk.read(started.list.id)).toBeDefined();
    clock += 1;
    expect(await bulk.read(started.list.id)).toBeUndefined();
  });
});

describe('cancel', () => {
  it('stops the calls in flight within a second, keeps the rows done, and the rest say cancelled', async () => {
    const { bulk, asked } = instance(async (q, signal) =>
      q.value === 'mber_ok1' ? found(q.value) : never(q, signal, 0),
    );
    const lines = ['mber_ok1', ...Array.from({ length: 30 }, (_, i) => `mber_x${i}`)];
    const started = await bulk.create('alice', lines);
    if (!started.ok) throw new Error('not started');
    await until(bulk, started.list.id, (l) => l.counts.found === 1);
    const askedBefore = asked.length;
    const t0 = performance.now();
    const list = await bulk.cancel(started.list.id);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(list).toMatchObject({ state: 'cancelled', counts: { total: 31, done: 31, found: 1, cancelled: 30 } });
    expect(list?.rows[0]).toMatchObject({ outcome: 'found' });
    await new Promise((r) => setTimeout(r, 50));
    expect(asked.length).toBe(askedBefore);
  });

  it('asked at another instance, stops the runner within a second', async () => {
    const store = createMemoryBulkStore();
    const a = instance(never, { store });
    const b = instance(never, { store });
    const started = await a.bulk.create('alice', ['mber_x1', 'mber_x2']);
    if (!started.ok) throw new Error('not started');
    await until(b.bulk, started.list.id, (l) => l.state === 'running');
    const t0 = performance.now();
    const list = await b.bulk.cancel(started.list.id);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(list).toMatchObject({ state: 'cancelled', counts: { cancelled: 2 } });
  });

  it('retry puts failed and cancelled rows back and runs them', async () => {
    let fail = true;
    const { bulk } = instance(async (q, signal) => {
      if (q.value === 'mber_okFlaky' && fail) return { outcome: 'failed', message: 'Whop answered with an error.' };
      if (q.value === 'mber_okHang' && fail) return never(q, signal, 0);
      return found(q.value);
    });
    const started = await bulk.create('alice', ['mber_okFlaky', 'mber_okHang', 'mber_okFine']);
    if (!started.ok) throw new Error('not started');
    await until(bulk, started.list.id, (l) => l.counts.done === 2);
    await bulk.cancel(started.list.id);
    fail = false;
    const again = await bulk.retry(started.list.id, 'alice');
    expect(again).toMatchObject({ ok: true, list: { state: 'running' } });
    const done = await until(bulk, started.list.id, (l) => l.state === 'done');
    expect(done.counts).toMatchObject({ found: 3, failed: 0, cancelled: 0 });
  });
});

describe('one running list per person', () => {
  it('a second list while one runs is refused, naming it; others and later lists are not', async () => {
    const { bulk } = instance(never);
    const first = await bulk.create('alice', ['mber_x1']);
    if (!first.ok) throw new Error('not started');
    const second = await bulk.create('alice', ['mber_x2']);
    expect(second).toMatchObject({ ok: false, problem: { status: 409, code: 'bulk_list_running' } });
    if (second.ok) throw new Error('started');
    expect(second.problem.message).toContain(first.list.id);
    expect(await bulk.create('bob', ['mber_x3'])).toMatchObject({ ok: true });
    await bulk.cancel(first.list.id);
    expect(await bulk.create('alice', ['mber_x4'])).toMatchObject({ ok: true });
  });

  it('two at once from one person: one starts', async () => {
    const { bulk } = instance(never);
    const both = await Promise.all([bulk.create('alice', ['mber_x1']), bulk.create('alice', ['mber_x2'])]);
    expect(both.filter((s) => s.ok)).toHaveLength(1);
  });
});

describe('the lease', () => {
  it('a list whose instance stopped reads as stalled elsewhere, and a retry there runs the rest', async () => {
    const store = createMemoryBulkStore();
    const a = instance(async (q, signal) => (q.value === 'mber_ok1' ? found(q.value) : never(q, signal, 0)), {
      store,
    });
    const b = instance(memberOrNot, { store });
    const started = await a.bulk.create('alice', ['mber_ok1', 'mber_ok2', 'mber_ok3']);
    if (!started.ok) throw new Error('not started');
    await until(a.bulk, started.list.id, (l) => l.counts.found === 1);
    await a.bulk.stop();
    const stalled = await b.bulk.read(started.list.id);
    expect(stalled).toMatchObject({ state: 'stalled', eta_seconds: null, counts: { found: 1, done: 1 } });
    // The stalled list does not hold its owner back.
    expect(await b.bulk.retry(started.list.id, 'alice')).toMatchObject({ ok: true });
    const done = await until(b.bulk, started.list.id, (l) => l.state === 'done');
    expect(done.counts).toMatchObject({ found: 3, done: 3 });
    expect(b.asked.sort()).toEqual(['mber_ok2', 'mber_ok3']);
  });

  it('runs out when its runner stops renewing it (a crash): stalled once it has expired, not before', async () => {
    let clock = 5_000_000;
    const store = createMemoryBulkStore({ now: () => clock });
    // A runner that never renews (its heartbeat is far off) stands for a crashed instance.
    const a = instance(never, { store, now: () => clock, timings: { heartbeatMs: 2 ** 30, flushMs: 2 ** 30 } });
    const b = instance(never, { store, now: () => clock });
    const started = await a.bulk.create('alice', ['mber_x1']);
    if (!started.ok) throw new Error('not started');
    expect(await b.bulk.read(started.list.id)).toMatchObject({ state: 'running' });
    expect(await b.bulk.retry(started.list.id, 'alice')).toMatchObject({ ok: false, problem: { status: 409 } });
    clock += 200;
    expect(await b.bulk.read(started.list.id)).toMatchObject({ state: 'stalled' });
    // Its owner may start another.
    expect(await b.bulk.create('alice', ['mber_x2'])).toMatchObject({ ok: true });
  });
});
