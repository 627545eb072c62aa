import { describe, expect, it, vi } from 'vitest';
import { redisForThisFile } from '../../../test/test-redis';
import { createRedisSessionStore } from './redis-session-store';
import { SessionStoreUnavailable } from './session-store';
import { type LoginTransaction, LoginTransactionSchema, type Session, SessionSchema } from './sessions';

const session: Session = {
  userId: 'user_demoMarcus',
  name: 'Marcus Weber',
  createdAt: 1_000,
  lastSeenAt: 2_000,
  adminCheckedAt: 1_500,
  refreshToken: 'rt_marcus',
};
const login: LoginTransaction = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/x', createdAt: 1 };

const { client, unreachableClient } = redisForThisFile();

/** What is really in Redis, keys unprefixed. */
const raw = () => client('');

const sessionsOn = async (prefix: string) =>
  createRedisSessionStore(await client(prefix), { schema: SessionSchema, countPrefix: 'session:' });

describe('the Redis session store', () => {
  it('keeps a session as JSON under REDIS_PREFIX with a PX ttl, reads it back, and deletes it', async () => {
    const store = await sessionsOn('wml-a:');
    const db = await raw();
    await store.set('session:k1', session, 60_000);
    expect(await store.get('session:k1')).toEqual(session);
    expect(JSON.parse((await db.get('wml-a:session:k1'))!)).toEqual(session);
    const pttl = await db.pttl('wml-a:session:k1');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await db.exists('session:k1')).toBe(0);
    await store.delete('session:k1');
    expect(await store.get('session:k1')).toBeUndefined();
    expect(await db.exists('wml-a:session:k1')).toBe(0);
  });

  it('lets Redis itself forget an entry when its ttl runs out', async () => {
    const store = await sessionsOn('wml-ttl:');
    const db = await raw();
    await store.set('session:short', session, 1_500);
    expect(await db.pttl('wml-ttl:session:short')).toBeGreaterThan(0);
    // Redis's own clock: poll until the key is gone (no fake time can reach it).
    await vi.waitFor(async () => expect(await db.exists('wml-ttl:session:short')).toBe(0), {
      timeout: 15_000,
      interval: 100,
    });
    expect(await store.get('session:short')).toBeUndefined();
  });

  it('keeps two prefixes (two deployments on one Redis) apart', async () => {
    const a = await sessionsOn('wml-one:');
    const b = await sessionsOn('wml-two:');
    await a.set('session:same', session, 60_000);
    expect(await b.get('session:same')).toBeUndefined();
    await b.set('session:same', { ...session, name: 'Other' }, 60_000);
    expect(await a.get('session:same')).toMatchObject({ name: 'Marcus Weber' });
    await b.delete('session:same');
    expect(await a.get('session:same')).toEqual(session);
    expect(await a.count!()).toBe(1);
  });

  it.each([
    ['not JSON', 'not json{'],
    ['JSON of another shape', JSON.stringify({ userId: 42, name: 'x' })],
    ['a session missing a time', JSON.stringify({ ...session, createdAt: undefined })],
    ['a bare string', JSON.stringify('session')],
    ['null', 'null'],
  ])('reads %s as no session', async (_what, value) => {
    const store = await sessionsOn('wml-bad:');
    const db = await raw();
    await db.set('wml-bad:session:corrupt', value, 'PX', 60_000);
    expect(await store.get('session:corrupt')).toBeUndefined();
    expect(await store.take('session:corrupt')).toBeUndefined();
  });

  it('lets a sign-in in progress be taken exactly once, even by two instances at the same moment', async () => {
    const [a, b] = [
      createRedisSessionStore(await client('wml-login:'), { schema: LoginTransactionSchema }),
      createRedisSessionStore(await client('wml-login:'), { schema: LoginTransactionSchema }),
    ] as const;
    await a.set('login:k', login, 600_000);
    const taken = await Promise.all([a.take('login:k'), b.take('login:k')]);
    expect(taken.filter((t) => t !== undefined)).toEqual([login]);
    expect(await a.take('login:k')).toBeUndefined();
  });

  it('counts the live sessions of its own prefix, not sign-ins in progress or another deployment', async () => {
    const store = await sessionsOn('wml-count:');
    const logins = createRedisSessionStore(await client('wml-count:'), { schema: LoginTransactionSchema });
    const other = await sessionsOn('wml-count-other:');
    for (const k of ['a', 'b', 'c']) await store.set(`session:${k}`, session, 60_000);
    await logins.set('login:a', login, 60_000);
    await other.set('session:z', session, 60_000);
    expect(await store.count!()).toBe(3);
    expect(logins.count).toBeUndefined();
  });

  it('counts sessions with no REDIS_PREFIX at all', async () => {
    const store = createRedisSessionStore(await client(''), { schema: SessionSchema, countPrefix: 'session:' });
    await store.set('session:unprefixed', session, 60_000);
    try {
      expect(await store.count!()).toBe(1);
    } finally {
      await store.delete('session:unprefixed');
    }
  });

  it('counts past what one SCAN call returns', async () => {
    const store = await sessionsOn('wml-big:');
    const db = await raw();
    const keys = Array.from({ length: 2_500 }, (_, i) => [`wml-big:session:${i}`, '{}']).flat();
    await db.mset(...keys);
    try {
      expect(await store.count!()).toBe(2_500);
    } finally {
      await db.flushall();
    }
  });

  it('gives up counting, as unavailable, past 100,000 keys to scan (a shared Redis, a metrics scrape)', async () => {
    const store = await sessionsOn('wml-huge:');
    const db = await raw();
    for (let chunk = 0; chunk < 15; chunk++) {
      const keys = Array.from({ length: 10_000 }, (_, i) => [`wml-huge:session:${chunk}-${i}`, '1']).flat();
      await db.mset(...keys);
    }
    try {
      await expect(store.count!()).rejects.toThrow(
        'session store: more than 100000 keys in Redis to scan for a session count',
      );
    } finally {
      await db.flushall();
    }
  }, 60_000);

  it('says what failed, and keeps the Redis error as the cause', async () => {
    const store = createRedisSessionStore(await unreachableClient(), { schema: SessionSchema });
    const err = await store.get('session:k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionStoreUnavailable);
    expect((err as Error).message).toMatch(/^session store: \S/);
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(`session store: ${((err as Error).cause as Error).message}`);
  });

  it('throws SessionStoreUnavailable at once when Redis cannot be reached', async () => {
    const unreachable = await unreachableClient();
    const store = createRedisSessionStore(unreachable, { schema: SessionSchema, countPrefix: 'session:' });
    await expect(store.get('session:k')).rejects.toBeInstanceOf(SessionStoreUnavailable);
    await expect(store.set('session:k', session, 1000)).rejects.toBeInstanceOf(SessionStoreUnavailable);
    await expect(store.take('session:k')).rejects.toBeInstanceOf(SessionStoreUnavailable);
    await expect(store.delete('session:k')).rejects.toBeInstanceOf(SessionStoreUnavailable);
    await expect(store.count!()).rejects.toBeInstanceOf(SessionStoreUnavailable);
  });
});
