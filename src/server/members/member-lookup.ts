import type { Member } from '../../contract/member';
import { problems } from '../../contract/problem';
import { createCoalescer } from '../upstream/coalesce';
import { createLimiter, type Limiter, runOrBusy } from '../upstream/limiter';
import { busyOutcome, type UpstreamOutcome } from '../upstream/upstream-call';
import { type CachedMember, createMemoryMemberCache, type MemberCache } from './member-cache';
import type { MemberGenerations } from './member-generations';
import type { MemberSource } from './member-source';

type MemberOutcome = UpstreamOutcome<Member>;

/** What a lookup came to, and how: for the response and the request's log line. */
export type LookupResult = MemberOutcome & { coalesced: boolean; cached: boolean };
/** `fresh`: an explicit refresh; skip the cache (still coalesced, and the answer is kept). `signal`: the caller's stop. */
export type LookupOptions = { fresh?: boolean; signal?: AbortSignal };
export type MemberLookup = (id: string, options?: LookupOptions) => Promise<LookupResult>;

export type MemberLookupOptions = {
  /** How long a found member is served from the cache; 0 turns the cache off. */
  cacheTtlMs: number;
  /** How long a "no such member" answer is remembered. */
  notFoundTtlMs: number;
  /** Ids the in-memory cache holds at most. */
  cacheMax: number;
  /** Where the cache lives; this process's memory (bounded by cacheMax) by default, Redis with REDIS_URL. */
  cache?: MemberCache;
  /** Upstream calls in flight at once, and how many may wait for a slot. */
  concurrency: number;
  queue: number;
  /** A limiter shared with other Whop calls; by default the lookup gets its own. */
  limiter?: Limiter;
  /** Told of cache hits and misses (when the cache is on) and of coalesced lookups (metrics). */
  observe?: { cache(result: 'hit' | 'miss'): void; coalesced(): void };
  /** The cache's clock (ms); lru-cache's own (performance.now) by default. Tests pass a fake one, read on every check. */
  now?: () => number;
  /** Each member's count of changes Whop reported: a lookup joins only a call of the same count. */
  generations?: MemberGenerations;
};

/**
 * Puts three guards in front of the upstream source: a short bounded cache, coalescing
 * of concurrent lookups of one id into one call, and a cap on calls in flight.
 * Errors other than 404 are never cached: the next lookup tries again. The cache may be
 * shared between instances (Redis); coalescing stays per instance.
 */
export function createMemberLookup(source: MemberSource, options: MemberLookupOptions): MemberLookup {
  const cache =
    options.cacheTtlMs > 0
      ? (options.cache ?? createMemoryMemberCache({ max: options.cacheMax, now: options.now }))
      : null;
  const limiter = options.limiter ?? createLimiter(options.concurrency, options.queue);
  const notFoundTtlMs = Math.min(options.notFoundTtlMs, options.cacheTtlMs);

  const callUpstream = (id: string, signal?: AbortSignal): Promise<MemberOutcome> =>
    runOrBusy(limiter, () => source(id, signal), busyOutcome);

  /** What a fresh answer leaves in the cache: a member, or a 404 for a shorter while. */
  const remember = (id: string, outcome: MemberOutcome): void | Promise<void> => {
    if (!cache) return undefined;
    if (outcome.ok) return cache.set(id, { kind: 'member', member: outcome.value }, options.cacheTtlMs);
    if (outcome.problem.code === 'member_not_found' && notFoundTtlMs > 0)
      return cache.set(id, { kind: 'not_found' }, notFoundTtlMs);
    return undefined;
  };

  const { observe } = options;
  // A fresh lookup joins one in flight too: that call is already asking Whop, past the cache.
  const coalesce = createCoalescer<MemberOutcome>({ onJoin: () => observe?.coalesced() });

  return async function lookup(id, { fresh = false, signal } = {}) {
    // Only a shared cache is awaited: otherwise a lookup reaches the limiter in the turn it was asked.
    const pending = fresh ? undefined : cache?.get(id);
    const hit = pending instanceof Promise ? await pending : pending;
    if (cache && !fresh) observe?.cache(hit ? 'hit' : 'miss');
    if (hit) return fromCache(hit);

    // A call its caller may stop (a bulk list's) goes alone: joined by another list, one
    // list's Cancel would fail the other's row.
    const outcome = signal
      ? { ...(await callUpstream(id, signal)), coalesced: false }
      : await coalesce(`${id}#${options.generations?.of(id) ?? 0}`, () => callUpstream(id));
    // The lookup that made the call stores its answer, and answers once the cache holds it.
    if (!outcome.coalesced) {
      const stored = remember(id, outcome);
      if (stored) await stored;
    }
    return { ...outcome, cached: false };
  };
}

function fromCache(hit: CachedMember): LookupResult {
  const base = { attempts: 0, upstreamStatus: null, coalesced: false, cached: true } as const;
  return hit.kind === 'member'
    ? { ok: true, value: hit.member, ...base }
    : { ok: false, problem: problems.memberNotFound(), ...base };
}
