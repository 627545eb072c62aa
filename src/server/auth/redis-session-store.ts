import type { z } from 'zod';
import { parseStored, type Redis } from '../redis';
import { type SessionStore, SessionStoreUnavailable } from './session-store';

/** SCAN calls one count may make (1,000 keys examined each): a bound on a metrics scrape in a shared Redis. */
const MAX_SCAN_CALLS = 100;

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
  const read = (raw: string | null) => parseStored(raw, options.schema);

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

/**
 * Live keys under REDIS_PREFIX + `kind` (ioredis does not prefix SCAN patterns, and
 * REDIS_PREFIX holds no wildcards). SCAN may return a key twice, hence the set.
 */
async function countKeys(client: Redis, kind: string): Promise<number> {
  const pattern = `${client.options.keyPrefix ?? ''}${kind}*`;
  const seen = new Set<string>();
  let cursor = '0';
  for (let calls = 0; calls < MAX_SCAN_CALLS; calls++) {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    for (const key of keys) seen.add(key);
    cursor = next;
    if (cursor === '0') return seen.size;
  }
  throw new Error(`more than ${MAX_SCAN_CALLS * 1000} keys in Redis to scan for a session count`);
}
