import { Writable } from 'node:stream';
import { DEMO_COMPANY } from '../../demo-whop/fixtures';
import { type DemoWhop, startDemoWhop } from '../../demo-whop/server';
import { createApp } from '../app';
import { createLimiter } from '../limiter';
import { createLogger } from '../logger';
import { createWhopDirectory } from '../member-directory';
import { createMemberLookup, type MemberLookup, type MemberLookupOptions } from '../member-lookup';
import type { Spa } from '../spa';
import { createWhopMemberSource, type RetryPolicy } from '../whop-member-source';

export const TEST_API_KEY = 'test_key_for_the_stand_in';

/** Pinned jitter and short waits, so retry timings are exact and tests are quick. */
export const FAST_RETRIES: RetryPolicy = { maxRetries: 2, baseDelayMs: 20, maxDelayMs: 100, random: () => 0.5 };

export type TestApp = {
  app: ReturnType<typeof createApp>;
  whop: DemoWhop;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  get: (path: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
};

/**
 * The real app, source and lookup, wired to a fresh demo stand-in on a loopback port:
 * tests exercise the production path with nothing mocked but the clock-sized knobs.
 */
export async function startTestApp(
  options: {
    deadlineMs?: number;
    retry?: RetryPolicy;
    lookup?: Partial<MemberLookupOptions>;
    spa?: Spa | null;
    latencyMs?: number;
    rateLimitPerMinute?: number;
    hsts?: boolean;
    /** Replaces the real lookup (e.g. one that throws), keeping the stand-in for counts. */
    lookupOverride?: MemberLookup;
    /** The company text search runs in; null turns text search off. Defaults to the demo company. */
    companyId?: string | null;
  } = {},
): Promise<TestApp> {
  const whop = await startDemoWhop({ apiKey: TEST_API_KEY, latencyMs: options.latencyMs });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const source = createWhopMemberSource({
    apiKey: TEST_API_KEY,
    baseURL: whop.baseURL,
    deadlineMs: options.deadlineMs ?? 2000,
    retry: options.retry ?? FAST_RETRIES,
  });
  const lookup = createMemberLookup(source, {
    cacheTtlMs: 0,
    notFoundTtlMs: 0,
    cacheMax: 100,
    concurrency: 16,
    queue: 256,
    ...options.lookup,
  });
  const directory = createWhopDirectory({
    apiKey: TEST_API_KEY,
    baseURL: whop.baseURL,
    deadlineMs: options.deadlineMs ?? 2000,
    retry: options.retry ?? FAST_RETRIES,
    limiter: createLimiter(16, 256),
  });
  const app = createApp({
    mode: 'demo',
    lookup: options.lookupOverride ?? lookup,
    logger: createLogger('info', sink),
    spa: options.spa ?? null,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    hsts: options.hsts ?? false,
    // app.request() has no socket; tests name the client with a header.
    clientKey: (c) => c.req.header('x-test-client') ?? 'test-client',
    directory: { directory, companyId: options.companyId === undefined ? DEMO_COMPANY.id : options.companyId },
  });
  return {
    app,
    whop,
    logs,
    get: async (path, init) => app.request(path, init),
    close: () => whop.close(),
  };
}
