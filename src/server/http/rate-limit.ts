import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { problems } from '../../contract/problem';
import type { AppEnv } from '../app-env';
import type { Redis } from '../redis';
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

/** Counts requests per key (rate-limiter-flexible's limiter interface, memory or Redis). */
export type RateLimitCounter = RateLimiterAbstract;

/** The window every limit counts in. */
const WINDOW_SECONDS = 60;

/** This process's own count: the default, and the fallback of the Redis one. */
export function memoryRateLimiter(perMinute: number): RateLimitCounter {
  return new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS });
}

/**
 * One count shared by every instance (`ratelimit:<client>` under REDIS_PREFIX), so a
 * limit of N admits N in all. While Redis is not connected, or a command fails or times
 * out, each instance counts on its own in memory (the insurance limiter), so a client
 * may then get N per instance: looser, never open.
 */
export function redisRateLimiter(client: Redis, perMinute: number): RateLimitCounter {
  return new RateLimiterRedis({
    storeClient: client,
    keyPrefix: 'ratelimit',
    points: perMinute,
    duration: WINDOW_SECONDS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memoryRateLimiter(perMinute),
  });
}

/**
 * Counts `requests` (one unless told) against `key` and says whether they are within the
 * limit: for a page that looks a member up itself and, over the limit, goes without rather
 * than refusing. A counter that fails (Redis without its fallback) throws, as in rateLimit().
 */
export async function admits(limiter: RateLimitCounter, key: string, requests = 1): Promise<boolean> {
  try {
    await limiter.consume(key, requests);
    return true;
  } catch (result) {
    if (result instanceof RateLimiterRes) return false;
    throw result;
  }
}

/**
 * At most `perMinute` requests per client in any 60 s window: rate-limiter-flexible's
 * in-memory limiter by default, its Redis twin (redisRateLimiter) for several instances.
 */
export function rateLimit(options: {
  perMinute: number;
  key: ClientKey;
  /** Where the counts live; this process's memory by default. */
  limiter?: RateLimitCounter;
  /** Told of every refusal (metrics). */
  onLimited?: () => void;
}): MiddlewareHandler<AppEnv> {
  const limiter = options.limiter ?? memoryRateLimiter(options.perMinute);
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
