import { LRUCache } from 'lru-cache';

/**
 * Where sessions and sign-ins in progress live, keyed by an opaque string. Async so a
 * shared store (Redis, src/server/auth/redis-session-store.ts: `SET key value PX ttl`,
 * `GET`, `GETDEL`, `DEL`) stands in for the in-memory one when several instances serve
 * the dashboard (REDIS_URL).
 */
export interface SessionStore<T> {
  /** The entry, or undefined when there is none (or what is stored is not a valid entry). */
  get(key: string): Promise<T | undefined>;
  /** Stores `value`; the store forgets it after `ttlMs` at the latest. */
  set(key: string, value: T, ttlMs: number): Promise<void>;
  /** Gets and deletes in one step, so an entry can be taken once even with several instances racing. */
  take(key: string): Promise<T | undefined>;
  delete(key: string): Promise<void>;
  /** Entries still alive (the sessions_active metric); a store that cannot tell cheaply leaves it out. */
  count?(): Promise<number>;
}

/**
 * One process's memory. Bounded, so a flood of sign-in attempts cannot grow it without
 * limit: past `max` entries the least recently used go first.
 */
export function createMemorySessionStore<T extends object>(
  options: { max?: number; now?: () => number } = {},
): SessionStore<T> {
  const cache = new LRUCache<string, T>({
    max: options.max ?? 10_000,
    ttlResolution: 0,
    // lru-cache checks ages against its own clock; tests inject theirs.
    ...(options.now && { perf: { now: options.now } }),
  });
  return {
    get: async (key) => cache.get(key),
    set: async (key, value, ttlMs) => {
      cache.set(key, value, { ttl: Math.max(1, Math.ceil(ttlMs)) });
    },
    take: async (key) => {
      const value = cache.get(key);
      cache.delete(key);
      return value;
    },
    delete: async (key) => {
      cache.delete(key);
    },
    count: async () => {
      cache.purgeStale();
      return cache.size;
    },
  };
}

/**
 * The store could not answer (Redis unreachable, timed out). The gate fails closed on it:
 * 503 `store_unavailable`, never a request let through and never a crash.
 */
export class SessionStoreUnavailable extends Error {
  override name = 'SessionStoreUnavailable';
}
