import { afterEach, describe, expect, it } from 'vitest';
import {
  AVA,
  avaPayment,
  type Delivery,
  delivery,
  LiveChangeSchema,
  sseReader,
  WEBHOOK_SECRET,
  webhookRequest,
} from '../../../test/live';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { memberApiPath, memberLiveApiPath } from '../../contract/api-paths';
import { WEBHOOK_PATH } from '../../contract/live';
import { signWebhook } from '../../demo-whop/webhook-signer';
import { createMetrics } from '../ops/metrics';

/**
 * One instance with webhooks on (memory: no Redis): what a delivery must carry to do anything,
 * what it does (the member's cache entry dropped, its open pages told), and what it never does.
 */

const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

async function liveApp(options: Parameters<typeof startTestApp>[0] = {}) {
  const t = await startTestApp({ webhookSecret: WEBHOOK_SECRET, lookup: { cacheTtlMs: 60_000 }, ...options });
  apps.push(t);
  return t;
}

const post = (t: TestApp, d: Delivery, init: RequestInit = {}) => {
  const [path, base] = webhookRequest(d);
  return t.get(path, { ...base, ...init });
};

/** Looks Ava up (so she is cached), and returns how many times Whop has been asked for her. */
async function cacheAva(t: TestApp) {
  expect((await t.get(memberApiPath(AVA.member))).status).toBe(200);
  return t.whop.callsFor(AVA.member);
}

const now = () => Math.floor(Date.now() / 1000);

describe('POST /webhooks/whop: which deliveries count', () => {
  const tampered = (): Delivery => {
    const d = delivery('payment.succeeded', avaPayment());
    return { ...d, body: d.body.replace('pay_test1', 'pay_test2') };
  };
  const unsigned = (): Delivery => {
    const d = delivery('payment.succeeded', avaPayment());
    return { body: d.body, headers: { 'content-type': 'application/json' } };
  };
  const noSignature = (): Delivery => {
    const d = delivery('payment.succeeded', avaPayment());
    const { 'webhook-signature': _, ...headers } = d.headers;
    return { body: d.body, headers };
  };

  it.each([
    [
      'signed with another secret',
      () => delivery('payment.succeeded', avaPayment(), { secret: 'not-the-secret' }),
      401,
    ],
    ['unsigned (no webhook headers)', unsigned, 401],
    ['without its signature header', noSignature, 401],
    [
      'stale (6 minutes old)',
      () => delivery('payment.succeeded', avaPayment(), { timestampSeconds: now() - 360 }),
      401,
    ],
    [
      'from the future (6 minutes ahead)',
      () => delivery('payment.succeeded', avaPayment(), { timestampSeconds: now() + 360 }),
      401,
    ],
    ['tampered with after signing', tampered, 401],
  ])('refuses a delivery %s, with no effect', async (_what, make, status) => {
    const t = await liveApp();
    const calls = await cacheAva(t);
    const stream = sseReader(await t.get(`${memberLiveApiPath(AVA.member)}?user=${AVA.user}`));
    expect((await stream.nextEvent()).event).toBe('ready');

    const res = await post(t, make());
    expect(res.status).toBe(status);
    await t.built.live.settled();
    // Still cached: no eviction.
    await cacheAva(t);
    expect(t.whop.callsFor(AVA.member)).toBe(calls);
    // Nothing published: the next change the page hears is a real one sent after.
    expect((await post(t, delivery('refund.created', { payment: avaPayment() }))).status).toBe(202);
    expect(JSON.parse((await stream.nextEvent()).data)).toMatchObject({ type: 'refund.created' });
    await stream.close();
  });

  it('accepts a signed delivery (202) and drops the member it names from the cache', async () => {
    const t = await liveApp();
    const calls = await cacheAva(t);
    const res = await post(t, delivery('payment.succeeded', avaPayment()));
    expect(res.status).toBe(202);
    await t.built.live.settled();
    await cacheAva(t);
    expect(t.whop.callsFor(AVA.member)).toBe(calls + 1);
  });

  it('refuses a signed body that is not JSON (400)', async () => {
    const t = await liveApp();
    const body = '{"type": "payment.succeeded", ';
    const d = { body, headers: { 'content-type': 'application/json', ...signWebhook(WEBHOOK_SECRET, body) } };
    expect((await post(t, d)).status).toBe(400);
  });

  it('acknowledges a type it does not know (200) and does nothing with it', async () => {
    const t = await liveApp();
    const calls = await cacheAva(t);
    const res = await post(t, delivery('invoice.paid', { member: { id: AVA.member } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'ignored' });
    await t.built.live.settled();
    await cacheAva(t);
    expect(t.whop.callsFor(AVA.member)).toBe(calls);
  });

  it('refuses a 2 MB body (413) by its Content-Length, and counted as it streams without one', async () => {
    const t = await liveApp();
    const big = 'x'.repeat(2 * 1024 * 1024);
    const d = delivery('payment.succeeded', { note: big });
    expect((await post(t, d)).status).toBe(413);
    let sent = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(120));
      },
    });
    const res = await t.get(WEBHOOK_PATH, {
      method: 'POST',
      headers: { ...d.headers, 'transfer-encoding': 'chunked' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    // It stopped reading at the limit (give or take a chunk), not at the end.
    expect(sent).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('is unknown (404) without WHOP_WEBHOOK_SECRET', async () => {
    const t = await startTestApp({});
    apps.push(t);
    expect((await post(t, delivery('payment.succeeded', avaPayment()))).status).toBe(404);
  });
});

describe('at least once, out of order', () => {
  it('acts once on a webhook-id delivered twice; the second is acknowledged as a duplicate', async () => {
    const t = await liveApp();
    const first = delivery('payment.succeeded', avaPayment(), { id: 'msg_once' });
    expect((await post(t, first)).status).toBe(202);
    await t.built.live.settled();
    const calls = await cacheAva(t);
    const again = await post(t, first);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ outcome: 'duplicate' });
    await t.built.live.settled();
    await cacheAva(t);
    expect(t.whop.callsFor(AVA.member)).toBe(calls);
  });

  it('a forged delivery does not use up a real webhook-id', async () => {
    const t = await liveApp();
    const forged = delivery('payment.succeeded', avaPayment(), { id: 'msg_real', secret: 'forger' });
    expect((await post(t, forged)).status).toBe(401);
    expect((await post(t, delivery('payment.succeeded', avaPayment(), { id: 'msg_real' }))).status).toBe(202);
  });
});

describe('GET /api/members/:id/live', () => {
  it('says ready first, then a change per event naming the member or the user, and nothing of the body', async () => {
    const t = await liveApp();
    const res = await t.get(`${memberLiveApiPath(AVA.member)}?user=${AVA.user}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const stream = sseReader(res);
    const ready = await stream.nextEvent();
    expect(ready.event).toBe('ready');
    expect(JSON.parse(ready.data)).toEqual({ now: expect.any(String), changed_at: null });

    await post(t, delivery('payment.succeeded', avaPayment()));
    const change = await stream.nextEvent();
    expect(change.event).toBe('change');
    expect(LiveChangeSchema.parse(JSON.parse(change.data))).toEqual({
      type: 'payment.succeeded',
      at: expect.any(String),
    });
    expect(Object.keys(JSON.parse(change.data)).sort()).toEqual(['at', 'type']);

    // Only the user named: reaches the page that gave ?user=.
    await post(t, delivery('membership.deactivated', { id: 'mem_x', member: null, user: { id: AVA.user } }));
    expect(JSON.parse((await stream.nextEvent()).data)).toMatchObject({ type: 'membership.deactivated' });

    // Another member: not this page's.
    await post(t, delivery('payment.failed', { member: { id: 'mber_someoneElse' }, user: { id: 'user_other' } }));
    await post(t, delivery('dispute.created', { payment: avaPayment() }));
    expect(JSON.parse((await stream.nextEvent()).data)).toMatchObject({ type: 'dispute.created' });

    expect(stream.raw()).not.toContain(AVA.email);
    expect(stream.raw()).not.toContain(AVA.name);
    expect(stream.raw()).not.toContain('pay_test1');
    await stream.close();

    // A page that reconnects learns when the latest change naming it came, and only that.
    const again = sseReader(await t.get(`${memberLiveApiPath(AVA.member)}?user=${AVA.user}`));
    const { changed_at: changedAt } = JSON.parse((await again.nextEvent()).data);
    expect(changedAt).toEqual(expect.any(String));
    expect(Date.parse(changedAt)).toBeGreaterThanOrEqual(Date.parse(JSON.parse(change.data).at));
    await again.close();
  });

  it('sends a keep-alive comment on an idle stream', async () => {
    const t = await liveApp({ liveStreams: { keepAliveMs: 50 } });
    const stream = sseReader(await t.get(memberLiveApiPath(AVA.member)));
    expect(await stream.next()).toMatchObject({ event: 'ready' });
    expect(await stream.next()).toEqual({ comment: 'keep-alive' });
    await stream.close();
  });

  it('unsubscribes when the page goes away (no leak), and when the instance stops', async () => {
    const t = await liveApp();
    const streams = [
      sseReader(await t.get(memberLiveApiPath(AVA.member))),
      sseReader(await t.get(memberLiveApiPath('mber_other1'))),
    ];
    for (const s of streams) await s.nextEvent();
    expect(t.built.live.subscribers()).toBe(2);
    await streams[0]!.close();
    await expect.poll(() => t.built.live.subscribers()).toBe(1);
    t.built.markStopping();
    await expect.poll(() => t.built.live.subscribers()).toBe(0);
    await expect(streams[1]!.next()).rejects.toThrow('stream ended');
  });

  it('refuses streams past the cap (503) and takes them again once one closes', async () => {
    const t = await liveApp({ liveStreams: { maxStreams: 1 } });
    const one = sseReader(await t.get(memberLiveApiPath(AVA.member)));
    await one.nextEvent();
    expect((await t.get(memberLiveApiPath(AVA.member))).status).toBe(503);
    await one.close();
    await expect.poll(() => t.built.live.subscribers()).toBe(0);
    const res = await t.get(memberLiveApiPath(AVA.member));
    expect(res.status).toBe(200);
    await res.body?.cancel();
  });

  it('ends a stream after its lifetime, so that the page reconnects through the sign-in gate', async () => {
    const t = await liveApp({ liveStreams: { maxLifetimeMs: 200 } });
    const stream = sseReader(await t.get(memberLiveApiPath(AVA.member)));
    await stream.nextEvent();
    await expect(stream.nextEvent()).rejects.toThrow('stream ended');
    await expect.poll(() => t.built.live.subscribers()).toBe(0);
  });

  it('ends its streams when the instance stops, and sends pages that reconnect elsewhere (503)', async () => {
    const t = await liveApp();
    const open = sseReader(await t.get(memberLiveApiPath(AVA.member)));
    await open.nextEvent();
    t.built.markStopping();
    await expect(open.nextEvent()).rejects.toThrow('stream ended');
    expect((await t.get(memberLiveApiPath(AVA.member))).status).toBe(503);
  });

  it('spends no rate limit: a page reconnecting after drops is never refused, while lookups are counted', async () => {
    const t = await liveApp({ rateLimitPerMinute: 2 });
    for (let i = 0; i < 4; i++) {
      const res = await t.get(memberLiveApiPath(AVA.member));
      expect(res.status, `stream ${i + 1}`).toBe(200);
      await res.body?.cancel();
    }
    const lookups = [];
    for (let i = 0; i < 3; i++) lookups.push((await t.get(memberApiPath(AVA.member))).status);
    expect(lookups).toEqual([200, 200, 429]);
  });

  it.each([
    ['mem_abc', 400],
    ['mber_a-b', 400],
    [' mber_abc', 400],
  ])('answers %s with %s', async (id, status) => {
    const t = await liveApp();
    expect((await t.get(memberLiveApiPath(id))).status).toBe(status);
  });

  it('ignores a ?user= that is not a user id', async () => {
    const t = await liveApp();
    const stream = sseReader(await t.get(`${memberLiveApiPath('mber_other1')}?user=mber_demoAvaChen`));
    await stream.nextEvent();
    await post(t, delivery('membership.activated', { member: null, user: { id: 'mber_demoAvaChen' } }));
    await post(t, delivery('membership.activated', { member: { id: 'mber_other1' }, user: null }));
    expect(JSON.parse((await stream.nextEvent()).data)).toMatchObject({ type: 'membership.activated' });
    await stream.close();
  });

  it('is 404 with the problem envelope when webhooks are off', async () => {
    const t = await startTestApp({});
    apps.push(t);
    const res = await t.get(memberLiveApiPath(AVA.member));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining('WHOP_WEBHOOK_SECRET') },
    });
  });
});

describe('metrics', () => {
  it('counts deliveries by type and outcome, with no ids in the output, and the open streams', async () => {
    const metrics = createMetrics();
    const t = await liveApp({ metrics });
    const stream = sseReader(await t.get(memberLiveApiPath(AVA.member)));
    await stream.nextEvent();
    const d = delivery('payment.succeeded', avaPayment(), { id: 'msg_metrics' });
    await post(t, d);
    await post(t, d);
    await post(t, delivery('payment.succeeded', avaPayment(), { secret: 'forger' }));
    await post(t, delivery('chat.message.created', { id: 'x' }));
    await post(t, delivery('totally.made_up_by_someone', {}));
    const text = await metrics.registry.metrics();
    expect(text).toContain('webhook_deliveries_total{type="payment.succeeded",outcome="verified"} 1');
    expect(text).toContain('webhook_deliveries_total{type="payment.succeeded",outcome="duplicate"} 1');
    expect(text).toContain('webhook_deliveries_total{type="other",outcome="refused"} 1');
    expect(text).toContain('webhook_deliveries_total{type="other",outcome="ignored"} 2');
    expect(text).toContain('live_streams_open 1');
    for (const secret of [AVA.member, AVA.user, AVA.email, 'msg_metrics', 'made_up'])
      expect(text).not.toContain(secret);
    await stream.close();
  });

  it('logs the type, outcome and webhook-id, never the member, user or email', async () => {
    const t = await liveApp();
    await post(t, delivery('payment.succeeded', avaPayment(), { id: 'msg_logged' }));
    await t.built.live.settled();
    const line = t.logs.find((l) => l.event === 'webhook');
    expect(line).toMatchObject({ type: 'payment.succeeded', outcome: 'verified', webhook_id: 'msg_logged' });
    const all = JSON.stringify(t.logs);
    for (const secret of [AVA.member, AVA.user, AVA.email, WEBHOOK_SECRET]) expect(all).not.toContain(secret);
  });
});
