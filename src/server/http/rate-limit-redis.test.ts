import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { redisForThisFile } from '../../../test/test-redis';
import type { AppEnv } from '../app-env';
import type { Redis } from '../redis';
import { rateLimit, redisRateLimiter } from './rate-limit';

const { client, unreachableClient } = redisForThisFile();

/** One instance: an app whose every request counts against the `x-key` header, limited in `client`'s Redis. */
function instance(c: Redis, perMinute: number) {
  const app = new Hono<AppEnv>();
  app.use(
    '*',
    rateLimit({ perMinute, key: (ctx) => ctx.req.header('x-key') ?? 'none', limiter: redisRateLimiter(c, perMinute) }),
  );
  app.get('/', (ctx) => ctx.text('ok'));
  return async (key: string) => (await app.request('/', { headers: { 'x-key': key } })).status;
}

/** `count` requests alternating between the instances; the statuses in order. */
async function alternate(instances: Array<(key: string) => Promise<number>>, key: string, count: number) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push(await instances[i % instances.length]!(key));
  return statuses;
}

describe('rate limits in Redis', () => {
  it('admits N per minute across two instances in all, not N each', async () => {
    const a = instance(await client('wml-rl:'), 5);
    const b = instance(await client('wml-rl:'), 5);
    const statuses = await alternate([a, b], 'user:user_demoMarcus', 10);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    // Another client has its own budget.
    expect(await b('user:user_demoPriya')).toBe(200);
  });

  it('counts under REDIS_PREFIX ratelimit:<key>, for a minute', async () => {
    const a = instance(await client('wml-rlkey:'), 5);
    const db = await client('');
    expect(await a('203.0.113.7')).toBe(200);
    expect(await db.get('wml-rlkey:ratelimit:203.0.113.7')).toBe('1');
    const pttl = await db.pttl('wml-rlkey:ratelimit:203.0.113.7');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps two prefixes apart', async () => {
    const a = instance(await client('wml-rl-one:'), 2);
    const b = instance(await client('wml-rl-two:'), 2);
    expect(await alternate([a], 'k', 3)).toEqual([200, 200, 429]);
    expect(await alternate([b], 'k', 2)).toEqual([200, 200]);
  });

  it('falls back to each instance counting on its own while Redis cannot be reached: limited, never open', async () => {
    const a = instance(await unreachableClient(), 3);
    const b = instance(await unreachableClient(), 3);
    // Each instance admits its own 3 (the insurance limiter), then refuses.
    expect(await alternate([a, b], 'k', 8)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });
});
