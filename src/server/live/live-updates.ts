import type { MemberCache } from '../members/member-cache';
import type { MemberGenerations } from '../members/member-generations';
import type { Counts } from '../ops/counts';
import type { Logger } from '../ops/logger';
import type { Redis } from '../redis';
import { createMemoryLiveHub, createRedisLiveHub, type LiveHub } from './live-hub';
import { type LiveStreams, liveStreams } from './live-routes';
import { createMemorySeenDeliveries, createRedisSeenDeliveries } from './seen-deliveries';
import { webhookRoutes } from './webhook-routes';

/** What compose.ts mounts and what tests, the e2e and the bench reach through BuiltServer.live. */
export type LiveUpdates = {
  /** Whether WHOP_WEBHOOK_SECRET is set. */
  on: boolean;
  /** POST /webhooks/whop; null when off (the path is then unknown: 404). */
  webhooks: ReturnType<typeof webhookRoutes>['routes'] | null;
  /** GET /api/members/:id/live (404 live off when off). */
  streams: LiveStreams['routes'];
  /** Subscriptions open on this instance: one per open stream; 0 again once they have closed. */
  subscribers(): number;
  /** Resolves once this instance hears every instance's changes (Redis: subscribed). */
  ready(): Promise<void>;
  /** Resolves once the work of every delivery answered so far has run. */
  settled(): Promise<void>;
  /** Ends the open streams (a stop: their pages reconnect to another instance). */
  endStreams(): void;
  close(): Promise<void>;
};

export type LiveUpdatesDeps = {
  secret: string | undefined;
  cache: MemberCache;
  /** Each member's count of changes (members/member-generations.ts), bumped on every change heard. */
  generations?: MemberGenerations;
  redis: Redis | null;
  logger: Logger;
  metrics: Counts;
  now?: (() => number) | undefined;
  /** The stream's keep-alive comment interval (tests: short). */
  keepAliveMs?: number | undefined;
  maxStreams?: number | undefined;
  /** How long one stream lasts before the page is asked to reconnect (through the sign-in gate again); 5 minutes by default. */
  maxStreamLifetimeMs?: number | undefined;
  /**
   * When to drop the member a second time: past the longest a lookup already in flight at the
   * delivery can take (UPSTREAM_DEADLINE_MS and a margin), so an old answer it writes back to
   * the cache after the first drop does not outlive it.
   */
  redropAfterMs: number;
};

/**
 * Live member pages (decision 0034): Whop's webhooks drop what the server holds for the member
 * they name and tell every instance (Redis pub/sub, or this process), which tells its open pages.
 */
export function createLiveUpdates(deps: LiveUpdatesDeps): LiveUpdates {
  const { logger, redis, secret } = deps;
  if (!secret) {
    const streams = liveStreams({ hub: null });
    return {
      on: false,
      webhooks: null,
      streams: streams.routes,
      subscribers: () => 0,
      ready: async () => {},
      settled: async () => {},
      endStreams: () => {},
      close: async () => {},
    };
  }

  // Set below, once the streams exist; the hub may call it any time after.
  let reconnectStreams = () => {};
  // Heard on every instance: lookups and list pages asked from now on do not join calls already in flight.
  const onMessage = (message: { members: string[]; user: string | null }) =>
    deps.generations?.bump([...message.members, ...(message.user ? [message.user] : [])]);
  const hub: LiveHub = redis
    ? createRedisLiveHub(redis, {
        onMessage,
        onResubscribed: () => {
          logger.info(
            { event: 'live_resubscribed' },
            'live changes from other instances reach this one again; its open pages reconnect to catch up',
          );
          reconnectStreams();
        },
        onFallback: (err) =>
          logger.warn(
            { event: 'live_publish_fallback', detail: err instanceof Error ? err.message : String(err) },
            'a change reached only the pages open on this instance: Redis did not take the publish',
          ),
      })
    : createMemoryLiveHub({ onMessage });
  const seen = redis
    ? createRedisSeenDeliveries(redis, {
        onFallback: (err) =>
          logger.warn(
            { event: 'webhook_dedupe_fallback', detail: err instanceof Error ? err.message : String(err) },
            'webhook ids are remembered per instance until Redis answers again',
          ),
        onRestored: () => logger.info({ event: 'webhook_dedupe_restored' }, 'webhook ids are shared in Redis again'),
      })
    : createMemorySeenDeliveries();
  const redrops = new Set<NodeJS.Timeout>();
  const drop = async (members: readonly string[], type: string) => {
    const dropped = await Promise.allSettled(members.map((id) => deps.cache.delete(id)));
    if (dropped.some((r) => r.status === 'rejected'))
      logger.warn({ event: 'live_evict_failed', type }, 'a cached member could not be dropped');
  };
  const streams = liveStreams({
    hub,
    keepAliveMs: deps.keepAliveMs,
    maxStreams: deps.maxStreams,
    maxLifetimeMs: deps.maxStreamLifetimeMs,
  });
  reconnectStreams = streams.reconnectAll;
  deps.metrics.trackLiveStreams(streams.open);

  const webhooks = webhookRoutes({
    secret,
    seen,
    logger,
    observe: deps.metrics.webhookDelivery,
    now: deps.now,
    async act(type, target, at) {
      // Dropped before the pages hear of it, so their refetch asks Whop. A drop that fails
      // (Redis away) leaves an entry that lives at most MEMBER_CACHE_TTL_MS; the pages are told anyway.
      await drop(target.members, type);
      await hub.publish({ members: target.members, user: target.user, type, at });
      if (target.members.length === 0) return;
      const timer = setTimeout(() => {
        redrops.delete(timer);
        void drop(target.members, type);
      }, deps.redropAfterMs);
      timer.unref();
      redrops.add(timer);
    },
  });

  return {
    on: true,
    webhooks: webhooks.routes,
    streams: streams.routes,
    subscribers: hub.subscribers,
    ready: hub.ready,
    settled: webhooks.settled,
    endStreams: streams.endAll,
    close: async () => {
      for (const timer of redrops) clearTimeout(timer);
      redrops.clear();
      streams.endAll();
      await webhooks.settled();
      await hub.close();
    },
  };
}
