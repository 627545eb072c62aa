import { afterEach, describe, expect, it } from 'vitest';
import type { Member } from '../contract/member';
import { demoMembers, SPECIAL_IDS } from '../demo-whop/fixtures';
import { createMemberLookup, type MemberLookupOptions } from './member-lookup';
import { problems } from './problem';
import { startTestApp, type TestApp } from './testing/test-app';
import type { UpstreamOutcome } from './upstream-call';
import type { MemberSource } from './whop-member-source';

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
  await t?.close();
  t = undefined;
});

describe('createMemberLookup', () => {
  it('coalesces 100 concurrent lookups of one slow id into exactly 1 upstream call', async () => {
    t = await startTestApp({ deadlineMs: 5000 });
    const responses = await Promise.all(Array.from({ length: 100 }, () => t!.get(`/api/members/${SPECIAL_IDS.slow}`)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(t.whop.callsFor(SPECIAL_IDS.slow)).toBe(1);
    const lines = t.logs.filter((l) => l.route === '/api/members/:id');
    expect(lines.filter((l) => l.coalesced === true)).toHaveLength(99);
  });

  it('serves a found member from the cache within its TTL, then asks again', async () => {
    const s = controlledSource();
    const lookup = createMemberLookup(s.source, { ...options, cacheTtlMs: 1000 });
    const first = lookup('mber_a');
    s.releaseAll();
    expect(await first).toMatchObject({ ok: true, cached: false });
    expect(await lookup('mber_a')).toMatchObject({ ok: true, cached: true, attempts: 0 });
    expect(s.calls).toEqual(['mber_a']);
    await new Promise((r) => setTimeout(r, 1100));
    const third = lookup('mber_a');
    s.releaseAll();
    expect(await third).toMatchObject({ cached: false });
    expect(s.calls).toHaveLength(2);
  });

  it('remembers a 404 briefly, but never caches other errors', async () => {
    const s = controlledSource((id) =>
      id === 'mber_gone'
        ? { ok: false, problem: problems.memberNotFound(), attempts: 1, upstreamStatus: 404 }
        : { ok: false, problem: problems.upstreamError(), attempts: 3, upstreamStatus: 500 },
    );
    const lookup = createMemberLookup(s.source, options);
    for (const id of ['mber_gone', 'mber_gone', 'mber_broken', 'mber_broken']) {
      const p = lookup(id);
      s.releaseAll();
      await p;
    }
    expect(s.calls).toEqual(['mber_gone', 'mber_broken', 'mber_broken']);
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

  it('answers 503 busy with Retry-After over HTTP when the queue is full', async () => {
    t = await startTestApp({ deadlineMs: 5000, lookup: { concurrency: 1, queue: 0 } });
    const slow = t.get(`/api/members/${SPECIAL_IDS.slow}`);
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const busy = await t.get('/api/members/mber_demoAvaChen');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ error: { code: 'busy' } });
    expect(performance.now() - started).toBeLessThan(100);
    expect((await slow).status).toBe(200);
  });
});
