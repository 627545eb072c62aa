import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiErrorEnvelopeSchema } from '../src/contract/api-error';
import { type DemoWhop, startDemoWhop } from '../src/demo-whop/server';
import { loadSpa } from '../src/server/page/shell';
import { type RedisServer, startRedisServer } from './redis-server';
import { CookieJar, type SignInInstance, startSignInTestApp } from './sign-in-app';
import { startTestApp, TEST_API_KEY, type TestApp } from './test-app';

/**
 * Redis killed (SIGKILL, as a crash) and started again under traffic, against two
 * dashboard instances that share it. Nothing may crash, every answer must be enveloped,
 * nobody gets in without a session check, and everything recovers by itself. Redis runs
 * with an append-only file, so the person's session survives its restart.
 */

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer({ persistent: true });
});
afterAll(async () => {
  await redis?.stop();
});

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A built SPA stand-in, so page navigations go through the gate's HTML path. */
function spa() {
  const root = mkdtempSync(path.join(tmpdir(), 'spa-faults-'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><title>x</title></head><body></body></html>',
  );
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  return loadSpa(root, { mode: 'live', demoMembers: [] });
}

type Phase = 'up' | 'down' | 'back';
/**
 * `phase`: when the request was sent and answered, or `between` when those differ. A request
 * sent just after the kill may wait in ioredis for the reconnection and be answered, rightly
 * (Redis itself found the session), once Redis is back: it is not one Redis-less answer.
 */
type Answer = { phase: Phase | 'between'; status: number; code: string | null; enveloped: boolean };

/** Requests with the session cookie through every instance, one after another per loop, until stopped. */
function traffic(instances: SignInInstance[], jar: CookieJar, phase: () => Phase, loops = 4) {
  const answers: Answer[] = [];
  let running = true;
  const loop = async (n: number) => {
    for (let i = n; running; i++) {
      const sentIn = phase();
      const res = await instances[i % instances.length]!.request('/api/members/mber_demoAvaChen', jar);
      const body: unknown = await res.json();
      const envelope = ApiErrorEnvelopeSchema.safeParse(body);
      const answeredIn = phase();
      answers.push({
        phase: sentIn === answeredIn ? sentIn : 'between',
        status: res.status,
        code: envelope.success ? envelope.data.error.code : null,
        enveloped: res.status === 200 || envelope.success,
      });
      // app.request() involves no socket: with Redis refusing at once, a loop would be
      // all microtasks and starve timers. Real clients arrive as I/O; yield like them.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const done = Promise.all(Array.from({ length: loops }, (_, n) => loop(n)));
  return {
    answers,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

const codeOf = async (res: Response) => ApiErrorEnvelopeSchema.parse(await res.json()).error.code;

describe('Redis lost and back, with sign-in on', () => {
  it('fails closed while Redis is gone (503 store_unavailable, a page that says so), then recovers by itself', async () => {
    const t = await startSignInTestApp({ env: { REDIS_URL: redis.url }, spa: spa() });
    cleanups.push(() => t.close());
    const a: SignInInstance = { app: t.app, built: t.built, request: t.request };
    const b = await t.addInstance();
    const jar = new CookieJar();
    expect((await t.signIn(jar, 'user_demoMarcus', '/')).status).toBe(303);

    let phase: Phase = 'up';
    const load = traffic([a, b], jar, () => phase);
    cleanups.push(load.stop);
    await vi.waitFor(() => expect(load.answers.filter((x) => x.phase === 'up').length).toBeGreaterThan(10), {
      timeout: 15_000,
    });

    await redis.kill();
    phase = 'down';
    await vi.waitFor(() => expect(load.answers.filter((x) => x.phase === 'down').length).toBeGreaterThan(10), {
      timeout: 15_000,
    });

    // While it is gone, on both instances: every door says "briefly unavailable" and lets nobody in.
    for (const instance of [a, b]) {
      const api = await instance.request('/api/session', jar);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('5');
      expect(await codeOf(api)).toBe('store_unavailable');

      const page = await instance.request('/members/mber_demoAvaChen', jar);
      expect(page.status).toBe(503);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('retry-after')).toBe('5');
      const html = await page.text();
      expect(html).toContain('Sign-in is briefly unavailable');
      expect(html).toContain('href="/members/mber_demoAvaChen"');
      expect(html).not.toMatch(/<script/i);

      const login = await instance.request('/auth/login?returnTo=%2Fsearch', new CookieJar());
      expect(login.status).toBe(503);
      expect(await login.text()).toContain('Sign-in is briefly unavailable');

      const loginJar = new CookieJar();
      loginJar.set('signin', 'AAAAAAAAAAAAAAAAAAAAAA');
      const callback = await instance.request('/auth/callback?code=c&state=s', loginJar);
      expect(callback.status).toBe(503);
      expect(await callback.text()).toContain('href="/auth/login"');

      // Signing out cannot reach the server's copy: the browser forgets its cookie and is told so.
      const leaving = new CookieJar();
      leaving.set('session', jar.get('session')!);
      const logout = await instance.request('/auth/logout', leaving, {
        method: 'POST',
        headers: { origin: t.publicUrl },
      });
      expect(logout.status).toBe(503);
      expect(await logout.text()).toContain('Sign-out could not finish');
      expect(leaving.get('session')).toBeUndefined();

      const ready = await instance.app.request('/api/ready');
      expect(ready.status).toBe(503);
      expect((await ready.json()).error.message).toContain(
        `Redis (REDIS_URL, 127.0.0.1:${redis.port}) is not connected`,
      );
      expect((await instance.app.request('/api/health')).status).toBe(200);
    }

    // From the moment Redis may answer again, answers no longer count as "while it was gone".
    phase = 'back';
    await redis.restart();
    const backAt = Date.now();
    // Generous bound for a loaded machine; the figure itself is printed below.
    await vi.waitFor(
      async () => {
        for (const instance of [a, b]) expect((await instance.request('/api/session', jar)).status).toBe(200);
      },
      { timeout: 20_000, interval: 50 },
    );
    const recoveryMs = Date.now() - backAt;
    await load.stop();
    console.log(
      `Redis recovery (sign-in on): sessions answer 200 on both instances ${recoveryMs} ms after redis-server answered PING again`,
    );

    for (const instance of [a, b]) expect((await instance.app.request('/api/ready')).status).toBe(200);

    const { answers } = load;
    const tally = (p: Answer['phase']) => {
      const of = answers.filter((x) => x.phase === p);
      return `${of.length} (${of.filter((x) => x.status === 200).length} served)`;
    };
    console.log(
      `Traffic with the session cookie: before ${tally('up')}, Redis gone ${tally('down')}, coming back ${tally('back')}, across a change ${tally('between')}`,
    );
    // Zero unenveloped answers, zero requests admitted while Redis was gone.
    expect(answers.filter((x) => !x.enveloped)).toEqual([]);
    expect(answers.filter((x) => x.phase === 'down' && x.status === 200)).toEqual([]);
    expect(
      answers.filter((x) => x.phase === 'down').every((x) => x.status === 503 && x.code === 'store_unavailable'),
    ).toBe(true);
    // Before and after: served, or (in the moment Redis went or came) store_unavailable; never anything else.
    expect(answers.filter((x) => x.status !== 200 && x.code !== 'store_unavailable')).toEqual([]);
    expect(answers.some((x) => x.phase === 'up' && x.status === 200)).toBe(true);

    // Each instance logged the loss once and the recovery once, not a line per retry.
    const events = (name: string) => t.logs.filter((l) => l.event === name).length;
    expect(events('redis_lost')).toBe(2);
    expect(events('redis_restored')).toBe(2);
  }, 90_000);
});

describe('Redis lost and back, without sign-in', () => {
  let whop: DemoWhop;
  beforeAll(async () => {
    whop = await startDemoWhop({ apiKey: TEST_API_KEY });
  });
  afterAll(async () => {
    await whop?.close();
  });

  async function instance(): Promise<TestApp> {
    const app = await startTestApp({ redisUrl: redis.url, whop, rateLimitPerMinute: 3, lookup: { cacheTtlMs: 5_000 } });
    cleanups.push(() => app.close());
    return app;
  }

  /** `count` lookups of `id` as client `client`, alternating between the instances; the statuses. */
  async function alternate(instances: TestApp[], client: string, count: number, id = 'mber_demoAvaChen') {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await instances[i % instances.length]!.get(`/api/members/${id}`, {
        headers: { 'x-test-client': client },
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    return statuses;
  }

  it('keeps answering lookups (cache bypassed) and limits per instance while Redis is gone; shares both again once it is back', async () => {
    const a = await instance();
    const b = await instance();
    await redis.kill();

    // The cache is bypassed: each lookup asks Whop, and answers.
    const id = 'mber_demoTomasSilva';
    const before = whop.callsFor(id);
    expect(await alternate([a, b], 'reader', 2, id)).toEqual([200, 200]);
    expect(whop.callsFor(id) - before).toBe(2);

    // The limit of 3 now counts on each instance: 3 each, then 429, never unlimited.
    expect(await alternate([a, b], 'office', 8)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);

    await redis.restart();
    const backAt = Date.now();
    await vi.waitFor(() => expect([a, b].every((x) => x.built.redis?.status === 'ready')).toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    console.log(
      `Redis recovery (open): both instances connected ${Date.now() - backAt} ms after redis-server answered PING again`,
    );

    // Counted across instances again, and the cache shared again.
    expect(await alternate([a, b], 'team', 6)).toEqual([200, 200, 200, 429, 429, 429]);
    const id2 = 'mber_demoMarcusWeber';
    const before2 = whop.callsFor(id2);
    expect(await alternate([a, b], 'reader2', 2, id2)).toEqual([200, 200]);
    expect(whop.callsFor(id2) - before2).toBe(1);
  }, 90_000);
});
