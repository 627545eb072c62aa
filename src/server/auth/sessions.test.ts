import { describe, expect, it } from 'vitest';
import { createMemorySessionStore, type SessionStore } from './session-store';
import { createSessionManager, type LoginTransaction, newSessionId, type Session } from './sessions';

const MINUTE = 60_000;

function setup() {
  const clock = { now: 1_000_000 };
  const entries = new Map<string, unknown>();
  const memory = createMemorySessionStore<Session>();
  // A store that also remembers every key written, to inspect what a dump would hold.
  const store: SessionStore<Session> = {
    get: (k) => memory.get(k),
    set: async (k, v, ttl) => {
      entries.set(k, v);
      await memory.set(k, v, ttl);
    },
    delete: async (k) => {
      entries.delete(k);
      await memory.delete(k);
    },
  };
  const logins = createMemorySessionStore<LoginTransaction>({ max: 5 });
  const sessions = createSessionManager({
    store,
    loginStore: logins,
    secret: 'x'.repeat(32),
    idleTimeoutMs: 30 * MINUTE,
    absoluteTimeoutMs: 8 * 60 * MINUTE,
    now: () => clock.now,
  });
  return { clock, entries, sessions };
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

  it('keys the store by an HMAC of the id, so a dump of the store holds no cookie value', async () => {
    const { sessions, entries } = setup();
    const { id } = await sessions.create({ userId: 'user_a', name: 'A', refreshToken: 'rt' });
    expect([...entries.keys()].join(' ')).not.toContain(id);
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
      const { sessions } = setup();
      expect(await sessions.touch(value)).toEqual({ ok: false, reason: 'missing' });
    },
  );

  it('lets a sign-in in progress finish once, and only within 10 minutes', async () => {
    const { sessions, clock } = setup();
    const tx = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/x' };
    const first = await sessions.beginLogin(tx);
    expect(await sessions.takeLogin(first)).toMatchObject(tx);
    expect(await sessions.takeLogin(first)).toBeUndefined();
    const late = await sessions.beginLogin(tx);
    clock.now += 11 * MINUTE;
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
