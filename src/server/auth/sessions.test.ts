import { describe, expect, it } from 'vitest';
import { createMemorySessionStore, type SessionStore } from './session-store';
import { createSessionManager, type LoginTransaction, newSessionId, type Session } from './sessions';

const MINUTE = 60_000;

function setup() {
  const clock = { now: 1_000_000 };
  const entries = new Map<string, unknown>();
  /** Every ttl the manager handed the session store, and how often either store was read. */
  const ttls: number[] = [];
  const reads = { sessions: 0, logins: 0 };
  const memory = createMemorySessionStore<Session>();
  // A store that also remembers every key written, to inspect what a dump would hold.
  const store: SessionStore<Session> = {
    get: (k) => {
      reads.sessions++;
      return memory.get(k);
    },
    set: async (k, v, ttl) => {
      entries.set(k, v);
      ttls.push(ttl);
      await memory.set(k, v, ttl);
    },
    take: async (k) => {
      entries.delete(k);
      return memory.take(k);
    },
    delete: async (k) => {
      entries.delete(k);
      await memory.delete(k);
    },
  };
  const loginMemory = createMemorySessionStore<LoginTransaction>({ max: 5 });
  const logins: SessionStore<LoginTransaction> = {
    ...loginMemory,
    get: (k) => {
      reads.logins++;
      return loginMemory.get(k);
    },
    take: (k) => {
      reads.logins++;
      return loginMemory.take(k);
    },
  };
  const sessions = createSessionManager({
    store,
    loginStore: logins,
    secret: 'x'.repeat(32),
    idleTimeoutMs: 30 * MINUTE,
    absoluteTimeoutMs: 8 * 60 * MINUTE,
    now: () => clock.now,
  });
  return { clock, entries, sessions, ttls, reads };
}

describe('session ids', () => {
  it('are 128 random bits, base64url, never repeating', () => {
    const ids = new Set(Array.from({ length: 1000 }, newSessionId));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });
});

describe('session manager', () => {
  it('creates a session under a fresh id and finds it again', async () => {
    const { sessions } = setup();
    const { id } = await sessions.create({ userId: 'user_a', name: 'A' });
    expect(await sessions.touch(id)).toMatchObject({ ok: true, session: { userId: 'user_a', name: 'A' } });
  });

  it('keeps two sessions apart', async () => {
    const { sessions } = setup();
    const a = await sessions.create({ userId: 'user_a', name: 'A' });
    const b = await sessions.create({ userId: 'user_b', name: 'B' });
    expect(a.id).not.toBe(b.id);
    expect(await sessions.touch(a.id)).toMatchObject({ ok: true, session: { userId: 'user_a' } });
    expect(await sessions.touch(b.id)).toMatchObject({ ok: true, session: { userId: 'user_b' } });
    await sessions.destroy(a.id);
    expect((await sessions.touch(b.id)).ok).toBe(true);
  });

  it('tells the store to forget a session when it would end anyway: idle, or the absolute limit if sooner', async () => {
    const { sessions, clock, ttls } = setup();
    const { id, session } = await sessions.create({ userId: 'user_a', name: 'A' });
    expect(ttls).toEqual([30 * MINUTE]);
    clock.now += 10 * MINUTE;
    await sessions.touch(id);
    expect(ttls.at(-1)).toBe(30 * MINUTE);
    // 7 h 50 min in, activity leaves 10 minutes before the absolute limit, not 30.
    for (let i = 0; i < 46; i++) {
      clock.now += 10 * MINUTE;
      await sessions.touch(id);
    }
    expect(clock.now).toBe(session.createdAt + 470 * MINUTE);
    expect(ttls.at(-1)).toBe(10 * MINUTE);
    const latest = await sessions.touch(id);
    clock.now += 5 * MINUTE;
    if (!latest.ok) throw new Error('the session should still be alive');
    await sessions.confirmAdmin(id, latest.session);
    expect(ttls.at(-1)).toBe(5 * MINUTE);
  });

  it('keys the store by an HMAC of the id, so a dump of the store holds no cookie value', async () => {
    const { sessions, entries } = setup();
    const { id } = await sessions.create({ userId: 'user_a', name: 'A', refreshToken: 'rt' });
    expect([...entries.keys()].join(' ')).not.toContain(id);
    // A SHA-256 HMAC, base64url: 43 characters, whatever the cookie held.
    expect([...entries.keys()]).toEqual([expect.stringMatching(/^session:[A-Za-z0-9_-]{43}$/)]);
  });

  it('ends after 30 idle minutes, measured from the last activity', async () => {
    const { sessions, clock } = setup();
    const { id } = await sessions.create({ userId: 'user_a', name: 'A' });
    clock.now += 29 * MINUTE;
    expect((await sessions.touch(id)).ok).toBe(true);
    clock.now += 29 * MINUTE;
    expect((await sessions.touch(id)).ok).toBe(true);
    clock.now += 30 * MINUTE;
    expect(await sessions.touch(id)).toEqual({ ok: false, reason: 'idle' });
    expect(await sessions.touch(id)).toEqual({ ok: false, reason: 'missing' });
  });

  it('ends 8 hours after creation however active', async () => {
    const { sessions, clock } = setup();
    const { id } = await sessions.create({ userId: 'user_a', name: 'A' });
    for (let i = 0; i < 47; i++) {
      clock.now += 10 * MINUTE;
      expect((await sessions.touch(id)).ok).toBe(true);
    }
    clock.now += 10 * MINUTE;
    expect(await sessions.touch(id)).toEqual({ ok: false, reason: 'absolute' });
    expect(await sessions.touch(id)).toEqual({ ok: false, reason: 'missing' });
  });

  it('reports when the session ends: idle, capped by absolute', async () => {
    const { sessions, clock } = setup();
    const { session } = await sessions.create({ userId: 'user_a', name: 'A' });
    expect(sessions.expiries(session)).toEqual({ idle: clock.now + 30 * MINUTE, absolute: clock.now + 480 * MINUTE });
  });

  it('destroys a session and hands back what it held', async () => {
    const { sessions } = setup();
    const { id } = await sessions.create({ userId: 'user_a', name: 'A', refreshToken: 'rt_1' });
    expect(await sessions.destroy(id)).toMatchObject({ userId: 'user_a', refreshToken: 'rt_1' });
    expect(await sessions.touch(id)).toEqual({ ok: false, reason: 'missing' });
    expect(await sessions.destroy(id)).toBeUndefined();
  });

  it.each([undefined, '', 'short', 'x'.repeat(23), 'AAAAAAAAAAAAAAAAAAAAA=', '../../../../etc/passwd'])(
    'treats the cookie value %j as no session',
    async (value) => {
      const { sessions, reads } = setup();
      expect(await sessions.touch(value)).toEqual({ ok: false, reason: 'missing' });
      expect(await sessions.destroy(value)).toBeUndefined();
      expect(await sessions.takeLogin(value)).toBeUndefined();
      // Rejected on sight: a malformed value never costs an HMAC and a store round trip.
      expect(reads).toEqual({ sessions: 0, logins: 0 });
    },
  );

  it('lets a sign-in in progress finish once, and only within 10 minutes', async () => {
    const { sessions, clock } = setup();
    const tx = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/x' };
    const first = await sessions.beginLogin(tx);
    expect(await sessions.takeLogin(first)).toMatchObject(tx);
    expect(await sessions.takeLogin(first)).toBeUndefined();
    const onTime = await sessions.beginLogin(tx);
    clock.now += 10 * MINUTE;
    expect(await sessions.takeLogin(onTime)).toMatchObject(tx);
    const late = await sessions.beginLogin(tx);
    clock.now += 10 * MINUTE + 1;
    expect(await sessions.takeLogin(late)).toBeUndefined();
  });

  it('never confuses a sign-in id with a session id', async () => {
    const { sessions } = setup();
    const loginId = await sessions.beginLogin({ state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/' });
    expect(await sessions.touch(loginId)).toEqual({ ok: false, reason: 'missing' });
    const { id } = await sessions.create({ userId: 'user_a', name: 'A' });
    expect(await sessions.takeLogin(id)).toBeUndefined();
  });

  it('keeps sessions when a flood of sign-in starts fills the sign-in store', async () => {
    const { sessions } = setup();
    const { id } = await sessions.create({ userId: 'user_a', name: 'A' });
    for (let i = 0; i < 50; i++)
      await sessions.beginLogin({ state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/' });
    expect((await sessions.touch(id)).ok).toBe(true);
  });
});

describe('memory session store', () => {
  it('forgets entries after their ttl', async () => {
    const clock = { now: 5000 };
    const store = createMemorySessionStore<{ v: number }>({ now: () => clock.now });
    await store.set('a', { v: 1 }, 1000);
    clock.now = 5999;
    expect(await store.get('a')).toEqual({ v: 1 });
    clock.now = 6001;
    expect(await store.get('a')).toBeUndefined();
  });

  it('stays bounded, dropping the least recently used first', async () => {
    const store = createMemorySessionStore<{ v: number }>({ max: 3 });
    for (let i = 0; i < 5; i++) await store.set(`k${i}`, { v: i }, 60_000);
    expect(await store.get('k0')).toBeUndefined();
    expect(await store.get('k4')).toEqual({ v: 4 });
  });
});
