import { LRUCache } from 'lru-cache';
import type { Member } from '../contract/member';
import { createLimiter, type Limiter, runOrBusy } from './limiter';
import { problems } from './problem';
import { busyOutcome, type UpstreamOutcome } from './upstream-call';
import type { MemberSource } from './whop-member-source';

type MemberOutcome = UpstreamOutcome<Member>;

/** What a lookup came to, and how: for the response and the request's log line. */
export type LookupResult = MemberOutcome & { coalesced: boolean; cached: boolean };
/** `fresh`: an explicit refresh; skip the cache (still coalesced, and the answer is kept). */
export type LookupOptions = { fresh?: boolean };
export type MemberLookup = (id: string, options?: LookupOptions) => Promise<LookupResult>;

export type MemberLookupOptions = {
  /** How long a found member is served from memory; 0 turns the cache off. */
  cacheTtlMs: number;
  /** How long a "no such member" answer is remembered. */
  notFoundTtlMs: number;
  cacheMax: number;
  /** Upstream calls in flight at once, and how many may wait for a slot. */
  concurrency: number;
  queue: number;
  /** A limiter shared with other Whop calls; by default the lookup gets its own. */
  limiter?: Limiter;
  /** Told of cache hits and misses (when the cache is on) and of coalesced lookups (metrics). */
  observe?: { cache(result: 'hit' | 'miss'): void; coalesced(): void };
  /** The cache's clock (ms); lru-cache's own (performance.now) by default. Tests pass a fake one, read on every check. */
  now?: () => number;
};

type Cached = { kind: 'member'; member: Member } | { kind: 'not_found' };

/**
 * Puts three guards in front of the upstream source: a short bounded cache, coalescing
 * of concurrent lookups of one id into one call, and a cap on calls in flight.
 * Errors other than 404 are never cached: the next lookup tries again.
 */
export function createMemberLookup(source: MemberSource, options: MemberLookupOptions): MemberLookup {
  const cache =
    options.cacheTtlMs > 0
      ? new LRUCache<string, Cached>({
          max: options.cacheMax,
          ttl: options.cacheTtlMs,
          ...(options.now && { perf: { now: options.now }, ttlResolution: 0 }),
        })
      : null;
  const inFlight = new Map<string, Promise<MemberOutcome>>();
  const limiter = options.limiter ?? createLimiter(options.concurrency, options.queue);

  const callUpstream = (id: string): Promise<MemberOutcome> => runOrBusy(limiter, () => source(id), busyOutcome);

  const { observe } = options;

  return async function lookup(id, { fresh = false } = {}) {
    const hit = fresh ? undefined : cache?.get(id);
    if (cache && !fresh) observe?.cache(hit ? 'hit' : 'miss');
    if (hit) {
      const base = { attempts: 0, upstreamStatus: null, coalesced: false, cached: true } as const;
      return hit.kind === 'member'
        ? { ok: true, value: hit.member, ...base }
        : { ok: false, problem: problems.memberNotFound(), ...base };
    }

    const shared = inFlight.get(id);
    if (shared) {
      observe?.coalesced();
      return { ...(await shared), coalesced: true, cached: false };
    }

    const call = callUpstream(id).finally(() => inFlight.delete(id));
    inFlight.set(id, call);
    const outcome = await call;
    if (cache) {
      if (outcome.ok) cache.set(id, { kind: 'member', member: outcome.value });
      else if (outcome.problem.code === 'member_not_found' && options.notFoundTtlMs > 0) {
        cache.set(id, { kind: 'not_found' }, { ttl: Math.min(options.notFoundTtlMs, options.cacheTtlMs) });
      }
    }
    return { ...outcome, coalesced: false, cached: false };
  };
}
