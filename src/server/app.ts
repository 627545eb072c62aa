import { randomUUID } from 'node:crypto';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Health } from '../contract/api-error';
import { parseMemberId } from '../contract/member-id';
import type { Session } from './auth/sessions';
import { perSignedInUser, type SignInGate } from './auth/sign-in';
import { type DirectoryDeps, directoryRoutes } from './directory-routes';
import type { Logger } from './logger';
import type { MemberLookup } from './member-lookup';
import { problems } from './problem';
import { type ClientKey, clientAddress, rateLimit } from './rate-limit';
import { securityHeaders } from './security-headers';
import { sendProblem } from './send-problem';
import type { Spa } from './spa';

export type AppDeps = {
  mode: Health['mode'];
  lookup: MemberLookup;
  logger: Logger;
  /** The built SPA to serve; null serves the API only (tests, `npm run dev`). */
  spa?: Spa | null;
  hsts?: boolean;
  /** Lookups per client per minute; 0 or unset turns rate limiting off. */
  rateLimitPerMinute?: number;
  /** Who a request counts against for rate limiting; defaults to the socket's address. */
  clientKey?: ClientKey;
  /** Sign in with Whop; null or absent leaves the dashboard open (loopback, demo). */
  auth?: SignInGate | null;
  /** Search and memberships; without it only member ids can be looked up. */
  directory?: Omit<DirectoryDeps, 'lookup'>;
};

/** What the request's log line says about the Whop call behind it. */
type UpstreamLog = { attempts: number; upstreamStatus: number | null; coalesced?: boolean; cached?: boolean };

type Vars = {
  requestId: string;
  route: string;
  lookup: UpstreamLog | undefined;
  /** The signed-in admin, set by the sign-in gate on /api routes. */
  session: Session | undefined;
};

export type AppEnv = { Variables: Vars };

/** Builds the Hono app. Everything it talks to comes in through `deps`, so tests need no ports. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('route', 'unmatched');
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    const lookup = c.get('lookup');
    deps.logger.info({
      req_id: requestId,
      method: c.req.method,
      route: c.get('route'),
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      ...(lookup && {
        upstream_status: lookup.upstreamStatus,
        attempts: lookup.attempts,
        coalesced: lookup.coalesced,
        cached: lookup.cached,
      }),
    });
  });
  app.use('*', securityHeaders({ hsts: deps.hsts ?? false }));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  // Sign-in before the rate limit: calls without a session end at the gate, and the
  // limit then counts each signed-in person rather than a shared address.
  deps.auth?.register(app);

  if (deps.rateLimitPerMinute) {
    const byAddress = deps.clientKey ?? clientAddress(false);
    const limit = rateLimit({
      perMinute: deps.rateLimitPerMinute,
      key: deps.auth ? perSignedInUser(byAddress) : byAddress,
    });
    // Health stays cheap and unlimited: load balancers poll it.
    app.use('/api/*', async (c, next) => (c.req.path === '/api/health' ? next() : limit(c, next)));
  }

  app.get('/api/health', (c) => {
    c.set('route', '/api/health');
    return c.json({ status: 'ok', mode: deps.mode } satisfies Health);
  });

  app.get('/api/members/:id', async (c) => {
    c.set('route', '/api/members/:id');
    const raw = c.req.param('id');
    const parsed = parseMemberId(raw);
    if (!parsed.ok) return sendProblem(c, problems.invalidMemberId(parsed.message));
    // People get trimming in the search box; the API takes the id exactly or not at all.
    if (parsed.id !== raw) return sendProblem(c, problems.invalidMemberId('Member ids have no spaces around them.'));
    const result = await deps.lookup(parsed.id);
    c.set('lookup', result);
    if (!result.ok) return sendProblem(c, result.problem);
    return c.json(result.member);
  });

  if (deps.directory) app.route('/api', directoryRoutes({ ...deps.directory, lookup: deps.lookup }));

  app.all('/api/*', (c) => {
    c.set('route', '/api/*');
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return sendProblem(c, problems.notFound());
    c.header('Allow', 'GET, HEAD');
    return sendProblem(c, problems.methodNotAllowed());
  });

  const spa = deps.spa;
  if (spa) {
    app.use('/assets/*', async (c, next) => {
      c.set('route', '/assets/*');
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('/assets/*', serveStatic({ root: spa.root, precompressed: true }));
    // A missing hashed asset is a real 404: answering index.html would hand the browser
    // HTML where it expects JavaScript, and hide a broken deploy.
    app.get('/assets/*', (c) => c.text('Not found', 404));
    app.use('*', async (c, next) => {
      if (c.req.path === '/' || c.req.path === '/index.html') return next();
      return serveStatic({ root: spa.root })(c, next);
    });
    app.get('*', (c) => {
      c.set('route', 'spa');
      c.header('Cache-Control', 'no-cache');
      if (deps.auth) return deps.auth.serveIndex(c, spa.indexHtml);
      return c.html(spa.indexHtml);
    });
  }

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return sendProblem(c, problems.notFound());
    return c.text('Not found', 404);
  });

  app.onError((err, c) => {
    deps.logger.error({ req_id: c.get('requestId'), err: { type: err.name, message: err.message } }, 'unhandled error');
    return sendProblem(c, problems.internal());
  });

  return app;
}
