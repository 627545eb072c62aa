import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorEnvelopeSchema } from '../src/contract/api-error';
import { type DemoWhop, startDemoWhop } from '../src/demo-whop/server';
import { createMetrics } from '../src/server/ops/metrics';
import { closeRedis } from '../src/server/redis';
import { connectTestClient } from './redis-server';
import { CookieJar, type SignInTestApp, startSignInTestApp } from './sign-in-app';
import { startTestApp, TEST_API_KEY, type TestApp } from './test-app';
import { sharedRedisForThisFile } from './test-redis';

/**
 * Two instances of the dashboard as buildServer makes them, sharing one real Redis through
 * REDIS_URL (as two processes behind a load balancer would): whatever one instance
 * remembers, the other knows.
 */

const { server: redis, cleanups } = sharedRedisForThisFile();

async function signInApp(env: Record<string, string> = {}) {
  const t = await startSignInTestApp({ env: { REDIS_URL: redis().url, ...env } });
  cleanups.push(() => t.close());
  return t;
}

const codeOf = async (res: Response) => ApiErrorEnvelopeSchema.parse(await res.json()).error.code;

describe('sessions shared through Redis', () => {
  let t: SignInTestApp;

  it('signed in through one instance, the person keeps working through the other', async () => {
    t = await signInApp();
    const b = await t.addInstance();
    const jar = new CookieJar();
    expect((await t.signIn(jar, 'user_demoMarcus', '/')).status).toBe(303);
    const me = await b.request('/api/session', jar);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { id: 'user_demoMarcus', name: 'Marcus Weber' } });
    expect((await b.request('/api/members/mber_demoAvaChen', jar)).status).toBe(200);
  });

  it('a sign-in started on one instance finishes on the other', async () => {
    t = await signInApp();
    const b = await t.addInstance();
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/members/mber_demoAvaChen');
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
    const done = await b.request(`${callback.pathname}${callback.search}`, jar);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/members/mber_demoAvaChen');
    expect((await t.request('/api/session', jar)).status).toBe(200);
  });

  it('signing out through one instance ends the session on the other', async () => {
    t = await signInApp();
    const b = await t.addInstance();
    const jar = new CookieJar();
    await t.signIn(jar, 'user_demoMarcus', '/');
    const stolen = new CookieJar();
    stolen.set('session', jar.get('session')!);
    const out = await b.request('/auth/logout', jar, { method: 'POST', headers: { origin: t.publicUrl } });
    expect(out.status).toBe(303);
    const after = await t.request('/api/session', stolen);
    expect(after.status).toBe(401);
    expect(await codeOf(after)).toBe('unauthenticated');
  });

  it('a new instance (a restart or a deploy) keeps everyone signed in', async () => {
    t = await signInApp();
    const jar = new CookieJar();
    await t.signIn(jar, 'user_demoMarcus', '/');
    await t.built.close();
    const restarted = await t.addInstance();
    expect((await restarted.request('/api/session', jar)).status).toBe(200);
  });

  it('enforces the idle timeout on read, on every instance, whatever Redis still holds', async () => {
    t = await signInApp({ SESSION_IDLE_TIMEOUT_S: '60' });
    const b = await t.addInstance();
    const jar = new CookieJar();
    await t.signIn(jar, 'user_demoMarcus', '/');
    const cookie = jar.get('session')!;
    t.clock.now += 61_000;
    // Redis's own expiry (60 s of real time) has not run out; the session's clock has.
    const res = await b.request('/api/session', jar);
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toContain('Your session has ended');
    const again = new CookieJar();
    again.set('session', cookie);
    expect((await t.request('/api/session', again)).status).toBe(401);
  });

  it('stores sessions under REDIS_PREFIX and an HMAC of the id, never the cookie value itself', async () => {
    t = await signInApp({ REDIS_PREFIX: 'team-a:' });
    const jar = new CookieJar();
    await t.signIn(jar, 'user_demoMarcus', '/');
    const cookie = jar.get('session')!;
    const { client } = await connectTestClient(redis().url, '');
    cleanups.push(() => closeRedis(client));
    const keys = await client.keys('*');
    const sessionKeys = keys.filter((k) => k.startsWith('team-a:session:'));
    expect(sessionKeys).toHaveLength(1);
    expect(sessionKeys[0]).toMatch(/^team-a:session:[A-Za-z0-9_-]{43}$/);
    expect(keys.every((k) => k.startsWith('team-a:'))).toBe(true);
    for (const key of keys) {
      expect(key).not.toContain(cookie);
      if ((await client.type(key)) === 'string') expect(await client.get(key)).not.toContain(cookie);
    }
  });

  it('counts sessions_active across instances', async () => {
    const metrics = createMetrics();
    t = await startSignInTestApp({ env: { REDIS_URL: redis().url }, metrics });
    cleanups.push(() => t.close());
    const b = await t.addInstance();
    await t.signIn(new CookieJar(), 'user_demoMarcus', '/');
    const other = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(other, '/');
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoGrace');
    expect((await b.request(`${callback.pathname}${callback.search}`, other)).status).toBe(303);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^sessions_active 2$/m);
  });
});

describe('rate limits and the member cache shared through Redis', () => {
  let whop: DemoWhop;
  beforeAll(async () => {
    whop = await startDemoWhop({ apiKey: TEST_API_KEY });
  });
  afterAll(async () => {
    await whop?.close();
  });

  async function instance(options: Parameters<typeof startTestApp>[0]): Promise<TestApp> {
    const app = await startTestApp({ redisUrl: redis().url, whop, ...options });
    cleanups.push(() => app.close());
    return app;
  }

  it('a rate limit of N per minute admits N in all across two instances, not N each', async () => {
    const a = await instance({ rateLimitPerMinute: 4 });
    const b = await instance({ rateLimitPerMinute: 4 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await (i % 2 ? b : a).get('/api/members/mber_demoAvaChen', {
        headers: { 'x-test-client': 'office' },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
  });

  it('a member looked up through one instance is served by the other without asking Whop again', async () => {
    const id = 'mber_demoPriyaNair';
    const before = whop.callsFor(id);
    const a = await instance({ lookup: { cacheTtlMs: 5_000 } });
    const b = await instance({ lookup: { cacheTtlMs: 5_000 } });
    expect((await a.get(`/api/members/${id}`)).status).toBe(200);
    const res = await b.get(`/api/members/${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id });
    expect(whop.callsFor(id) - before).toBe(1);
    expect(b.logs.find((l) => l.route === '/api/members/:id')).toMatchObject({ cached: true });
  });
});
