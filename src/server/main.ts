import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { buildServer, type ServerOverrides } from './compose';
import { readConfig } from './config';
import { serverOptions } from './server-options';
import { redactedRedisUrl, redisAddress, waitForRedis } from './stores/redis';

/** How long start-up waits for Redis (REDIS_URL) before giving up with exit code 1. */
const REDIS_STARTUP_WAIT_MS = 5_000;

const parsed = readConfig();
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const config = parsed.config;
const { env, access } = config;

// Demo mode: no key configured, so start the stand-in on loopback and send the SDK to
// it with a throwaway key. Demo traffic takes exactly the production code path.
let demo: Awaited<ReturnType<typeof import('../demo-whop/server').startDemoWhop>> | null = null;
let overrides: ServerOverrides = {};
if (!env.WHOP_API_KEY) {
  const { startDemoWhop } = await import('../demo-whop/server');
  const { DEMO_COMPANY, featuredDemoMembers } = await import('../demo-whop/fixtures');
  const apiKey = env.DEMO_API_KEY ?? `demo_${randomBytes(16).toString('hex')}`;
  demo = await startDemoWhop({ apiKey, latencyMs: env.DEMO_LATENCY_MS });
  overrides = {
    upstream: { apiKey, baseURL: demo.baseURL },
    companyId: DEMO_COMPANY.id,
    meta: { mode: 'demo', demoMembers: featuredDemoMembers() },
  };
}

// Metrics, process metrics (memory, event loop, GC) included, only when someone can scrape them.
const metricsModule = env.METRICS_PORT === undefined ? null : await import('./metrics');
const metrics = metricsModule?.createMetrics({ processMetrics: true }) ?? null;
const built = buildServer(config, { ...overrides, ...(metrics && { metrics }) });
const { app, logger, meta, markStopping } = built;

// Shared state is in Redis: start only once it answers, so no instance serves without it.
if (built.redis && env.REDIS_URL) {
  const reached = await waitForRedis(built.redis, REDIS_STARTUP_WAIT_MS);
  if (!reached.ok) {
    console.error(
      `Cannot reach Redis at REDIS_URL=${redactedRedisUrl(env.REDIS_URL)} (${redisAddress(built.redis)}) within ${REDIS_STARTUP_WAIT_MS / 1000} s: ${reached.reason}`,
    );
    built.redis.disconnect();
    await demo?.close();
    process.exit(1);
  }
}

const listenUrl = (info: { address: string; family: string; port: number }) =>
  `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`;

const server = serve(
  {
    fetch: app.fetch,
    hostname: env.HOST,
    port: env.PORT,
    serverOptions: serverOptions(env.UPSTREAM_DEADLINE_MS),
  },
  (info) => {
    logger.info(
      {
        mode: meta.mode,
        sign_in: access.kind === 'sign-in' ? 'whop' : access.kind,
        url: listenUrl(info),
      },
      meta.mode === 'demo'
        ? 'dashboard listening on demo data (set WHOP_API_KEY for live data)'
        : 'dashboard listening',
    );
  },
) as Server;

// Bound like the app (HOST), on a port of its own, so the public port never serves /metrics.
const metricsServer =
  metricsModule && metrics
    ? (serve({ fetch: metricsModule.metricsApp(metrics).fetch, hostname: env.HOST, port: env.METRICS_PORT }, (info) => {
        logger.info({ metrics_url: `${listenUrl(info)}/metrics` }, 'metrics listening');
      }) as Server)
    : null;

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  markStopping();
  logger.info({ signal }, 'shutting down: no new connections, finishing in-flight lookups');
  metricsServer?.close();
  metricsServer?.closeAllConnections();
  // In-flight lookups end within the upstream deadline; past that (plus a margin) we
  // stop waiting so a stuck socket cannot keep the process alive.
  const force = setTimeout(() => {
    logger.warn('in-flight requests did not finish in time; closing connections');
    server.closeAllConnections();
  }, env.UPSTREAM_DEADLINE_MS + 1_000);
  force.unref();
  server.close(async () => {
    await demo?.close();
    await built.close();
    logger.info('stopped');
    process.exit(0);
  });
  // Keep-alive sockets go idle as their last response finishes; close them as they do
  // rather than waiting out the keep-alive timeout.
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 100).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
