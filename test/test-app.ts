import { Writable } from 'node:stream';
import { DEMO_COMPANY } from '../src/demo-whop/fixtures';
import { type DemoWhop, startDemoWhop } from '../src/demo-whop/server';
import { type BuiltServer, buildServer, type ServerOverrides } from '../src/server/compose';
import { type Env, parseEnv } from '../src/server/config';
import type { BulkTimings } from '../src/server/members/bulk-runner';
import type { MemberLookup, MemberLookupOptions } from '../src/server/members/member-lookup';
import type { Counts } from '../src/server/ops/counts';
import type { Spa } from '../src/server/page/shell';
import { waitForRedis } from '../src/server/redis';
import type { RetryPolicy } from '../src/server/upstream/upstream-call';

export const TEST_API_KEY = 'test_key_for_the_stand_in';

/** Pinned jitter and short waits, so retry timings are exact and tests are quick. */
export const FAST_RETRIES: RetryPolicy = { maxRetries: 2, baseDelayMs: 20, maxDelayMs: 100, random: () => 0.5 };

/**
 * A Redis command timeout for test stacks: a loaded machine can stall the event loop for
 * longer than the default 500 ms, which would turn a healthy reply into "Redis unavailable".
 */
export const TEST_REDIS_COMMAND_TIMEOUT_MS = 5000;

/**
 * Every variable at its default, with the tests' usual knobs: a short deadline, no cache, no
 * rate limit, a request budget no test of something else runs into (1000 a second), and a
 * Redis command timeout a loaded machine cannot run into.
 */
export function testEnv(overrides: Partial<Env> = {}): Env {
  const parsed = parseEnv({});
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    ...parsed.env,
    UPSTREAM_DEADLINE_MS: 2000,
    MEMBER_CACHE_TTL_MS: 0,
    RATE_LIMIT_PER_MINUTE: 0,
    WHOP_REQUESTS_PER_SECOND: 1000,
    REDIS_COMMAND_TIMEOUT_MS: TEST_REDIS_COMMAND_TIMEOUT_MS,
    ...overrides,
  };
}

/** A log destination that keeps every line the app writes, parsed. */
export function collectLogs(): { logs: Array<Record<string, unknown>>; sink: Writable } {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  return { logs, sink };
}

export type TestApp = {
  app: BuiltServer['app'];
  built: BuiltServer;
  whop: DemoWhop;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  get: (path: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
};

/**
 * The whole server as production builds it (compose.ts), wired to a fresh demo stand-in on
 * a loopback port: tests exercise the production path with nothing mocked but the clock-sized knobs.
 */
export async function startTestApp(
  options: {
    deadlineMs?: number;
    retry?: RetryPolicy;
    /** The cap on Whop calls in flight, its queue, the member cache (UPSTREAM_CONCURRENCY, _QUEUE, MEMBER_CACHE_TTL_MS). */
    lookup?: Partial<Pick<MemberLookupOptions, 'concurrency' | 'queue' | 'cacheTtlMs'>>;
    spa?: Spa | null;
    latencyMs?: number;
    rateLimitPerMinute?: number;
    hsts?: boolean;
    /** Replaces the real lookup (e.g. one that throws), keeping the stand-in for counts. */
    lookupOverride?: MemberLookup;
    /** The company text search runs in; null turns text search off. Defaults to the demo company. */
    companyId?: string | null;
    /** The member cache's clock (and the sessions'); the real one by default. */
    now?: () => number;
    /** REDIS_URL: shared state in that Redis; the app is returned once it is connected. */
    redisUrl?: string;
    /** A stand-in to share with other apps (several instances); this app then leaves it running on close. */
    whop?: DemoWhop;
    /** FIRST_PAINT_WAIT_MS: how long a deep link's page waits for Whop (first-paint.ts). */
    firstPaintWaitMs?: number;
    /** WHOP_REQUESTS_PER_SECOND; 1000 (testEnv) unless a test is about the budget. */
    requestsPerSecond?: number;
    /** The bulk runner's pace and lease (short ones keep tests quick). */
    bulkTimings?: Partial<BulkTimings>;
    /** WHOP_WEBHOOK_SECRET: live member pages on (webhooks at POST /webhooks/whop). */
    webhookSecret?: string;
    /** The live stream's keep-alive interval and cap on open streams. */
    liveStreams?: ServerOverrides['liveStreams'];
    /** Where the app counts (metrics tests read it). */
    metrics?: Counts;
  } = {},
): Promise<TestApp> {
  const whop = options.whop ?? (await startDemoWhop({ apiKey: TEST_API_KEY, latencyMs: options.latencyMs }));
  const { logs, sink } = collectLogs();
  const env = testEnv({
    WHOP_API_KEY: TEST_API_KEY,
    UPSTREAM_DEADLINE_MS: options.deadlineMs ?? 2000,
    UPSTREAM_CONCURRENCY: options.lookup?.concurrency ?? 16,
    UPSTREAM_QUEUE: options.lookup?.queue ?? 256,
    MEMBER_CACHE_TTL_MS: options.lookup?.cacheTtlMs ?? 0,
    RATE_LIMIT_PER_MINUTE: options.rateLimitPerMinute ?? 0,
    HSTS: options.hsts ?? false,
    ...(options.redisUrl && { REDIS_URL: options.redisUrl }),
    ...(options.firstPaintWaitMs !== undefined && { FIRST_PAINT_WAIT_MS: options.firstPaintWaitMs }),
    ...(options.requestsPerSecond !== undefined && { WHOP_REQUESTS_PER_SECOND: options.requestsPerSecond }),
    ...(options.webhookSecret !== undefined && { WHOP_WEBHOOK_SECRET: options.webhookSecret }),
  });
  const built = buildServer(
    { env, access: { kind: 'open', reason: 'demo' } },
    {
      upstream: { apiKey: TEST_API_KEY, baseURL: whop.baseURL },
      companyId: options.companyId === undefined ? DEMO_COMPANY.id : options.companyId,
      meta: { mode: 'demo', demoMembers: [] },
      spa: options.spa ?? null,
      logDestination: sink,
      retry: options.retry ?? FAST_RETRIES,
      // app.request() has no socket; tests name the client with a header.
      clientKey: (c) => c.req.header('x-test-client') ?? 'test-client',
      lookup: options.lookupOverride,
      now: options.now,
      bulkTimings: options.bulkTimings,
      liveStreams: options.liveStreams,
      metrics: options.metrics,
    },
  );
  if (built.redis) {
    const reached = await waitForRedis(built.redis, 15_000);
    if (!reached.ok) throw new Error(`Redis did not answer: ${reached.reason}`);
  }
  await built.live.ready();
  return {
    app: built.app,
    built,
    whop,
    logs,
    get: async (path, init) => built.app.request(path, init),
    close: async () => {
      await built.close();
      if (!options.whop) await whop.close();
    },
  };
}
