// Refresh means fresh (issue 14): a request marked `Cache-Control: no-cache` skips the
// member cache, is still coalesced and rate limited, and leaves its answer in the cache.
import { afterEach, describe, expect, it } from 'vitest';
import type { Member } from '../src/contract/member';
import { demoMembers } from '../src/demo-whop/fixtures';
import { createMemberLookup } from '../src/server/members/member-lookup';
import type { UpstreamOutcome } from '../src/server/upstream/upstream-call';
import { startTestApp, type TestApp } from './test-app';

const before: Member = demoMembers(0)[0]!;
const after: Member = { ...before, usd_total_spent: before.usd_total_spent + 45 };

/** A source that answers with whatever `current` holds when it is called, counting calls. */
function changingSource() {
  const state = { current: before, calls: 0, release: [] as Array<() => void> };
  const source = (_id: string) => {
    state.calls++;
    const answer: UpstreamOutcome<Member> = { ok: true, value: state.current, attempts: 1, upstreamStatus: 200 };
    return new Promise<UpstreamOutcome<Member>>((resolve) => state.release.push(() => resolve(answer)));
  };
  const releaseAll = () => {
    for (const release of state.release.splice(0)) release();
  };
  return { state, source, releaseAll };
}

const options = { cacheTtlMs: 30_000, notFoundTtlMs: 2000, cacheMax: 10, concurrency: 2, queue: 2 };

describe('a fresh lookup', () => {
  it('asks the source inside the TTL and keeps the new answer for the lookups after it', async () => {
    const s = changingSource();
    const lookup = createMemberLookup(s.source, options);
    const first = lookup(before.id);
    s.releaseAll();
    expect(await first).toMatchObject({ ok: true, cached: false });
    s.state.current = after;
    expect(await lookup(before.id)).toMatchObject({ cached: true, value: { usd_total_spent: before.usd_total_spent } });

    const fresh = lookup(before.id, { fresh: true });
    s.releaseAll();
    expect(await fresh).toMatchObject({ cached: false, value: { usd_total_spent: after.usd_total_spent } });
    expect(s.state.calls).toBe(2);
    expect(await lookup(before.id)).toMatchObject({ cached: true, value: { usd_total_spent: after.usd_total_spent } });
    expect(s.state.calls).toBe(2);
  });

  it('joins a call already in flight instead of making another', async () => {
    const s = changingSource();
    const lookup = createMemberLookup(s.source, options);
    const plain = lookup(before.id);
    const fresh = lookup(before.id, { fresh: true });
    s.releaseAll();
    expect(await plain).toMatchObject({ coalesced: false });
    expect(await fresh).toMatchObject({ coalesced: true, cached: false });
    expect(s.state.calls).toBe(1);
  });
});

describe('GET /api/members/:id with Cache-Control: no-cache', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const get = (id: string, fresh = false) =>
    t.get(`/api/members/${id}`, { headers: fresh ? { 'cache-control': 'no-cache' } : {} });
  const spent = async (res: Response) => ((await res.json()) as Member).usd_total_spent;

  it('reaches Whop once more inside the cache TTL and answers with what changed; plain requests stay cached', async () => {
    t = await startTestApp({ lookup: { cacheTtlMs: 30_000 } });
    const id = 'mber_demoAvaChen';
    const old = await spent(await get(id));
    expect(await spent(await get(id))).toBe(old);
    expect(t.whop.callsFor(id)).toBe(1);

    t.whop.updateMember(id, { usd_total_spent: old + 45 });
    expect(await spent(await get(id))).toBe(old);
    expect(t.whop.callsFor(id)).toBe(1);

    const refreshed = await get(id, true);
    expect(refreshed.status).toBe(200);
    expect(await spent(refreshed)).toBe(old + 45);
    expect(t.whop.callsFor(id)).toBe(2);
    // The fresh answer is what the cache holds now.
    expect(await spent(await get(id))).toBe(old + 45);
    expect(t.whop.callsFor(id)).toBe(2);
  });

  it('is still rate limited', async () => {
    t = await startTestApp({ lookup: { cacheTtlMs: 30_000 }, rateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('mber_demoAvaChen', true)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(t.whop.callsFor('mber_demoAvaChen')).toBe(2);
  });
});
