import { LRUCache } from 'lru-cache';

/**
 * Where sessions and sign-ins in progress live, keyed by an opaque string. Async so a
 * shared store (Redis: `SET key value PX ttl`, `GET`, `DEL`) can stand in for the
 * in-memory one when several instances serve the dashboard; see SECURITY.md.
 */
export interface SessionStore<T> {
  get(key: string): Promise<T | undefined>;
  /** Stores `value`; the store forgets it after `ttlMs` at the latest. */
  set(key: string, value: T, ttlMs: number): Promise<void>;
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
    delete: async (key) => {
      cache.delete(key);
    },
    count: async () => {
      cache.purgeStale();
      return cache.size;
    },
  };
}
