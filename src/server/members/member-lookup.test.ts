import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { redisForThisFile } from '../../../test/test-redis';
import type { Member } from '../../contract/member';
import { problems } from '../../contract/problem';
import { demoMembers, SPECIAL_IDS } from '../../demo-whop/fixtures';
import type { UpstreamOutcome } from '../upstream/upstream-call';
import type { CachedMember, MemberCache } from './member-cache';
import { createMemberGenerations } from './member-generations';
import { createMemberLookup, type MemberLookupOptions } from './member-lookup';
import type { MemberSource } from './member-source';
import { createRedisMemberCache } from './redis-member-cache';

const member = demoMembers(0)[0]!;
const options: MemberLookupOptions = { cacheTtlMs: 5000, notFoundTtlMs: 2000, cacheMax: 10, concurrency: 2, queue: 2 };

/** A source whose answers the test releases by hand, counting calls per id. */
function controlledSource(
  answer: (id: string) => UpstreamOutcome<Member> = () => ({
    ok: true,
    value: member,
    attempts: 1,
    upstreamStatus: 200,
  }),
) {
  const calls: string[] = [];
  const pending: Array<() => void> = [];
  const source: MemberSource = (id) => {
    calls.push(id);
    return new Promise((resolve) => pending.push(() => resolve(answer(id))));
  };
  return {
    source,
    calls,
    releaseAll: () => {
      for (const release of pending.splice(0)) release();
    },
  };
}

let t: TestApp | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await t?.close();
  t = undefined;
});

/** Fake timers, and the cache reading their clock. */
function fakeClock() {
  vi.useFakeTimers();
  return { now: () => Date.now() };
}

/** One lookup whose upstream answer is released at once. */
async function settled(
  lookup: ReturnType<typeof createMemberLookup>,
  s: ReturnType<typeof controlledSource>,
  id: string,
) {
  const p = lookup(id);
  s.releaseAll();
  return p;
}

describe('createMemberLookup', () => {
  it("never joins calls a caller may stop: one bulk list's Cancel cannot fail another's row", async () => {
    const s = controlledSource();
    const lookup = createMemberLookup(s.source, {
      cacheTtlMs: 0,
      notFoundTtlMs: 0,
      cacheMax: 10,
      concurrency: 4,
      queue: 4,
    });
    const cancelled = new AbortController();
    const first = lookup('mber_a', { signal: cancelled.signal });
    const second = lookup('mber_a', { signal: new AbortController().signal });
    await Promise.resolve();
    expect(s.calls).toEqual(['mber_a', 'mber_a']);
    cancelled.abort();
    s.releaseAll();
    expect((await second).ok).toBe(true);
    expect((await first).coalesced).toBe(false);
  });

  it('never joins a call asked before Whop reported a change to the member: the page refetching because of it gets the new answer', async () => {
    const s = controlledSource();
    const generations = createMemberGenerations();
    const lookup = createMemberLookup(s.source, { ...options, concurrency: 8, cacheTtlMs: 0, generations });
    const before = lookup('mber_a');
    const joined = lookup('mber_a');
    generations.bump(['mber_a', 'user_a']);
    const after = lookup('mber_a');
    const alsoAfter = lookup('mber_a');
    const other = lookup('mber_b');
    await Promise.resolve();
    expect(s.calls).toEqual(['mber_a', 'mber_a', 'mber_b']);
    s.releaseAll();
    const coalesced = (await Promise.all([before, joined, after, alsoAfter, other])).map((r) => r.coalesced);
    expect(coalesced).toEqual([false, true, false, true, false]);
  });

  it('coalesces 100 concurrent lookups of one slow id into exactly 1 upstream call', async () => {
    t = await startTestApp({ deadlineMs: 5000 });
    const responses = await Promise.all(Array.from({ length: 100 }, () => t!.get(`/api/members/${SPECIAL_IDS.slow}`)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(t.whop.callsFor(SPECIAL_IDS.slow)).toBe(1);
    const lines = t.logs.filter((l) => l.route === '/api/members/:id');
    expect(lines.filter((l) => l.coalesced === true)).toHaveLength(99);
  });

  it('serves a found member from the cache within its TTL, then asks again', async () => {
    const clock = fakeClock();
    const s = controlledSource();
    const lookup = createMemberLookup(s.source, { ...options, cacheTtlMs: 1000, ...clock });
    expect(await settled(lookup, s, 'mber_a')).toMatchObject({ ok: true, cached: false });
    vi.advanceTimersByTime(999);
    expect(await lookup('mber_a')).toMatchObject({ ok: true, cached: true, attempts: 0 });
    expect(s.calls).toEqual(['mber_a']);
    vi.advanceTimersByTime(2);
    expect(await settled(lookup, s, 'mber_a')).toMatchObject({ cached: false });
    expect(s.calls).toEqual(['mber_a', 'mber_a']);
  });

  it('remembers a 404 for notFoundTtlMs, then asks again; never caches other errors', async () => {
    const clock = fakeClock();
    const s = controlledSource((id) =>
      id === 'mber_gone'
        ? { ok: false, problem: problems.memberNotFound(), attempts: 1, upstreamStatus: 404 }
        : { ok: false, problem: problems.upstreamError(), attempts: 3, upstreamStatus: 500 },
    );
    const lookup = createMemberLookup(s.source, { ...options, cacheTtlMs: 5000, notFoundTtlMs: 2000, ...clock });
    expect(await settled(lookup, s, 'mber_gone')).toMatchObject({ ok: false, cached: false });
    vi.advanceTimersByTime(1999);
    expect(await lookup('mber_gone')).toMatchObject({
      ok: false,
      problem: { code: 'member_not_found' },
      cached: true,
      attempts: 0,
    });
    expect(s.calls).toEqual(['mber_gone']);
    vi.advanceTimersByTime(2);
    expect(await settled(lookup, s, 'mber_gone')).toMatchObject({ cached: false });
    expect(s.calls).toEqual(['mber_gone', 'mber_gone']);
    await settled(lookup, s, 'mber_broken');
    await settled(lookup, s, 'mber_broken');
    expect(s.calls).toEqual(['mber_gone', 'mber_gone', 'mber_broken', 'mber_broken']);
  });

  it('never remembers a 404 longer than a found member', async () => {
    const clock = fakeClock();
    const s = controlledSource(() => ({
      ok: false,
      problem: problems.memberNotFound(),
      attempts: 1,
      upstreamStatus: 404,
    }));
    const lookup = createMemberLookup(s.source, { ...options, cacheTtlMs: 1000, notFoundTtlMs: 2000, ...clock });
    await settled(lookup, s, 'mber_gone');
    vi.advanceTimersByTime(999);
    expect(await lookup('mber_gone')).toMatchObject({ cached: true });
    vi.advanceTimersByTime(2);
    expect(await settled(lookup, s, 'mber_gone')).toMatchObject({ cached: false });
    expect(s.calls).toHaveLength(2);
  });

  it('does not remember a 404 when notFoundTtlMs is 0', async () => {
    const s = controlledSource(() => ({
      ok: false,
      problem: problems.memberNotFound(),
      attempts: 1,
      upstreamStatus: 404,
    }));
    const lookup = createMemberLookup(s.source, { ...options, notFoundTtlMs: 0 });
    await settled(lookup, s, 'mber_gone');
    await settled(lookup, s, 'mber_gone');
    expect(s.calls).toHaveLength(2);
  });

  it('as compose.ts wires it: "no such member" is remembered for 3 s, then Whop is asked again', async () => {
    const clock = { now: 1_000_000 };
    t = await startTestApp({ lookup: { cacheTtlMs: 5000 }, now: () => clock.now });
    const ask = async () => (await t!.get(`/api/members/${SPECIAL_IDS.notFound}`)).status;
    expect(await ask()).toBe(404);
    clock.now += 2999;
    expect(await ask()).toBe(404);
    expect(t.whop.callsFor(SPECIAL_IDS.notFound)).toBe(1);
    clock.now += 2;
    expect(await ask()).toBe(404);
    expect(t.whop.callsFor(SPECIAL_IDS.notFound)).toBe(2);
  });

  it('holds at most `concurrency` calls in flight, queues up to `queue`, and answers busy beyond', async () => {
    const s = controlledSource();
    const lookup = createMemberLookup(s.source, { ...options, cacheTtlMs: 0, concurrency: 2, queue: 2 });
    const running = ['mber_1', 'mber_2', 'mber_3', 'mber_4'].map((id) => lookup(id));
    await Promise.resolve();
    expect(s.calls).toEqual(['mber_1', 'mber_2']);
    const rejected = await lookup('mber_5');
    expect(rejected).toMatchObject({
      ok: false,
      problem: { status: 503, code: 'busy', retryAfterSeconds: 1 },
      attempts: 0,
    });
    s.releaseAll();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.calls).toEqual(['mber_1', 'mber_2', 'mber_3', 'mber_4']);
    s.releaseAll();
    expect((await Promise.all(running)).every((r) => r.ok)).toBe(true);
  });

  it('answers 503 busy with Retry-After over HTTP when the queue is full, without waiting for the slot', async () => {
    t = await startTestApp({ deadlineMs: 15_000, lookup: { concurrency: 1, queue: 0 } });
    let heldDone = false;
    const held = t.get(`/api/members/${SPECIAL_IDS.hang}`).then((res) => {
      heldDone = true;
      return res;
    });
    // The slot is taken once the stand-in has the call, which it never answers: the slot
    // stays taken until the test lets it go, however slowly the busy answer comes.
    await vi.waitFor(() => expect(t!.whop.callsFor(SPECIAL_IDS.hang)).toBe(1), { timeout: 10_000 });
    const busy = await t.get('/api/members/mber_demoAvaChen');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ error: { code: 'busy' } });
    expect(heldDone).toBe(false);
    expect(t.whop.callsFor('mber_demoAvaChen')).toBe(0);
    // Only now does the held call end, with its own answer: the stand-in going away breaks it.
    await t.whop.close();
    expect((await held).status).toBe(502);
  });
});

describe('what the cache is told (metrics)', () => {
  const recorder = () => {
    const seen: string[] = [];
    return { seen, observe: { cache: (r: 'hit' | 'miss') => seen.push(r), coalesced: () => seen.push('coalesced') } };
  };

  it('with the cache on: a miss, then a hit; an explicit refresh is neither', async () => {
    const s = controlledSource();
    const r = recorder();
    const lookup = createMemberLookup(s.source, { ...options, cacheTtlMs: 5000, observe: r.observe });
    await settled(lookup, s, 'mber_a');
    await lookup('mber_a');
    const fresh = lookup('mber_a', { fresh: true });
    s.releaseAll();
    await fresh;
    expect(r.seen).toEqual(['miss', 'hit']);
  });

  it('with the cache off: no hits or misses are counted at all', async () => {
    const s = controlledSource();
    const r = recorder();
    const lookup = createMemberLookup(s.source, { ...options, cacheTtlMs: 0, observe: r.observe });
    await settled(lookup, s, 'mber_a');
    await settled(lookup, s, 'mber_a');
    expect(r.seen).toEqual([]);
  });
});

describe('a cache that answers later (Redis)', () => {
  it('a lookup answers only once the cache holds its answer', async () => {
    const s = controlledSource();
    let stored: () => void = () => {};
    const slowCache: MemberCache = {
      get: async () => undefined,
      set: () => new Promise<void>((resolve) => (stored = resolve)),
      delete: () => {},
    };
    const lookup = createMemberLookup(s.source, { ...options, cacheTtlMs: 5000, cache: slowCache });
    let answered = false;
    const p = lookup('mber_a').then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    s.releaseAll();
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    stored();
    expect(await p).toMatchObject({ ok: true, cached: false });
  });

  describe('in a real Redis', () => {
    const { client } = redisForThisFile();

    it('"no such member" found through one instance is served by another without asking Whop', async () => {
      const s = controlledSource(() => ({
        ok: false,
        problem: problems.memberNotFound(),
        attempts: 1,
        upstreamStatus: 404,
      }));
      const one = createMemberLookup(s.source, { ...options, cache: createRedisMemberCache(await client('wml-nf:')) });
      const two = createMemberLookup(s.source, { ...options, cache: createRedisMemberCache(await client('wml-nf:')) });
      // Redis answers the cache read first; the call to Whop comes after it.
      const first = one('mber_gone');
      // A Redis round trip on a loaded machine can outlast waitFor's default second.
      await vi.waitFor(() => expect(s.calls).toHaveLength(1), { timeout: 10_000 });
      s.releaseAll();
      expect(await first).toMatchObject({ ok: false, cached: false });
      expect(await two('mber_gone')).toMatchObject({
        ok: false,
        problem: { status: 404, code: 'member_not_found' },
        cached: true,
        attempts: 0,
      });
      expect(s.calls).toEqual(['mber_gone']);
      const stored: CachedMember | undefined = JSON.parse((await (await client('')).get('wml-nf:member:mber_gone'))!);
      expect(stored).toEqual({ kind: 'not_found' });
    });
  });
});
