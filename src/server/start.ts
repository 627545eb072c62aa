import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { DestinationStream } from 'pino';
import type { AppMeta } from '../contract/app-meta';
import { WEBHOOK_PATH } from '../contract/live';
import type { DemoWhop } from '../demo-whop/server';
import { buildServer, type ServerOverrides } from './compose';
import type { ServerConfig } from './config';
import { serverOptions } from './http/server-options';
import type { DemoControls } from './members/demo-routes';
import { redactedRedisUrl, redisAddress, waitForRedis } from './redis';

/** How long start-up waits for Redis (REDIS_URL) before giving up. */
export const REDIS_STARTUP_WAIT_MS = 5_000;

export type StartOptions = {
  /** Where log lines go; stdout by default. */
  logDestination?: DestinationStream;
  /** How long to wait for REDIS_URL to answer; REDIS_STARTUP_WAIT_MS by default. */
  redisWaitMs?: number;
};

export type RunningServer = {
  /** Where the dashboard listens, e.g. http://127.0.0.1:3000 (IPv6 hosts in brackets). */
  url: string;
  /** Where /metrics is served (METRICS_PORT), or null: off. */
  metricsUrl: string | null;
  meta: AppMeta;
  /**
   * Stops as a stop signal asks: /api/ready answers 503, no new connections, in-flight
   * lookups finish (connections still open after the upstream deadline plus 1 s are closed),
   * then the stand-in and Redis are let go. Resolves once everything is closed; calling it
   * again returns the same promise.
   */
  stop(signal: string): Promise<void>;
};

export type StartResult = { ok: true; running: RunningServer } | { ok: false; message: string };

/** `http://host:port` of a listening socket, with an IPv6 address in brackets. */
export function listenUrl(info: Pick<AddressInfo, 'address' | 'family' | 'port'>): string {
  return `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`;
}

/** The same port on loopback when the server listens on every address (0.0.0.0, ::). */
function loopbackOf(info: AddressInfo): AddressInfo {
  if (info.address === '0.0.0.0') return { ...info, address: '127.0.0.1' };
  if (info.address === '::') return { ...info, address: '::1' };
  return info;
}

/** Demo mode's "Simulate a payment": the stand-in's simulate, its refusals as the route's reasons. */
function demoControls(demo: DemoWhop): DemoControls {
  return {
    async simulate(request) {
      if (!demo.hasMember(request.memberId))
        return { ok: false, reason: 'no_such_member', message: `No demo member ${request.memberId}.` };
      try {
        const delivery = await demo.simulate(request);
        return { ok: true, webhookId: delivery.headers['webhook-id'], status: delivery.status };
      } catch (err) {
        return { ok: false, reason: 'nothing_to_change', message: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    if (server.listening) onListening();
    else {
      server.once('listening', onListening);
      server.once('error', onError);
    }
  });
}

/**
 * Everything `npm start` does between reading the configuration and waiting for a stop
 * signal: the stand-in in demo mode, metrics when METRICS_PORT is set, Redis awaited when
 * REDIS_URL is set, the listeners. main.ts adds the process around it (exit codes, signals).
 */
export async function startServer(given: ServerConfig, options: StartOptions = {}): Promise<StartResult> {
  let config = given;
  const { env, access } = config;

  // Demo mode: no key configured, so start the stand-in on loopback and send the SDK to
  // it with a throwaway key. Demo traffic takes exactly the production code path.
  let demo: Awaited<ReturnType<typeof import('../demo-whop/server').startDemoWhop>> | null = null;
  let overrides: ServerOverrides = {};
  /** Where the stand-in delivers its webhooks: this dashboard's own endpoint, once it listens. */
  const demoWebhook = { url: '', secret: '' };
  if (!env.WHOP_API_KEY) {
    const { startDemoWhop } = await import('../demo-whop/server');
    const { DEMO_COMPANY, featuredDemoMembers } = await import('../demo-whop/fixtures');
    const apiKey = env.DEMO_API_KEY ?? `demo_${randomBytes(16).toString('hex')}`;
    // Live out of the box: without WHOP_WEBHOOK_SECRET, demo mode makes up one for this run,
    // and the stand-in signs its deliveries with it. Where they go is known once we listen.
    const secret = env.WHOP_WEBHOOK_SECRET ?? `ws_demo_${randomBytes(24).toString('base64url')}`;
    config = { ...config, env: { ...env, WHOP_WEBHOOK_SECRET: secret } };
    demo = await startDemoWhop({ apiKey, latencyMs: env.DEMO_LATENCY_MS, webhook: demoWebhook });
    demoWebhook.secret = secret;
    overrides = {
      upstream: { apiKey, baseURL: demo.baseURL },
      companyId: DEMO_COMPANY.id,
      meta: { mode: 'demo', demoMembers: featuredDemoMembers() },
      demo: demoControls(demo),
    };
  }

  // Metrics, process metrics (memory, event loop, GC) included, only when someone can scrape them.
  const metricsModule = env.METRICS_PORT === undefined ? null : await import('./ops/metrics');
  const metrics = metricsModule?.createMetrics({ processMetrics: true }) ?? null;
  const built = buildServer(config, {
    ...overrides,
    ...(metrics && { metrics }),
    ...(options.logDestination && { logDestination: options.logDestination }),
  });
  const { app, logger, meta, markStopping } = built;

  // Shared state is in Redis: start only once it answers, so no instance serves without it.
  if (built.redis && env.REDIS_URL) {
    const waitMs = options.redisWaitMs ?? REDIS_STARTUP_WAIT_MS;
    const reached = await waitForRedis(built.redis, waitMs);
    if (!reached.ok) {
      built.redis.disconnect();
      await demo?.close();
      return {
        ok: false,
        message: `Cannot reach Redis at REDIS_URL=${redactedRedisUrl(env.REDIS_URL)} (${redisAddress(built.redis)}) within ${waitMs / 1000} s: ${reached.reason}`,
      };
    }
  }

  const server = serve({
    fetch: app.fetch,
    hostname: env.HOST,
    port: env.PORT,
    serverOptions: serverOptions(env.UPSTREAM_DEADLINE_MS),
  }) as Server;
  const address = await listen(server);
  const url = listenUrl(address);
  demoWebhook.url = `${listenUrl(loopbackOf(address))}${WEBHOOK_PATH}`;
  logger.info(
    { mode: meta.mode, sign_in: access.kind === 'sign-in' ? 'whop' : access.kind, url },
    meta.mode === 'demo' ? 'dashboard listening on demo data (set WHOP_API_KEY for live data)' : 'dashboard listening',
  );

  // Bound like the app (HOST), on a port of its own, so the public port never serves /metrics.
  let metricsServer: Server | null = null;
  let metricsUrl: string | null = null;
  if (metricsModule && metrics) {
    metricsServer = serve({
      fetch: metricsModule.metricsApp(metrics).fetch,
      hostname: env.HOST,
      port: env.METRICS_PORT,
    }) as Server;
    metricsUrl = `${listenUrl(await listen(metricsServer))}/metrics`;
    logger.info({ metrics_url: metricsUrl }, 'metrics listening');
  }

  let stopped: Promise<void> | null = null;
  const stop = (signal: string): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
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
      // Keep-alive sockets go idle as their last response finishes; close them as they do
      // rather than waiting out the keep-alive timeout.
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      idle.unref();
      server.close(async () => {
        clearTimeout(force);
        clearInterval(idle);
        await demo?.close();
        await built.close();
        logger.info('stopped');
        resolve();
      });
      server.closeIdleConnections();
    });
    return stopped;
  };

  return { ok: true, running: { url, metricsUrl, meta, stop } };
}
