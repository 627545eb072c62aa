import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { ReadinessCheck } from './http/readiness';
import type { Logger } from './ops/logger';

export type { Redis };

/**
 * ioredis is loaded on the first createRedisClient (REDIS_URL set), not at start-up: the
 * embedded default, which never uses it, stays as quick to start and as small as before
 * (it costs about 14 MiB of RSS and a few hundred ms here). A CommonJS package, so a
 * synchronous require does it, and buildServer stays synchronous.
 */
const load = createRequire(import.meta.url);
const ioredis = () => (load('ioredis') as typeof import('ioredis')).Redis;

/**
 * The one Redis connection a server holds (REDIS_URL), for sessions, sign-ins in
 * progress, rate limits and the member cache. Tuned to fail fast rather than wait: while
 * the connection is down every command is refused at once (no offline queue), a command
 * that gets no reply fails after REDIS_COMMAND_TIMEOUT_MS (COMMAND_TIMEOUT_MS by default),
 * and the stores turn either into their fallback (refuse sign-in checks, count rate limits
 * in memory, skip the cache).
 * The client reconnects by itself, forever, with a capped backoff.
 */

/**
 * A reply slower than this counts as Redis being unavailable; a healthy one answers in well
 * under 1 ms. The default of REDIS_COMMAND_TIMEOUT_MS (test stacks on a loaded machine, where
 * the event loop itself may stall longer than this, set more).
 */
export const COMMAND_TIMEOUT_MS = 500;
/** One connection attempt (TCP, TLS, AUTH, ready check) may take this long before it is retried. */
const CONNECT_TIMEOUT_MS = 2_000;
/** Reconnect backoff: 100 ms, 200 ms, … capped here, so Redis coming back is noticed within about a second. */
const MAX_RECONNECT_DELAY_MS = 1_000;

/** The URL as it may be logged: the password replaced by `***` (the user name stays, to tell ACL users apart). */
export function redactedRedisUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}

/** host:port the client connects to, as an operator would look for it. */
export function redisAddress(client: Redis): string {
  const { host, port } = client.options;
  return `${host?.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Reconnect delay after the `times`-th failed attempt in a row: doubling, capped, never giving up. */
export function reconnectDelay(times: number): number {
  return Math.min(100 * 2 ** Math.min(Math.max(times - 1, 0), 10), MAX_RECONNECT_DELAY_MS);
}

/**
 * Opens the connection (in the background: see waitForRedis). `prefix` goes before every
 * key by ioredis's keyPrefix (not applied to SCAN patterns: stores that scan add it
 * themselves). Losing and regaining the connection are logged once each, however many
 * reconnection attempts lie between.
 */
export function createRedisClient(options: {
  url: string;
  prefix: string;
  logger: Logger;
  /** How long a command may wait for its reply; COMMAND_TIMEOUT_MS unless given. */
  commandTimeoutMs?: number;
}): Redis {
  const RedisClient = ioredis();
  const client = new RedisClient(options.url, {
    keyPrefix: options.prefix,
    commandTimeout: options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: reconnectDelay,
    connectionName: 'whop-member-lookup',
  });
  watchConnection(client, { ...options, redis: redactedRedisUrl(options.url) });
  return client;
}

/** Logs the first connection, a loss (once) and the recovery (once), with how long Redis was away. */
function watchConnection(client: Redis, options: { redis: string; prefix: string; logger: Logger }) {
  const { logger } = options;
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  let lostAt = 0;
  let lastError = '';
  client.on('error', (err: Error) => {
    // ioredis emits one per failed attempt; only the last is kept, for the lines below.
    lastError = err.message;
  });
  client.on('ready', () => {
    if (state === 'down') {
      logger.info(
        { event: 'redis_restored', redis: options.redis, down_ms: Date.now() - lostAt },
        'Redis connection restored',
      );
    } else if (state === 'connecting') {
      logger.info({ event: 'redis_connected', redis: options.redis, prefix: options.prefix }, 'Redis connected');
    }
    state = 'up';
    lastError = '';
  });
  // Emitted only for a connection that ended unasked (not after quit()), before each retry.
  client.on('reconnecting', () => {
    if (state !== 'up') return;
    state = 'down';
    lostAt = Date.now();
    logger.warn(
      { event: 'redis_lost', redis: options.redis, ...(lastError && { detail: lastError }) },
      'Redis connection lost: until it is back, sign-in checks answer 503, rate limits count per instance and the member cache is skipped',
    );
  });
}

export type RedisWait = { ok: true } | { ok: false; reason: string };

/** Resolves once the client is ready, or after `ms` with the last connection error (start-up). */
export function waitForRedis(client: Redis, ms: number): Promise<RedisWait> {
  if (client.status === 'ready') return Promise.resolve({ ok: true });
  return new Promise((resolve) => {
    let lastError = 'no answer';
    const onError = (err: Error) => {
      lastError = err.message || err.name;
    };
    const onReady = () => {
      cleanup();
      resolve({ ok: true });
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve({ ok: false, reason: lastError });
    }, ms);
    const cleanup = () => {
      clearTimeout(timer);
      client.off('error', onError);
      client.off('ready', onReady);
    };
    client.on('error', onError);
    client.on('ready', onReady);
  });
}

/** Ends the connection: politely when Redis answers, at once when it does not. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** A zod schema, classic or mini (the contract's are mini): all parseStored needs of one. */
export type StoredShape<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };

/**
 * A value a store kept as JSON, read back through `schema`: missing, not JSON, or not of
 * that shape all read as undefined, so a corrupt or foreign entry is never taken for ours.
 */
export function parseStored<T>(raw: string | null, schema: StoredShape<T>): T | undefined {
  if (raw === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** /api/ready: not ready while the connection is down (the stores would all be on their fallbacks). */
export function redisReadinessCheck(client: Redis): ReadinessCheck {
  const where = redisAddress(client);
  return () => (client.status === 'ready' ? null : `Redis (REDIS_URL, ${where}) is not connected`);
}
