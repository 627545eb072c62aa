import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppEnv } from './app-env';
import { problems } from './problem';
import { sendProblem } from './send-problem';

/** Who a request counts against: the client's IP now, the session once sign-in exists. */
export type ClientKey = (c: Context<AppEnv>) => string;

/**
 * The address the request came from. Behind a reverse proxy (TRUST_PROXY=true) it is the
 * last X-Forwarded-For entry, the one our own proxy appended; earlier entries are
 * whatever the client claimed and are never trusted.
 */
export function clientAddress(trustProxy: boolean): ClientKey {
  return (c) => {
    const header = trustProxy ? c.req.header('x-forwarded-for') : undefined;
    if (header) {
      const lastHop = header.slice(header.lastIndexOf(',') + 1).trim();
      if (lastHop) return lastHop;
    }
    return socketAddress(c) ?? 'unknown';
  };
}

/** The peer of the request's socket, from Hono's connection info; none under `app.request()`. */
function socketAddress(c: Context): string | undefined {
  // Without a Node server there are no bindings to read (tests call the app directly).
  if (!c.env) return undefined;
  return getConnInfo(c).remote.address;
}

/**
 * At most `perMinute` requests per client in any 60 s window (rate-limiter-flexible's
 * in-memory limiter; its Redis twin backs several instances with the same code).
 */
export function rateLimit(options: {
  perMinute: number;
  key: ClientKey;
  /** Told of every refusal (metrics). */
  onLimited?: () => void;
}): MiddlewareHandler<AppEnv> {
  const limiter = new RateLimiterMemory({ points: options.perMinute, duration: 60 });
  return async (c, next) => {
    try {
      await limiter.consume(options.key(c));
    } catch (result) {
      if (result instanceof RateLimiterRes) {
        options.onLimited?.();
        return sendProblem(c, problems.rateLimited(Math.max(1, Math.ceil(result.msBeforeNext / 1000))));
      }
      throw result;
    }
    await next();
  };
}
