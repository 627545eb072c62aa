import { Hono } from 'hono';
import type { Health } from '../contract/api-error';
import { API_BASE, API_ROUTES } from '../contract/api-paths';
import { problems } from '../contract/problem';
import type { AppEnv } from './app-env';
import { perSignedInUser } from './auth/gate';
import type { SignInGate } from './auth/sign-in';
import { healthRoutes, PROBE_PATHS } from './http/health-routes';
import {
  admits,
  type ClientKey,
  clientAddress,
  memoryRateLimiter,
  type RateLimitCounter,
  rateLimit,
} from './http/rate-limit';
import type { ReadinessCheck } from './http/readiness';
import { type AnsweredRequest, requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { sendProblem } from './http/send-problem';
import type { LiveUpdates } from './live/live-updates';
import { bulkRoutes } from './members/bulk-routes';
import type { BulkLists } from './members/bulk-runner';
import { type DemoControls, demoRoutes } from './members/demo-routes';
import { listRoutes } from './members/list-routes';
import type { MemberDirectory } from './members/member-directory';
import { firstListPages, type MemberLists } from './members/member-lists';
import type { MemberLookup } from './members/member-lookup';
import { memberRoutes } from './members/member-routes';
import { membershipRoutes } from './members/membership-routes';
import type { Logger } from './ops/logger';
import { FIRST_PAINT_WAIT_MS, memberFirstPaint } from './page/first-paint';
import { INLINE_SCRIPT_SOURCES } from './page/inline-scripts';
import { spaRoutes } from './page/page-routes';
import type { Spa } from './page/shell';

export type AppDeps = {
  mode: Health['mode'];
  lookup: MemberLookup;
  /** Search and memberships. */
  directory: MemberDirectory;
  /** Payments and token transactions; when absent, those routes are unknown (404). */
  lists?: MemberLists;
  /** The company text search runs in (WHOP_COMPANY_ID); null: text search is off. */
  companyId: string | null;
  logger: Logger;
  /** The built SPA to serve; null serves the API only (tests, `npm run dev`). */
  spa?: Spa | null;
  hsts?: boolean;
  /** Lookups per client per minute; 0 or unset turns rate limiting off. */
  rateLimitPerMinute?: number;
  /** Who a request counts against for rate limiting; defaults to the socket's address. */
  clientKey?: ClientKey;
  /** Where rate limits are counted; this process's memory by default (compose.ts passes Redis's with REDIS_URL). */
  rateLimiter?: RateLimitCounter;
  /** Sign in with Whop; null or absent leaves the dashboard open (loopback, demo). */
  auth?: SignInGate | null;
  /** What GET /api/ready checks; none: ready whenever it answers. */
  readiness?: readonly ReadinessCheck[];
  /** Told of every answered request and every rate-limit refusal (counts.ts). */
  metrics?: { request(answer: AnsweredRequest): void; rateLimited(): void };
  /** How long a deep link's page waits for Whop to render the member in (first-paint.ts); 0 turns that off. */
  firstPaintWaitMs?: number;
  /** Many members at once (bulk-runner.ts); when absent, the /bulk routes are unknown. */
  bulk?: BulkLists;
  /** Live member pages (live/live-updates.ts): Whop's webhooks in, each member page's stream out. */
  live?: Pick<LiveUpdates, 'webhooks' | 'streams'>;
  /** Demo mode's controls (the stand-in's simulated changes); absent elsewhere, and POST /api/demo/* is unknown. */
  demo?: DemoControls;
};

/**
 * GET /api/bulk/:id (the bulk page polls it) and GET /api/members/:id/live (a member page's
 * stream, opened again after every drop: a rolling restart drops them all at once) ask Whop
 * nothing, so they spend no rate limit. A stream is bounded by the instance's cap on open
 * streams and nginx's per-address limit instead (decision 0034).
 */
const ASKS_WHOP_NOTHING = [
  new RegExp(`^${API_BASE}${API_ROUTES.bulk}/[^/]+$`),
  new RegExp(`^${API_BASE}${API_ROUTES.memberLive.replace(':id', '[^/]+')}$`),
];
const isFreeRead = (method: string, path: string) =>
  (method === 'GET' || method === 'HEAD') && ASKS_WHOP_NOTHING.some((route) => route.test(path));

export type App = Hono<AppEnv>;

/**
 * Composes the Hono app from its middleware and route modules. Everything it talks to
 * comes in through `deps` (built by compose.ts), so tests need no ports.
 */
export function createApp(deps: AppDeps): App {
  const app = new Hono<AppEnv>();

  app.use('*', requestLog(deps.logger, deps.metrics?.request));
  app.use('*', securityHeaders({ hsts: deps.hsts ?? false, inlineScripts: INLINE_SCRIPT_SOURCES }));
  app.use(`${API_BASE}/*`, async (c, next) => {
    await next();
    // On the answer itself: c.header() after the answer exists would copy it (and its body).
    c.res.headers.set('Cache-Control', 'no-store');
  });

  // Sign-in before the rate limit: calls without a session end at the gate, and the
  // limit then counts each signed-in person rather than a shared address.
  if (deps.auth) {
    app.use(`${API_BASE}/*`, deps.auth.gate);
    app.route('/', deps.auth.routes);
  }

  // One count for the API and for the pages that look a member up themselves (first-paint.ts).
  const byAddress = deps.clientKey ?? clientAddress(false);
  const rateKey = deps.auth ? perSignedInUser(byAddress) : byAddress;
  const rateLimiter = deps.rateLimitPerMinute ? (deps.rateLimiter ?? memoryRateLimiter(deps.rateLimitPerMinute)) : null;
  if (deps.rateLimitPerMinute && rateLimiter) {
    const limit = rateLimit({
      perMinute: deps.rateLimitPerMinute,
      key: rateKey,
      limiter: rateLimiter,
      onLimited: deps.metrics?.rateLimited,
    });
    // The probes stay cheap and unlimited: load balancers poll them.
    app.use(`${API_BASE}/*`, async (c, next) =>
      PROBE_PATHS.has(c.req.path) || isFreeRead(c.req.method, c.req.path) ? next() : limit(c, next),
    );
  }

  app.route(API_BASE, healthRoutes(deps.mode, deps.readiness));
  if (deps.live) app.route(API_BASE, deps.live.streams);
  app.route(API_BASE, memberRoutes(deps));
  app.route(API_BASE, membershipRoutes(deps));
  if (deps.lists) app.route(API_BASE, listRoutes({ ...deps, lists: deps.lists }));
  if (deps.bulk) app.route(API_BASE, bulkRoutes({ bulk: deps.bulk, owner: rateKey }));
  if (deps.demo) app.route(API_BASE, demoRoutes(deps.demo));

  app.all(`${API_BASE}/*`, (c) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return sendProblem(c, problems.notFound());
    c.header('Allow', 'GET, HEAD');
    return sendProblem(c, problems.methodNotAllowed());
  });

  // Whop's deliveries: outside /api, so neither the sign-in gate nor the rate limit sees them;
  // the signature is their only way in. Unknown (404) with webhooks off.
  if (deps.live?.webhooks) app.route('/', deps.live.webhooks);

  // Metrics are served on METRICS_PORT only; here a scraper gets a plain 404, not the SPA.
  app.all('/metrics', (c) => c.text('Not found', 404));

  if (deps.spa) {
    const auth = deps.auth ?? null;
    // A deep link's page is a member lookup too: the same session check and the same count.
    const waitMs = deps.firstPaintWaitMs ?? FIRST_PAINT_WAIT_MS;
    const firstPaint = memberFirstPaint({
      lookup: deps.lookup,
      render: deps.spa.firstPaint.then((loaded) => loaded.render),
      history: deps.lists ? firstListPages(deps.lists, deps.companyId) : undefined,
      meta: deps.spa.meta,
      logger: deps.logger,
      waitMs,
      codeAfterPaint: [...deps.spa.deepLink.chunks, ...deps.spa.deepLink.history],
      admit: async (c) =>
        (!auth || (await auth.mayShowMembers(c))) && (!rateLimiter || (await admits(rateLimiter, rateKey(c)))),
      // The panels' requests (one per first-paint list), counted as the app's would be; given back for a list the page
      // goes without, and when refused (a refused count still counts), so the app may ask for them.
      admitHistory: async (c, requests) => {
        if (!rateLimiter) return true;
        if (await admits(rateLimiter, rateKey(c), requests)) return true;
        await rateLimiter.reward(rateKey(c), requests);
        return false;
      },
      refundHistory: async (c, requests) => {
        await rateLimiter?.reward(rateKey(c), requests);
      },
    });
    app.route('/', spaRoutes(deps.spa, auth, waitMs > 0 ? firstPaint : null));
    // In production a missing renderer is a broken build: say so once, at start.
    void deps.spa.firstPaint.then(({ problem }) => {
      if (problem && waitMs > 0) {
        deps.logger.warn(
          { problem },
          'deep links render in the browser only: no first-paint renderer (npm run build makes it)',
        );
      }
    });
  }

  // Every /api/ path has been answered above (app.all('/api/*')), so what is left is not the API's.
  app.notFound((c) => c.text('Not found', 404));

  app.onError((err, c) => {
    // The Error itself: pino's serializer for `err` turns a plain object into type "Object".
    deps.logger.error({ req_id: c.get('requestId'), err }, 'unhandled error');
    return sendProblem(c, problems.internal());
  });

  return app;
}
