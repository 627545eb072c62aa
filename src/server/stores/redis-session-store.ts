import type { z } from 'zod';
import { type SessionStore, SessionStoreUnavailable } from '../auth/session-store';
import type { Redis } from './redis';

/** SCAN calls one count may make (1,000 keys each): a bound on a metrics scrape, not on sessions. */
const MAX_SCAN_CALLS = 1_000;

/**
 * Sessions or sign-ins in progress in Redis: `SET key json PX ttl`, `GET`, `GETDEL` (a
 * sign-in finishes once, even with two instances racing), `DEL`. Keys come from
 * sessions.ts already hashed (`session:<HMAC of the id>`), and the client puts REDIS_PREFIX
 * before them. A stored value that does not parse as `schema` reads as missing, so a
 * corrupt or foreign entry can never become a session. Any Redis failure is thrown as
 * SessionStoreUnavailable, which the gate answers with 503 (it fails closed).
 */
export function createRedisSessionStore<T>(
  client: Redis,
  options: {
    schema: z.ZodType<T>;
    /** The key kind this store counts for the sessions_active metric (`session:`); none: no count. */
    countPrefix?: string;
  },
): SessionStore<T> {
  const read = (raw: string | null): T | undefined => {
    if (raw === null) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const parsed = options.schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };

  const store: SessionStore<T> = {
    get: (key) => guarded(async () => read(await client.get(key))),
    set: (key, value, ttlMs) =>
      guarded(async () => {
        await client.set(key, JSON.stringify(value), 'PX', Math.max(1, Math.ceil(ttlMs)));
      }),
    take: (key) => guarded(async () => read(await client.getdel(key))),
    delete: (key) =>
      guarded(async () => {
        await client.del(key);
      }),
  };
  const { countPrefix } = options;
  if (countPrefix) store.count = () => guarded(() => countKeys(client, countPrefix));
  return store;
}

async function guarded<R>(run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (err) {
    throw new SessionStoreUnavailable(`session store: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

/** Live keys under REDIS_PREFIX + `kind` (ioredis does not prefix SCAN patterns; REDIS_PREFIX holds no wildcards). */
async function countKeys(client: Redis, kind: string): Promise<number> {
  const pattern = `${client.options.keyPrefix ?? ''}${kind}*`;
  let cursor = '0';
  let count = 0;
  for (let calls = 0; calls < MAX_SCAN_CALLS; calls++) {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    count += keys.length;
    cursor = next;
    if (cursor === '0') return count;
  }
  throw new Error(`more than ${MAX_SCAN_CALLS * 1000} keys to scan`);
}
