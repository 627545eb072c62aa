import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../app-env';
import type { Logger } from '../ops/logger';

/**
 * The route template of the handler that answered, as the router matched it
 * (`/api/members/:id`, never the id itself). An answer from middleware (the sign-in gate,
 * the rate limit, a static file) or from no route at all is 'unmatched'; the SPA's
 * catch-all is 'spa'. Handlers take `(c)`, middleware `(c, next)`: the distinction
 * Hono's own `matchedRoutes` documentation draws.
 */
export function routeLabel(c: Context): string {
  const route = matchedRoutes(c)[c.req.routeIndex];
  if (!route || route.handler.length >= 2) return 'unmatched';
  return route.path === '/*' ? 'spa' : route.path;
}

/** What metrics see of an answered request: the same route template the log line carries. */
export type AnsweredRequest = { method: string; route: string; status: number; seconds: number };

/** A request id for every request, and one JSON line per request once it is answered. */
export function requestLog(logger: Logger, observe?: (answer: AnsweredRequest) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    // On the answer itself: c.header() after the answer exists would copy it (and its body).
    c.res.headers.set('X-Request-Id', requestId);
    const lookup = c.get('lookup');
    const route = routeLabel(c);
    const elapsedMs = performance.now() - started;
    observe?.({ method: c.req.method, route, status: c.res.status, seconds: elapsedMs / 1000 });
    logger.info({
      req_id: requestId,
      method: c.req.method,
      route,
      status: c.res.status,
      duration_ms: Math.round(elapsedMs * 10) / 10,
      ...(lookup && {
        upstream_status: lookup.upstreamStatus,
        attempts: lookup.attempts,
        coalesced: lookup.coalesced,
        cached: lookup.cached,
      }),
    });
  };
}
