import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, type Redis, waitForRedis } from '../src/server/redis';
import { createRedisBudgetStore } from '../src/server/upstream/redis-budget-store';
import { createRequestBudget, type RequestBudget } from '../src/server/upstream/request-budget';
import { connectTestClient, type RedisServer, startRedisServer } from './redis-server';

/**
 * Two instances' request budgets on one real redis-server, each with its own connection, on
 * the Redis server's own clock (real time): the budget holds across both, and a 429 seen by
 * one pauses the other's bulk callers. Assertions about time are generous and one-sided, so a
 * loaded machine can make them slower, never wrong.
 */

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

const clients: Redis[] = [];
afterEach(async () => {
  const { client } = await connectTestClient(redis.url, '');
  await client.flushall();
  clients.push(client);
  await Promise.all(clients.splice(0).map(closeRedis));
});

async function instance(perSecond: number): Promise<RequestBudget> {
  const { client } = await connectTestClient(redis.url, 'wml:');
  clients.push(client);
  return createRequestBudget({ store: createRedisBudgetStore(client, { perSecond }) });
}

/** Resolves to whether `acquire` got a slot before `ms` passed (aborted otherwise). */
async function getsSlotWithin(budget: RequestBudget, ms: number): Promise<boolean> {
  try {
    await budget.acquire('bulk', AbortSignal.timeout(ms));
    return true;
  } catch {
    return false;
  }
}

describe('one request budget for two instances on one Redis', () => {
  it('a 429 seen by one instance pauses bulk callers on the other, for its Retry-After, and single lookups go on', async () => {
    const a = await instance(10);
    const b = await instance(10);
    expect(await getsSlotWithin(b, 2_000)).toBe(true);

    await a.pause(2_000);
    const started = performance.now();
    // Well inside the pause: b's bulk caller gets no slot, and its abort ends the wait.
    expect(await getsSlotWithin(b, 300)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_300);
    // A single lookup is not paused.
    await b.acquire('interactive', AbortSignal.timeout(1_000));
    // Once the pause is over, bulk goes on (at least 2 s after the pause began, on Redis's clock).
    await b.acquire('bulk', AbortSignal.timeout(10_000));
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_500);
  });

  it('holds the budget across both: N in a second between the two, not N each', async () => {
    const a = await instance(4);
    const b = await instance(4);
    // Bulk alone takes all but one: 3 in all, however they are spread over the two instances.
    const granted: string[] = [];
    const tries = [a, b, a, b, a, b].map(async (budget, i) => {
      if (await getsSlotWithin(budget, 800)) granted.push(`${i % 2 ? 'b' : 'a'}${i}`);
    });
    await Promise.all(tries);
    // The window is a second: within 800 ms (however slow the machine, less than a second
    // after the first slot) no fourth bulk slot can have been given.
    expect(granted.length).toBe(3);
    // The slot kept for single lookups is there, on either instance.
    await b.acquire('interactive', AbortSignal.timeout(1_000));
  });
});

describe('the request budget while Redis is killed and started again', () => {
  it('counts per instance while Redis is gone, says so once each way, never throws, and shares again once it is back', async () => {
    const { client } = await connectTestClient(redis.url, 'wml:');
    clients.push(client);
    const events: string[] = [];
    // A fixed clock, so the memory count is the same however slow the machine is.
    const store = createRedisBudgetStore(client, {
      perSecond: 3,
      now: () => 9_000_000,
      onFallback: () => events.push('fallback'),
      onRestored: () => events.push('restored'),
    });
    const budget = createRequestBudget({ store });
    await budget.acquire('interactive');
    expect(events).toEqual([]);

    await redis.kill();
    // The instance's own count starts empty: three single lookups, then a wait for the fourth.
    const whileDown = [];
    for (let i = 0; i < 4; i++) whileDown.push(await store.take('interactive'));
    expect(whileDown.map((t) => t.ok)).toEqual([true, true, true, false]);
    await budget.pause(1_000); // kept in memory; the Redis half fails quietly
    expect(await store.take('bulk')).toEqual({ ok: false, retryInMs: 1_000 });
    expect(events).toEqual(['fallback']);

    await redis.restart();
    expect(await waitForRedis(client, 15_000)).toEqual({ ok: true });
    // Counted in Redis again: this redis-server keeps nothing over a restart, so its window
    // starts empty and holds three, whatever the memory count held.
    const whenBack = [];
    for (let i = 0; i < 4; i++) whenBack.push(await store.take('interactive'));
    expect(whenBack.map((t) => t.ok)).toEqual([true, true, true, false]);
    const db = await connectTestClient(redis.url, '');
    clients.push(db.client);
    expect(await db.client.zcard('wml:budget:window')).toBe(3);
    expect(events).toEqual(['fallback', 'restored']);
  });
});
