import { LRUCache } from 'lru-cache';
import type { Member } from '../../contract/member';

/** What the member cache remembers about an id: the member, or that Whop has none. */
export type CachedMember = { kind: 'member'; member: Member } | { kind: 'not_found' };

/**
 * Where found members (and "no such member") are kept for a few seconds: this process's
 * memory by default, Redis when REDIS_URL is set (redis-member-cache.ts), so a
 * member found through one instance is served by another. A cache is an optimisation:
 * an implementation that cannot answer reads as a miss and never fails the lookup.
 */
export interface MemberCache {
  /**
   * The in-memory cache answers in the same turn (no promise), so a lookup it cannot
   * answer reaches coalescing and the limiter at once, as before there was a choice of cache.
   */
  get(id: string): CachedMember | undefined | Promise<CachedMember | undefined>;
  /** Remembers `entry` for `ttlMs`. */
  set(id: string, entry: CachedMember, ttlMs: number): void | Promise<void>;
  /** Forgets `id` (a webhook said the member changed: live/); the next lookup asks Whop. */
  delete(id: string): void | Promise<void>;
}

/** Bounded: past `max` ids the least recently used go first. */
export function createMemoryMemberCache(options: {
  max: number;
  /** The cache's clock (ms); lru-cache's own (performance.now) by default. Tests pass a fake one, read on every check. */
  now?: (() => number) | undefined;
}): MemberCache {
  const cache = new LRUCache<string, CachedMember>({
    max: options.max,
    ...(options.now && { perf: { now: options.now }, ttlResolution: 0 }),
  });
  return {
    get: (id) => cache.get(id),
    set: (id, entry, ttlMs) => {
      cache.set(id, entry, { ttl: ttlMs });
    },
    delete: (id) => {
      cache.delete(id);
    },
  };
}
