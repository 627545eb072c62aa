import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  type BudgetStore,
  budgetCaps,
  COUNTED_MS,
  createMemoryBudgetStore,
  INTERACTIVE_ACTIVE_MS,
  type Priority,
  type Take,
} from './request-budget';

/**
 * One script does a take or a pause atomically, so instances never race between counting
 * and adding. KEYS: the window (a sorted set of calls scored by their time in ms), the
 * bulk pause (the time it ends), the time of the last single lookup. ARGV: op (`interactive`,
 * `bulk` or `pause`), now in ms (empty: the Redis server's own clock, one clock for every
 * instance), a unique member, the window, the interactive cap, bulk's idle and active caps,
 * how long single lookups count as active, the pause's length. Returns 0 for a slot (or a
 * pause set), else how many ms until one may be free. The same rule as createMemoryBudgetStore.
 */
const SCRIPT = `
local now = tonumber(ARGV[2])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local op = ARGV[1]
local window = tonumber(ARGV[4])
if op == 'pause' then
  local ms = tonumber(ARGV[9])
  local current = tonumber(redis.call('GET', KEYS[2]) or '0')
  if now + ms > current then
    redis.call('SET', KEYS[2], string.format('%.0f', now + ms), 'PX', ms + window)
  end
  return 0
end
local cap = tonumber(ARGV[5])
if op == 'bulk' then
  local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
  if pausedUntil > now then
    return pausedUntil - now
  end
  local last = tonumber(redis.call('GET', KEYS[3]) or '')
  if last and now - last < tonumber(ARGV[8]) then
    cap = tonumber(ARGV[7])
  else
    cap = tonumber(ARGV[6])
  end
else
  redis.call('SET', KEYS[3], string.format('%.0f', now), 'PX', tonumber(ARGV[8]) + window)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < cap then
  redis.call('ZADD', KEYS[1], string.format('%.0f', now), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], count - cap, count - cap, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/** The keys under REDIS_PREFIX (ioredis puts the prefix before a script's KEYS too). */
export const BUDGET_KEYS = ['budget:window', 'budget:pause', 'budget:interactive-at'] as const;

export type RedisBudgetStoreOptions = {
  perSecond: number;
  /** Told once when Redis fails a take and the budget turns per instance, and once when it is back. */
  onFallback?: (err: unknown) => void;
  onRestored?: () => void;
  /** The clock (ms) for tests; the Redis server's TIME otherwise, one clock for every instance. */
  now?: () => number;
};

/**
 * The budget counted in Redis for every instance. While Redis cannot be reached (or a
 * command fails or times out), each instance counts in its own memory: a budget of N per
 * instance, looser, never open, as the rate limits do. A pause is kept here too, so a 429
 * just before Redis went away still holds this instance's bulk callers back.
 */
export function createRedisBudgetStore(client: Redis, options: RedisBudgetStoreOptions): BudgetStore {
  const caps = budgetCaps(options.perSecond);
  const fallback = createMemoryBudgetStore({ perSecond: options.perSecond, now: options.now });
  const instance = randomUUID();
  let sequence = 0;
  let down = false;

  const run = async (op: Priority | 'pause', pauseMs = 0): Promise<number> => {
    sequence += 1;
    const result = await client.eval(
      SCRIPT,
      BUDGET_KEYS.length,
      ...BUDGET_KEYS,
      op,
      options.now ? String(options.now()) : '',
      `${instance}:${sequence}`,
      COUNTED_MS,
      caps.interactive,
      caps.bulkIdle,
      caps.bulkActive,
      INTERACTIVE_ACTIVE_MS,
      Math.max(1, Math.ceil(pauseMs)),
    );
    if (down) {
      down = false;
      options.onRestored?.();
    }
    return Number(result);
  };

  const failed = (err: unknown) => {
    if (down) return;
    down = true;
    options.onFallback?.(err);
  };

  return {
    async take(priority): Promise<Take> {
      try {
        const retryInMs = await run(priority);
        return retryInMs === 0 ? { ok: true } : { ok: false, retryInMs };
      } catch (err) {
        failed(err);
        return fallback.take(priority);
      }
    },
    async pause(ms) {
      await fallback.pause(ms);
      try {
        await run('pause', ms);
      } catch (err) {
        failed(err);
      }
    },
  };
}
