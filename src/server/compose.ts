import type { DestinationStream } from 'pino';
import type { AppMeta } from '../contract/app-meta';
import { BULK_MAX_LINES } from '../contract/bulk';
import { WEBHOOK_PATH } from '../contract/live';
import { createApp } from './app';
import type { Session } from './app-env';
import { createWhopAdminCheck } from './auth/admin-check';
import { stylesheetHref } from './auth/auth-pages';
import { createRedisSessionStore } from './auth/redis-session-store';
import { createMemorySessionStore, type SessionStore } from './auth/session-store';
import { createSessionManager, type LoginTransaction, LoginTransactionSchema, SessionSchema } from './auth/sessions';
import { createSignInGate, type SignInGate } from './auth/sign-in';
import { createWhopSignIn } from './auth/whop-sign-in';
import type { ServerConfig, SignInConfig } from './config';
import { type ClientKey, clientAddress, redisRateLimiter } from './http/rate-limit';
import type { ReadinessCheck } from './http/readiness';
import { createLiveUpdates, type LiveUpdates } from './live/live-updates';
import { resolveBulkQuery } from './members/bulk-resolve';
import { BULK_TIMINGS, type BulkLists, type BulkTimings, createBulkLists } from './members/bulk-runner';
import { createMemoryBulkStore } from './members/bulk-store';
import type { DemoControls } from './members/demo-routes';
import { createMemoryMemberCache } from './members/member-cache';
import { createWhopDirectory } from './members/member-directory';
import { createMemberGenerations } from './members/member-generations';
import { createWhopLists } from './members/member-lists';
import { createMemberLookup, type MemberLookup, type MemberLookupOptions } from './members/member-lookup';
import { createWhopMemberSource } from './members/member-source';
import { createRedisBulkStore } from './members/redis-bulk-store';
import { createRedisMemberCache } from './members/redis-member-cache';
import { type Counts, NO_COUNTS } from './ops/counts';
import { createLogger, type Logger } from './ops/logger';
import { loadSpa, type Spa, staticFilesCheck } from './page/shell';
import { closeRedis, createRedisClient, type Redis, redisReadinessCheck } from './redis';
import { createLimiter } from './upstream/limiter';
import { createRedisBudgetStore } from './upstream/redis-budget-store';
import {
  bulkSpacing,
  createMemoryBudgetStore,
  createRequestBudget,
  type RequestBudget,
} from './upstream/request-budget';
import type { RetryPolicy, UpstreamOptions } from './upstream/upstream-call';

/** What a caller may put in place of what the configuration says. Production passes none but demo mode's. */
export type ServerOverrides = {
  /** Where the SDK sends calls, with which key: the stand-in's in demo mode and tests. */
  upstream?: { baseURL: string; apiKey: string };
  /** The company text search runs in, instead of WHOP_COMPANY_ID (the stand-in's in demo mode); null: off. */
  companyId?: string | null;
  /** Demo or live, and the members the SPA features in demo mode. Live by default. */
  meta?: AppMeta;
  /** The built SPA; loaded from STATIC_DIR by default; null serves the API only. */
  spa?: Spa | null;
  /** Where log lines go; stdout by default. */
  logDestination?: DestinationStream;
  /** The clock of sessions, admin re-checks and the member cache. */
  now?: () => number;
  /** Retries of Whop calls; DEFAULT_RETRY_POLICY by default. */
  retry?: RetryPolicy;
  /**
   * A Redis connection to keep shared state in, instead of one opened from REDIS_URL; the
   * caller owns it (close() leaves it open). Without either, state stays in this process.
   */
  redis?: Redis;
  /** Where sessions and sign-ins in progress live; Redis with REDIS_URL, else this process's memory. */
  stores?: { sessions?: SessionStore<Session>; logins?: SessionStore<LoginTransaction> };
  /** Who a request counts against for rate limiting; the socket's address (or TRUST_PROXY's) by default. */
  clientKey?: ClientKey;
  /** Replaces the member lookup (tests: one that throws). */
  lookup?: MemberLookup;
  /** Where counts go (metrics.ts when METRICS_PORT is set); nowhere by default. */
  metrics?: Counts;
  /** The bulk runner's pace and lease (tests: short ones); BULK_TIMINGS by default. */
  bulkTimings?: Partial<BulkTimings>;
  /** The request budget of Whop calls; one from WHOP_REQUESTS_PER_SECOND (in Redis with REDIS_URL) by default. */
  budget?: RequestBudget;
  /** The live stream's keep-alive interval, cap on open streams and lifetime (tests: short, small); 15 s, 2,000 and 5 minutes by default. */
  liveStreams?: { keepAliveMs?: number; maxStreams?: number; maxLifetimeMs?: number };
  /** Demo mode's controls (start.ts, from the stand-in): POST /api/demo/simulate. None elsewhere. */
  demo?: DemoControls;
};

export type BuiltServer = {
  app: ReturnType<typeof createApp>;
  logger: Logger;
  meta: AppMeta;
  /** What the bench measures layer by layer: the Whop source, and the lookup in front of it. */
  source: ReturnType<typeof createWhopMemberSource>;
  lookup: MemberLookup;
  /** Many members at once: the lists this instance runs (stopped by markStopping and close). */
  bulk: BulkLists;
  /** The Redis connection shared state lives on (REDIS_URL), or null: in memory. start.ts waits for it at start-up. */
  redis: Redis | null;
  /** Live member pages (WHOP_WEBHOOK_SECRET): open streams, their subscribers, the deliveries' work. */
  live: LiveUpdates;
  /**
   * From now on GET /api/ready answers 503, and the bulk lists running here stop (they read as
   * stalled, so another instance's retry runs the rest): start.ts calls it when a stop signal arrives.
   */
  markStopping(): void;
  /** Releases what buildServer opened (the Redis connection from REDIS_URL); main.ts calls it on the way out. */
  close(): Promise<void>;
};

/** A found member is served from memory for MEMBER_CACHE_TTL_MS; "no such member" for at most this long. */
const NOT_FOUND_TTL_MS = 3000;
const CACHE_MAX = 1000;

/**
 * The one composition root: builds the whole server (limiter, Whop source, directory,
 * lookup, sign-in gate, app) from the parsed configuration plus overrides. main.ts, the
 * test helpers and the bench all call it, so a test runs the wiring production runs.
 */
export function buildServer(config: ServerConfig, overrides: ServerOverrides = {}): BuiltServer {
  const { env, access } = config;
  const logger = createLogger(env.LOG_LEVEL, overrides.logDestination);
  const metrics = overrides.metrics ?? NO_COUNTS;
  if (access.kind === 'trust-upstream') {
    logger.warn(
      { host: env.HOST },
      'sign-in is off: TRUST_UPSTREAM_AUTH=true says an authenticating proxy in front lets only your team through; anyone who reaches this server directly sees member data',
    );
  }

  const apiKey = overrides.upstream?.apiKey ?? env.WHOP_API_KEY;
  if (!apiKey)
    throw new Error('buildServer: no WHOP_API_KEY and no upstream override (main.ts starts the demo stand-in)');
  // Lookups, searches, membership lists and admin checks share one cap on Whop calls in flight.
  const limiter = createLimiter(env.UPSTREAM_CONCURRENCY, env.UPSTREAM_QUEUE);
  // Shared state: one connection for every store. It connects in the background; main.ts
  // waits for it (and exits when Redis cannot be reached) before listening.
  const ownRedis =
    !overrides.redis && env.REDIS_URL
      ? createRedisClient({
          url: env.REDIS_URL,
          prefix: env.REDIS_PREFIX,
          logger,
          commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
        })
      : null;
  const redis = overrides.redis ?? ownRedis;

  // Every Whop call, of every instance (Redis), takes a slot of one budget a second (0032, 0033).
  const budget = overrides.budget ?? requestBudget(env.WHOP_REQUESTS_PER_SECOND, redis, logger, metrics);
  const whop: UpstreamOptions = {
    apiKey,
    baseURL: overrides.upstream?.baseURL ?? env.WHOP_BASE_URL,
    deadlineMs: env.UPSTREAM_DEADLINE_MS,
    retry: overrides.retry,
    observe: metrics.whopCall,
    budget,
  };

  const source = createWhopMemberSource(whop);
  const directory = createWhopDirectory({ ...whop, limiter });
  // Bumped by every change Whop reports (live/): a lookup or list page asked after it never
  // joins one asked before it, which would answer with what Whop held then.
  const generations = createMemberGenerations();
  const lists = createWhopLists({ ...whop, limiter, generations });
  // One member cache for single lookups and bulk rows: a member found either way costs the other no call.
  const memberCache = redis
    ? createRedisMemberCache(redis)
    : createMemoryMemberCache({ max: CACHE_MAX, now: overrides.now });
  const lookupOptions = {
    cacheTtlMs: env.MEMBER_CACHE_TTL_MS,
    notFoundTtlMs: NOT_FOUND_TTL_MS,
    cacheMax: CACHE_MAX,
    cache: memberCache,
    concurrency: env.UPSTREAM_CONCURRENCY,
    queue: env.UPSTREAM_QUEUE,
    observe: metrics,
    now: overrides.now,
    generations,
  };
  const lookup = overrides.lookup ?? createMemberLookup(source, { ...lookupOptions, limiter });

  const companyId = overrides.companyId !== undefined ? overrides.companyId : (env.WHOP_COMPANY_ID ?? null);
  const bulk = bulkLists({ whop, lookupOptions, companyId, redis, logger, metrics, overrides });

  const live = createLiveUpdates({
    secret: env.WHOP_WEBHOOK_SECRET,
    cache: memberCache,
    generations,
    redis,
    logger,
    metrics,
    now: overrides.now,
    keepAliveMs: overrides.liveStreams?.keepAliveMs,
    maxStreams: overrides.liveStreams?.maxStreams,
    maxStreamLifetimeMs: overrides.liveStreams?.maxLifetimeMs,
    redropAfterMs: env.UPSTREAM_DEADLINE_MS + 1_000,
  });
  const baseMeta: AppMeta = overrides.meta ?? { mode: 'live', demoMembers: [] };
  const meta: AppMeta = live.on ? { ...baseMeta, live: true } : baseMeta;
  const spa = overrides.spa !== undefined ? overrides.spa : loadSpa(env.STATIC_DIR, meta);
  if (overrides.spa === undefined && !spa) {
    logger.warn({ static_dir: env.STATIC_DIR }, 'no built SPA found; serving the API only (run npm run build)');
  }
  if (spa?.deepLinkProblem) {
    logger.error({ problem: spa.deepLinkProblem }, "deep links preload the member but not the member route's code");
  }

  const auth =
    access.kind === 'sign-in'
      ? signInGate(access.config, {
          whop: { ...whop, limiter },
          logger,
          indexHtml: spa?.indexHtml,
          overrides,
          metrics,
          redis,
        })
      : null;

  let stopping = false;
  const readiness: ReadinessCheck[] = [() => (stopping ? 'shutting down' : null)];
  // An explicit `spa: null` (tests, the bench) means "API only" on purpose, not a missing build.
  if (overrides.spa !== null) readiness.push(staticFilesCheck(spa, env.STATIC_DIR));
  if (redis) readiness.push(redisReadinessCheck(redis));

  const app = createApp({
    mode: meta.mode,
    lookup,
    directory,
    lists,
    companyId,
    logger,
    spa,
    hsts: env.HSTS,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    clientKey: overrides.clientKey ?? clientAddress(env.TRUST_PROXY),
    ...(redis && env.RATE_LIMIT_PER_MINUTE > 0 && { rateLimiter: redisRateLimiter(redis, env.RATE_LIMIT_PER_MINUTE) }),
    auth,
    readiness,
    metrics,
    firstPaintWaitMs: env.FIRST_PAINT_WAIT_MS,
    bulk,
    live,
    ...(overrides.demo && { demo: overrides.demo }),
  });
  if (!companyId) logger.warn('WHOP_COMPANY_ID is not set: search by email, username, name or user id is off');
  if (live.on) {
    logger.info(
      { webhook_path: WEBHOOK_PATH, member_cache_ttl_ms: env.MEMBER_CACHE_TTL_MS },
      `live member pages are on: Whop's webhooks are received at POST ${WEBHOOK_PATH}`,
    );
  } else {
    logger.info('live member pages are off: WHOP_WEBHOOK_SECRET is not set, so pages refresh only when asked');
  }

  return {
    app,
    logger,
    meta,
    source,
    lookup,
    bulk,
    redis,
    live,
    markStopping: () => {
      stopping = true;
      // Open streams end now, so their pages reconnect to an instance that is staying.
      live.endStreams();
      // Lists running here stop now and read as stalled, so another instance can run the rest.
      void bulk.stop();
    },
    close: async () => {
      await bulk.stop();
      await live.close();
      if (ownRedis) await closeRedis(ownRedis);
    },
  };
}

/**
 * Bulk lists: a member lookup and a directory of their own over `bulk`-priority calls, with
 * their own cap on calls in flight (the runner's concurrency), so a list never takes the
 * slots single lookups wait for; the member cache is the single lookups' one.
 */
function bulkLists(deps: {
  whop: UpstreamOptions;
  lookupOptions: Omit<MemberLookupOptions, 'limiter'>;
  companyId: string | null;
  redis: Redis | null;
  logger: Logger;
  metrics: Counts;
  overrides: ServerOverrides;
}): BulkLists {
  const timings = { ...BULK_TIMINGS, ...deps.overrides.bulkTimings };
  const whop: UpstreamOptions = { ...deps.whop, priority: 'bulk' };
  const limiter = createLimiter(timings.concurrency, BULK_MAX_LINES);
  const lookup = createMemberLookup(createWhopMemberSource(whop), { ...deps.lookupOptions, limiter });
  const directory = createWhopDirectory({ ...whop, limiter });
  const store = deps.redis ? createRedisBulkStore(deps.redis) : createMemoryBulkStore({ now: deps.overrides.now });
  return createBulkLists({
    store,
    resolve: (query, signal) => resolveBulkQuery(query, { lookup, directory, companyId: deps.companyId }, signal),
    logger: deps.logger,
    observe: deps.metrics,
    now: deps.overrides.now,
    timings,
    pausedUntil: deps.whop.budget && (() => deps.whop.budget?.pausedUntil() ?? 0),
  });
}

/** The budget in Redis for every instance when there is Redis (per instance while it is away), else in memory. */
function requestBudget(perSecond: number, redis: Redis | null, logger: Logger, metrics: Counts): RequestBudget {
  const store = redis
    ? createRedisBudgetStore(redis, {
        perSecond,
        onFallback: (err) =>
          logger.warn(
            { event: 'budget_fallback', detail: err instanceof Error ? err.message : String(err) },
            'the request budget counts per instance until Redis answers again',
          ),
        onRestored: () => logger.info({ event: 'budget_restored' }, 'the request budget is shared in Redis again'),
      })
    : createMemoryBudgetStore({ perSecond });
  return createRequestBudget({ store, onWait: metrics.budgetWait, bulkSpacingMs: bulkSpacing(perSecond) });
}

/** Sign in with Whop: sessions, the OpenID client, the admin check on the shared Whop path, the gate. */
function signInGate(
  config: SignInConfig,
  deps: {
    whop: UpstreamOptions;
    logger: Logger;
    indexHtml: string | undefined;
    overrides: ServerOverrides;
    metrics: Counts;
    redis: Redis | null;
  },
): SignInGate {
  const { now, stores } = deps.overrides;
  const { redis } = deps;
  // Keys from sessions.ts are `session:<HMAC>` and `login:<HMAC>`; Redis puts REDIS_PREFIX before them.
  const sessionStore =
    stores?.sessions ??
    (redis
      ? createRedisSessionStore(redis, { schema: SessionSchema, countPrefix: 'session:' })
      : createMemorySessionStore<Session>());
  const loginStore =
    stores?.logins ??
    (redis
      ? createRedisSessionStore(redis, { schema: LoginTransactionSchema })
      : createMemorySessionStore<LoginTransaction>());
  const { count } = sessionStore;
  if (count) deps.metrics.trackSessions(() => count.call(sessionStore));
  const sessions = createSessionManager({
    store: sessionStore,
    loginStore,
    secret: config.sessionSecret,
    idleTimeoutMs: config.idleTimeoutMs,
    absoluteTimeoutMs: config.absoluteTimeoutMs,
    now,
  });
  return createSignInGate({
    config,
    sessions,
    client: createWhopSignIn({
      issuer: config.issuer,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUri: `${config.publicUrl}/auth/callback`,
    }),
    admins: createWhopAdminCheck({ ...deps.whop, companyId: config.companyId }),
    logger: deps.logger,
    cssHref: stylesheetHref(deps.indexHtml),
    now,
  });
}
