import { LRUCache } from 'lru-cache';
import type { Redis } from '../redis';

/**
 * Which deliveries have been acted on: Whop delivers at least once, so a `webhook-id` seen
 * before (on any instance, with Redis) is acknowledged and not acted on again. Ask only
 * after the signature verified, so a forged delivery cannot use up a real id.
 */
export interface SeenDeliveries {
  /** True the first time `id` is offered (and it is remembered from then on), false after. */
  firstSighting(id: string): Promise<boolean>;
}

/** Whop retries a delivery for well under a day; an id is remembered this long. */
export const SEEN_TTL_MS = 24 * 60 * 60 * 1000;
/** Ids a process remembers at most (memory, or while Redis is away): far above a day of deliveries to one company. */
const MEMORY_MAX = 100_000;

export function createMemorySeenDeliveries(options: { ttlMs?: number; max?: number } = {}): SeenDeliveries {
  const seen = new LRUCache<string, true>({ max: options.max ?? MEMORY_MAX, ttl: options.ttlMs ?? SEEN_TTL_MS });
  return {
    async firstSighting(id) {
      if (seen.has(id)) return false;
      seen.set(id, true);
      return true;
    },
  };
}

/**
 * `SET webhook:seen:<id> 1 NX PX <ttl>` (REDIS_PREFIX before it): the instance whose SET wins
 * acts. Redis down: this instance's memory decides instead (a redelivery to another instance
 * may then act twice, which costs a refetch, not a wrong answer); `onFallback` is told once
 * per outage, `onRestored` when Redis answers again.
 */
export function createRedisSeenDeliveries(
  client: Redis,
  options: { ttlMs?: number; onFallback?: (err: unknown) => void; onRestored?: () => void } = {},
): SeenDeliveries {
  const ttlMs = options.ttlMs ?? SEEN_TTL_MS;
  const memory = createMemorySeenDeliveries({ ttlMs });
  let down = false;
  return {
    async firstSighting(id) {
      try {
        const set = await client.set(`webhook:seen:${id}`, '1', 'PX', ttlMs, 'NX');
        if (down) {
          down = false;
          options.onRestored?.();
        }
        // Remembered here too, so a redelivery while Redis is away next time is still caught.
        if (set === 'OK') await memory.firstSighting(id);
        return set === 'OK';
      } catch (err) {
        if (!down) {
          down = true;
          options.onFallback?.(err);
        }
        return memory.firstSighting(id);
      }
    },
  };
}
