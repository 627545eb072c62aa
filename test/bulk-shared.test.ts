import { describe, expect, it } from 'vitest';
import { ApiErrorEnvelopeSchema } from '../src/contract/api-error';
import { bulkApiPath, bulkListApiPath, bulkRetryApiPath } from '../src/contract/api-paths';
import { type BulkList, BulkListSchema } from '../src/contract/bulk';
import { CookieJar, startSignInTestApp } from './sign-in-app';
import { startTestApp, type TestApp } from './test-app';
import { sharedRedisForThisFile } from './test-redis';

/**
 * Bulk lists across instances on one real redis-server, as behind a load balancer: a list
 * started on one is read on the other; an instance that stops leaves its list stalled and
 * another runs the rest; with sign-in on, "one running list" counts per signed-in person.
 */

const { server: redis, cleanups } = sharedRedisForThisFile();

const FAST = { flushMs: 20, heartbeatMs: 100, leaseMs: 1_000, cancelCheckMs: 50 };
const json = { 'content-type': 'application/json', 'x-test-client': 'ana' };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `mber_nobody${i}`);

async function listOn(t: TestApp, id: string): Promise<BulkList> {
  return BulkListSchema.parse(await (await t.get(bulkListApiPath(id))).json());
}
async function until(t: TestApp, id: string, check: (l: BulkList) => boolean): Promise<BulkList> {
  const end = Date.now() + 5_000;
  for (;;) {
    const list = await listOn(t, id);
    if (check(list) || Date.now() > end) return list;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('bulk lists in Redis', () => {
  it('started on one instance, read on the other; stopped, stalled there; a retry there runs the rest', async () => {
    const a = await startTestApp({ redisUrl: redis().url, bulkTimings: FAST, requestsPerSecond: 4 });
    cleanups.push(() => a.close());
    const b = await startTestApp({ redisUrl: redis().url, whop: a.whop, bulkTimings: FAST });
    cleanups.push(() => b.close());

    const res = await a.get(bulkApiPath(), { method: 'POST', headers: json, body: JSON.stringify({ lines: ids(12) }) });
    expect(res.status).toBe(201);
    const { id } = BulkListSchema.parse(await res.json());
    const seen = await until(b, id, (l) => l.counts.done > 0);
    expect(seen.state).toBe('running');

    // Instance a stops (a stop signal): its list reads as stalled at once, its rows done kept.
    a.built.markStopping();
    await a.built.bulk.stop();
    const stalled = await listOn(b, id);
    expect(stalled.state).toBe('stalled');
    expect(stalled.counts.done).toBeLessThan(12);

    const retried = await b.get(bulkRetryApiPath(id), { method: 'POST', headers: json });
    expect(retried.status).toBe(200);
    const done = await until(b, id, (l) => l.state === 'done');
    expect(done.counts).toMatchObject({ total: 12, done: 12, not_found: 12 });
  });
});

describe('one running list per signed-in person', () => {
  it('counts per user, not per address', async () => {
    const t = await startSignInTestApp({ env: { REDIS_URL: redis().url, WHOP_REQUESTS_PER_SECOND: '2' } });
    cleanups.push(() => t.close());
    const marcus = new CookieJar();
    const grace = new CookieJar();
    await t.signIn(marcus, 'user_demoMarcus', '/');
    await t.signIn(grace, 'user_demoGrace', '/');
    const create = (jar: CookieJar) =>
      t.request(bulkApiPath(), jar, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: ids(20) }),
      });
    expect((await create(marcus)).status).toBe(201);
    const again = await create(marcus);
    expect(again.status).toBe(409);
    expect(ApiErrorEnvelopeSchema.parse(await again.json()).error.code).toBe('bulk_list_running');
    expect((await create(grace)).status).toBe(201);
  });
});
