import { describe, expect, it } from 'vitest';
import { BUDGET_CASES, expectedResults, playCase } from '../../../test/budget-cases';
import { redisForThisFile } from '../../../test/test-redis';
import { BUDGET_KEYS, createRedisBudgetStore } from './redis-budget-store';
import { COUNTED_MS, createRequestBudget, INTERACTIVE_ACTIVE_MS } from './request-budget';

const { client, unreachableClient } = redisForThisFile();

describe('the Redis store, on an injected clock', () => {
  it.each(BUDGET_CASES.map((c, i) => ({ ...c, i })))('$name', async ({ perSecond, steps, i }) => {
    const clock = { now: 0 };
    // A prefix per case: the cases share one redis-server.
    const store = createRedisBudgetStore(await client(`wml-budget-${i}:`), { perSecond, now: () => clock.now });
    expect(await playCase(store, clock, steps)).toEqual(expectedResults(steps));
  });
});

describe('the Redis store', () => {
  it('counts across two instances: the budget in all, not per instance', async () => {
    const clock = { now: 5_000_000 };
    const a = createRedisBudgetStore(await client('wml-shared:'), { perSecond: 4, now: () => clock.now });
    const b = createRequestBudget({
      store: createRedisBudgetStore(await client('wml-shared:'), { perSecond: 4, now: () => clock.now }),
    });
    expect(await a.take('interactive')).toEqual({ ok: true });
    expect(await a.take('interactive')).toEqual({ ok: true });
    await b.acquire('interactive');
    await b.acquire('interactive');
    expect(await a.take('interactive')).toEqual({ ok: false, retryInMs: COUNTED_MS });
  });

  it('keeps its keys under REDIS_PREFIX, each with a TTL', async () => {
    const store = createRedisBudgetStore(await client('wml-keys:'), { perSecond: 10 });
    await store.take('interactive');
    await store.pause(2_000);
    const db = await client('');
    for (const key of BUDGET_KEYS) {
      const pttl = await db.pttl(`wml-keys:${key}`);
      expect(pttl, key).toBeGreaterThan(0);
      expect(pttl, key).toBeLessThanOrEqual(INTERACTIVE_ACTIVE_MS + COUNTED_MS);
    }
  });

  it("uses the Redis server's clock when none is injected", async () => {
    const store = createRedisBudgetStore(await client('wml-time:'), { perSecond: 2 });
    expect(await store.take('interactive')).toEqual({ ok: true });
    expect(await store.take('interactive')).toEqual({ ok: true });
    const refused = await store.take('interactive');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryInMs).toBeGreaterThan(0);
      expect(refused.retryInMs).toBeLessThanOrEqual(COUNTED_MS);
    }
  });

  it('while Redis cannot be reached, counts per instance in memory, says so once, and never throws', async () => {
    const clock = { now: 1_000 };
    const told: unknown[] = [];
    const store = createRedisBudgetStore(await unreachableClient(), {
      perSecond: 3,
      now: () => clock.now,
      onFallback: (err) => told.push(err),
    });
    expect(await store.take('interactive')).toEqual({ ok: true });
    expect(await store.take('interactive')).toEqual({ ok: true });
    expect(await store.take('interactive')).toEqual({ ok: true });
    expect(await store.take('interactive')).toEqual({ ok: false, retryInMs: COUNTED_MS });
    await store.pause(5_000);
    expect(await store.take('bulk')).toEqual({ ok: false, retryInMs: 5_000 });
    expect(told).toHaveLength(1);
  });

  it('says once when Redis is back, and counts there again', async () => {
    const clock = { now: 1_000 };
    const events: string[] = [];
    const redis = await client('wml-back:');
    const store = createRedisBudgetStore(redis, {
      perSecond: 3,
      now: () => clock.now,
      onFallback: () => events.push('fallback'),
      onRestored: () => events.push('restored'),
    });
    // A command refused, as while the connection is down (no offline queue): the memory count.
    const evalOnce = redis.eval.bind(redis);
    let failures = 2;
    redis.eval = ((...args: Parameters<typeof evalOnce>) => {
      if (failures-- > 0) return Promise.reject(new Error('Stream isn’t writeable'));
      return evalOnce(...args);
    }) as typeof redis.eval;
    expect(await store.take('interactive')).toEqual({ ok: true });
    expect(await store.take('interactive')).toEqual({ ok: true });
    expect(await store.take('interactive')).toEqual({ ok: true });
    expect(events).toEqual(['fallback', 'restored']);
    const db = await client('');
    expect(await db.zcard('wml-back:budget:window')).toBe(1);
  });
});
