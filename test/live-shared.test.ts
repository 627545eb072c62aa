import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { memberApiPath, memberLiveApiPath } from '../src/contract/api-paths';
import { closeRedis } from '../src/server/redis';
import {
  AVA,
  avaPayment,
  type Delivery,
  delivery,
  LiveChangeSchema,
  sseReader,
  WEBHOOK_SECRET,
  webhookRequest,
} from './live';
import { connectTestClient } from './redis-server';
import { CookieJar, startSignInTestApp } from './sign-in-app';
import { startTestApp, type TestApp } from './test-app';
import { sharedRedisForThisFile } from './test-redis';

/**
 * Live member pages across two instances on one real redis-server, as behind a load balancer:
 * a delivery to one instance reaches the pages open on the other, drops the member for both,
 * and is acted on once however many instances it is delivered to.
 */

const { server: redis, cleanups } = sharedRedisForThisFile();

async function twoInstances() {
  const a = await startTestApp({
    redisUrl: redis().url,
    webhookSecret: WEBHOOK_SECRET,
    lookup: { cacheTtlMs: 60_000 },
  });
  cleanups.push(() => a.close());
  const b = await startTestApp({
    redisUrl: redis().url,
    webhookSecret: WEBHOOK_SECRET,
    lookup: { cacheTtlMs: 60_000 },
    whop: a.whop,
  });
  cleanups.push(() => b.close());
  return [a, b] as const;
}

const post = (t: TestApp, d: Delivery) => t.get(...webhookRequest(d));

/** Serves `t` on a loopback port, as a process would: fetch then sees a real connection close. */
async function listening(t: TestApp): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server));
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('live member pages across instances (Redis)', () => {
  it('a delivery to instance A reaches a stream open on instance B; the stream closes cleanly', async () => {
    const [a, b] = await twoInstances();
    const base = await listening(b);
    const abort = new AbortController();
    const res = await fetch(`${base}${memberLiveApiPath(AVA.member)}`, { signal: abort.signal });
    expect(res.status).toBe(200);
    const stream = sseReader(res);
    expect((await stream.nextEvent()).event).toBe('ready');
    expect(b.built.live.subscribers()).toBe(1);

    expect((await post(a, delivery('payment.succeeded', avaPayment()))).status).toBe(202);
    const change = await stream.nextEvent();
    expect(change.event).toBe('change');
    expect(LiveChangeSchema.parse(JSON.parse(change.data)).type).toBe('payment.succeeded');
    expect(stream.raw()).not.toContain(AVA.email);

    abort.abort();
    await expect.poll(() => b.built.live.subscribers(), { timeout: 5_000 }).toBe(0);
  });

  it('publishes on REDIS_PREFIX live:changes, carrying ids, type and time only', async () => {
    const [a] = await twoInstances();
    const { client: listener } = await connectTestClient(redis().url, '');
    cleanups.push(() => closeRedis(listener));
    const heard: string[] = [];
    listener.on('message', (_channel: string, message: string) => heard.push(message));
    await listener.subscribe('wml:live:changes');
    await post(a, delivery('refund.created', { payment: avaPayment() }));
    await expect.poll(() => heard.length).toBe(1);
    const message = JSON.parse(heard[0]!);
    expect(Object.keys(message).sort()).toEqual(['at', 'members', 'type', 'user']);
    expect(message).toMatchObject({ members: [AVA.member], user: AVA.user, type: 'refund.created' });
  });

  it('drops the cached member for both instances: each asks Whop again', async () => {
    const [a, b] = await twoInstances();
    expect((await a.get(memberApiPath(AVA.member))).status).toBe(200);
    expect((await b.get(memberApiPath(AVA.member))).status).toBe(200);
    const calls = a.whop.callsFor(AVA.member);
    expect(calls).toBe(1);
    await post(b, delivery('membership.deactivated', { id: 'mem_x', member: { id: AVA.member }, user: null }));
    await b.built.live.settled();
    expect((await a.get(memberApiPath(AVA.member))).status).toBe(200);
    expect((await b.get(memberApiPath(AVA.member))).status).toBe(200);
    expect(a.whop.callsFor(AVA.member)).toBe(calls + 1);
  });

  it('acts once on one webhook-id delivered to both instances', async () => {
    const [a, b] = await twoInstances();
    const stream = sseReader(await b.get(memberLiveApiPath(AVA.member)));
    await stream.nextEvent();
    const d = delivery('payment.succeeded', avaPayment(), { id: 'msg_twice' });
    const answers = await Promise.all([post(a, d), post(b, d)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 202]);
    await post(a, delivery('payment.failed', avaPayment()));
    expect(JSON.parse((await stream.nextEvent()).data).type).toBe('payment.succeeded');
    expect(JSON.parse((await stream.nextEvent()).data).type).toBe('payment.failed');
    await stream.close();
  });

  it('with Redis stopped: deliveries are still verified and acknowledged, and reach the pages on that instance', async () => {
    const [a] = await twoInstances();
    const stream = sseReader(await a.get(memberLiveApiPath(AVA.member)));
    await stream.nextEvent();
    await redis().kill();
    try {
      expect((await post(a, delivery('payment.succeeded', avaPayment(), { secret: 'forger' }))).status).toBe(401);
      const d = delivery('payment.succeeded', avaPayment(), { id: 'msg_down' });
      expect((await post(a, d)).status).toBe(202);
      expect((await post(a, d)).status).toBe(200);
      await a.built.live.settled();
      expect(JSON.parse((await stream.nextEvent()).data).type).toBe('payment.succeeded');
      const warned = a.logs.filter((l) => l.event === 'webhook_dedupe_fallback');
      expect(warned).toHaveLength(1);
    } finally {
      await stream.close();
      await redis().restart();
    }
  });
});

describe('with sign-in on', () => {
  it('a stream needs a session (401 without one)', async () => {
    const t = await startSignInTestApp({ env: { WHOP_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    cleanups.push(() => t.close());
    const res = await t.request(memberLiveApiPath(AVA.member), new CookieJar());
    expect(res.status).toBe(401);
    expect(t.built.live.subscribers()).toBe(0);
    // Whop cannot sign in: its deliveries are judged by their signature alone.
    const [path, init] = webhookRequest(delivery('payment.succeeded', avaPayment()));
    expect((await t.request(path, new CookieJar(), init)).status).toBe(202);
  });

  it('a signed-in admin gets the stream as EventSource asks for it; another site does not', async () => {
    const t = await startSignInTestApp({ env: { WHOP_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    cleanups.push(() => t.close());
    const jar = new CookieJar();
    await t.signIn(jar, 'user_demoMarcus', '/');
    // As EventSource asks: the session cookie and Sec-Fetch-Site, no custom header.
    const res = await t.app.request(new URL(memberLiveApiPath(AVA.member), t.publicUrl).href, {
      headers: { cookie: jar.header(), 'sec-fetch-site': 'same-origin', accept: 'text/event-stream' },
    });
    expect(res.status).toBe(200);
    const stream = sseReader(res);
    expect((await stream.nextEvent()).event).toBe('ready');
    await stream.close();
    // From another site, with the same cookie: refused by the gate.
    const foreign = await t.app.request(new URL(memberLiveApiPath(AVA.member), t.publicUrl).href, {
      headers: { cookie: jar.header(), 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });
});
