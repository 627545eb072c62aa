import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { parseAuthEnv, resolveAccessMode } from './auth/auth-env';
import { setUpSignIn } from './auth/setup';
import { parseEnv } from './env';
import { createLimiter } from './limiter';
import { createLogger } from './logger';
import { createWhopDirectory } from './member-directory';
import { createMemberLookup } from './member-lookup';
import { clientAddress } from './rate-limit';
import { serverOptions } from './server-options';
import { type AppMeta, loadSpa } from './spa';
import { createWhopMemberSource } from './whop-member-source';

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const env = parsed.env;
const authParsed = parseAuthEnv(process.env);
if (!authParsed.ok) {
  console.error(authParsed.message);
  process.exit(1);
}
// Who may use the dashboard: decided before anything listens.
const access = resolveAccessMode(authParsed.env, { host: env.HOST, apiKey: env.WHOP_API_KEY });
if (access.kind === 'refuse') {
  console.error(access.message);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);
if (access.kind === 'trust-upstream') {
  logger.warn(
    { host: env.HOST },
    'sign-in is off: TRUST_UPSTREAM_AUTH=true says an authenticating proxy in front lets only your team through; anyone who reaches this server directly sees member data',
  );
}

// Demo mode: no key configured, so start the stand-in on loopback and send the SDK to
// it with a throwaway key. Demo traffic takes exactly the production code path.
let demo: Awaited<ReturnType<typeof import('../demo-whop/server').startDemoWhop>> | null = null;
let apiKey = env.WHOP_API_KEY;
let baseURL = env.WHOP_BASE_URL;
let companyId = env.WHOP_COMPANY_ID ?? null;
let meta: AppMeta = { mode: 'live', demoMembers: [] };
if (!apiKey) {
  const { startDemoWhop } = await import('../demo-whop/server');
  const { DEMO_COMPANY, featuredDemoMembers } = await import('../demo-whop/fixtures');
  apiKey = env.DEMO_API_KEY ?? `demo_${randomBytes(16).toString('hex')}`;
  demo = await startDemoWhop({ apiKey, latencyMs: env.DEMO_LATENCY_MS });
  baseURL = demo.baseURL;
  companyId = DEMO_COMPANY.id;
  meta = { mode: 'demo', demoMembers: featuredDemoMembers() };
}

// Lookups, searches and membership lists share one cap on Whop calls in flight.
const limiter = createLimiter(env.UPSTREAM_CONCURRENCY, env.UPSTREAM_QUEUE);
const source = createWhopMemberSource({ apiKey, baseURL, deadlineMs: env.UPSTREAM_DEADLINE_MS });
const directory = createWhopDirectory({ apiKey, baseURL, deadlineMs: env.UPSTREAM_DEADLINE_MS, limiter });
const lookup = createMemberLookup(source, {
  limiter,
  cacheTtlMs: env.MEMBER_CACHE_TTL_MS,
  notFoundTtlMs: 3000,
  cacheMax: 1000,
  concurrency: env.UPSTREAM_CONCURRENCY,
  queue: env.UPSTREAM_QUEUE,
});
const spa = loadSpa(env.STATIC_DIR, meta);
if (!spa) logger.warn({ static_dir: env.STATIC_DIR }, 'no built SPA found; serving the API only (run npm run build)');

const auth =
  access.kind === 'sign-in'
    ? setUpSignIn({ config: access.config, apiKey, baseURL, logger, indexHtml: spa?.indexHtml })
    : null;

const app = createApp({
  mode: meta.mode,
  lookup,
  logger,
  spa,
  hsts: env.HSTS,
  rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
  clientKey: clientAddress(env.TRUST_PROXY),
  auth,
  directory: { directory, companyId },
});
if (!companyId) logger.warn('WHOP_COMPANY_ID is not set: search by email, username, name or user id is off');

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
        url: `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`,
      },
      meta.mode === 'demo'
        ? 'dashboard listening on demo data (set WHOP_API_KEY for live data)'
        : 'dashboard listening',
    );
  },
) as Server;

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: no new connections, finishing in-flight lookups');
  // In-flight lookups end within the upstream deadline; past that (plus a margin) we
  // stop waiting so a stuck socket cannot keep the process alive.
  const force = setTimeout(() => {
    logger.warn('in-flight requests did not finish in time; closing connections');
    server.closeAllConnections();
  }, env.UPSTREAM_DEADLINE_MS + 1_000);
  force.unref();
  server.close(async () => {
    await demo?.close();
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
