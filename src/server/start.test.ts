import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AVA, sseReader } from '../../test/live';
import { freePort } from '../../test/redis-server';
import { memberApiPath, memberLiveApiPath } from '../contract/api-paths';
import { API_REQUEST_HEADER } from '../contract/auth';
import { DEMO_SIMULATE_PATH } from '../contract/demo-simulate';
import type { Member } from '../contract/member';
import { type DemoWhop, startDemoWhop } from '../demo-whop/server';
import { SIMULATED_PAYMENT_USD } from '../demo-whop/simulate';
import { readConfig } from './config';
import { listenUrl, type RunningServer, startServer } from './start';

/**
 * What `npm start` does, in this process: the same startServer main.ts calls, on real
 * sockets, with the log lines captured instead of printed. process.test.ts and
 * redis-startup.test.ts hold the process around it (signals, exit codes, the built bundle).
 */

type Line = Record<string, unknown> & { msg: string };

function capture() {
  const lines: Line[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Line) } };
}

function config(env: Record<string, string>) {
  const parsed = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    STATIC_DIR: 'dist/none',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
}

const running: RunningServer[] = [];
let whop: DemoWhop | undefined;
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop('test end')));
  await whop?.close();
  whop = undefined;
});

async function start(env: Record<string, string>, redisWaitMs?: number) {
  const log = capture();
  const result = await startServer(config(env), { logDestination: log.destination, redisWaitMs });
  if (result.ok) running.push(result.running);
  return { result, lines: log.lines };
}

async function started(env: Record<string, string>) {
  const { result, lines } = await start(env);
  if (!result.ok) throw new Error(result.message);
  return { ...result.running, lines };
}

/** Whether anything accepts a TCP connection at `url`'s host and port. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * How long a lookup may take to reach the stand-in (through the SDK, on a loaded machine):
 * more than the poll's default second. The node tests' 20 s timeout leaves room for it.
 */
const reachesWhop = { timeout: 10_000 };

describe('startServer', () => {
  it('with no WHOP_API_KEY serves the demo members from an embedded stand-in, and says so', async () => {
    const server = await started({ WHOP_API_KEY: '' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.metricsUrl).toBeNull();

    const res = await fetch(`${server.url}/api/members/mber_demoAvaChen`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'mber_demoAvaChen', user: { name: 'Ava Chen' } });
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok', mode: 'demo' });

    expect(server.meta.mode).toBe('demo');
    expect(server.meta.demoMembers.map((m) => m.id)).toContain('mber_demoAvaChen');
    expect(server.lines).toContainEqual(
      expect.objectContaining({
        msg: 'dashboard listening on demo data (set WHOP_API_KEY for live data)',
        mode: 'demo',
        sign_in: 'open',
        url: server.url,
      }),
    );
  });

  it("in demo mode is live out of the box: 'Simulate a payment' has the stand-in record one and deliver it, signed, to this dashboard", async () => {
    const server = await started({ WHOP_API_KEY: '', MEMBER_CACHE_TTL_MS: '600000' });
    expect(server.meta.live).toBe(true);
    const headers = { [API_REQUEST_HEADER.name]: API_REQUEST_HEADER.value };
    const member = async () =>
      (await (await fetch(`${server.url}${memberApiPath(AVA.member)}`, { headers })).json()) as Member;
    const before = await member();
    const stream = sseReader(await fetch(`${server.url}${memberLiveApiPath(AVA.member)}`, { headers }));
    try {
      expect((await stream.nextEvent()).event).toBe('ready');
      const simulate = (body: unknown, contentType = 'application/json') =>
        fetch(`${server.url}${DEMO_SIMULATE_PATH}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': contentType },
          body: JSON.stringify(body),
        });
      const res = await simulate({ member_id: AVA.member, type: 'payment.succeeded' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ type: 'payment.succeeded', status: 202 });
      const change = await stream.nextEvent();
      expect(change.event).toBe('change');
      expect(JSON.parse(change.data)).toMatchObject({ type: 'payment.succeeded' });
      // The cached member was dropped: the 10-minute cache does not hide the new total.
      expect((await member()).usd_total_spent).toBe(before.usd_total_spent + SIMULATED_PAYMENT_USD);

      expect((await simulate({ member_id: 'mber_noSuchDemo', type: 'payment.succeeded' })).status).toBe(404);
      expect((await simulate({ member_id: AVA.member, type: 'refund.created' })).status).toBe(400);
      expect((await simulate({ member_id: AVA.member, type: 'payment.succeeded' }, 'text/plain')).status).toBe(400);
    } finally {
      await stream.close();
    }
  });

  it('uses DEMO_API_KEY for the stand-in when it is set (a fixed key for tools that call it)', async () => {
    const server = await started({ WHOP_API_KEY: '', DEMO_API_KEY: 'demo_fixed_key_for_this_test' });
    expect((await fetch(`${server.url}/api/members/mber_demoAvaChen`)).status).toBe(200);
  });

  it('with WHOP_API_KEY calls the Whop it is pointed at, with that key, and runs live', async () => {
    whop = await startDemoWhop({ apiKey: 'apik_live_key_for_start_test' });
    const server = await started({ WHOP_API_KEY: 'apik_live_key_for_start_test', WHOP_BASE_URL: whop.baseURL });
    expect(server.meta).toEqual({ mode: 'live', demoMembers: [] });
    // No demo controls outside demo mode: the path is unknown.
    const simulate = await fetch(`${server.url}${DEMO_SIMULATE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [API_REQUEST_HEADER.name]: API_REQUEST_HEADER.value },
      body: JSON.stringify({ member_id: 'mber_demoAvaChen', type: 'payment.succeeded' }),
    });
    expect(simulate.status).toBe(405);
    const res = await fetch(`${server.url}/api/members/mber_demoAvaChen`);
    expect(res.status).toBe(200);
    expect(whop.callsFor('mber_demoAvaChen')).toBe(1);
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok', mode: 'live' });
    expect(server.lines).toContainEqual(
      expect.objectContaining({ msg: 'dashboard listening', mode: 'live', sign_in: 'open', url: server.url }),
    );
  });

  it('with a wrong WHOP_API_KEY answers a lookup with a problem, not a crash', async () => {
    whop = await startDemoWhop({ apiKey: 'apik_the_right_key' });
    const server = await started({ WHOP_API_KEY: 'apik_some_other_key', WHOP_BASE_URL: whop.baseURL });
    const res = await fetch(`${server.url}/api/members/mber_demoAvaChen`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_unauthorized' } });
  });

  it('with METRICS_PORT serves Prometheus metrics, process metrics included, on that port only', async () => {
    const port = await freePort();
    const server = await started({ WHOP_API_KEY: '', METRICS_PORT: String(port) });
    expect(server.metricsUrl).toBe(`http://127.0.0.1:${port}/metrics`);
    await fetch(`${server.url}/api/members/mber_demoAvaChen`);

    const metrics = await fetch(server.metricsUrl!);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toMatch(/nodejs_eventloop_lag/);
    expect(text).toMatch(/lookup/);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect(server.lines).toContainEqual(
      expect.objectContaining({ msg: 'metrics listening', metrics_url: server.metricsUrl }),
    );
  });

  it('without METRICS_PORT opens no metrics listener and collects no process metrics', async () => {
    const server = await started({ WHOP_API_KEY: '' });
    expect(server.metricsUrl).toBeNull();
    expect(server.lines.map((l) => l.msg)).not.toContain('metrics listening');
  });

  it('gives up when REDIS_URL does not answer in time, naming the address but not the password, and frees the port', async () => {
    const port = await freePort();
    const { result, lines } = await start(
      { WHOP_API_KEY: '', REDIS_URL: `redis://:s3cret-pass@127.0.0.1:${port}/0` },
      300,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(`Cannot reach Redis at REDIS_URL=redis://:***@127.0.0.1:${port}/0`);
    expect(result.message).toContain(`(127.0.0.1:${port}) within 0.3 s: `);
    expect(result.message).not.toContain('s3cret-pass');
    expect(lines.map((l) => l.msg)).not.toContain('dashboard listening on demo data (set WHOP_API_KEY for live data)');
  });

  it('on stop: the in-flight lookup finishes, then nothing listens', async () => {
    whop = await startDemoWhop({ apiKey: 'apik_live_key_for_start_test', latencyMs: 300 });
    const server = await started({ WHOP_API_KEY: 'apik_live_key_for_start_test', WHOP_BASE_URL: whop.baseURL });
    const inFlight = fetch(`${server.url}/api/members/mber_demoMarcusWeber`);
    await expect.poll(() => whop!.callsFor('mber_demoMarcusWeber'), reachesWhop).toBe(1);

    const stopping = server.stop('SIGTERM');
    expect(server.stop('SIGINT')).toBe(stopping);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'mber_demoMarcusWeber' });
    await stopping;

    expect(await accepts(server.url)).toBe(false);
    const msgs = server.lines.map((l) => l.msg);
    expect(msgs).toContain('shutting down: no new connections, finishing in-flight lookups');
    expect(server.lines).toContainEqual(expect.objectContaining({ signal: 'SIGTERM' }));
    expect(msgs.filter((m) => m?.startsWith('shutting down'))).toHaveLength(1);
    expect(msgs.at(-1)).toBe('stopped');
    expect(msgs).not.toContain('in-flight requests did not finish in time; closing connections');
  });

  it('on stop closes idle keep-alive connections at once instead of waiting out their timeout', async () => {
    const port = await freePort();
    const server = await started({ WHOP_API_KEY: '', METRICS_PORT: String(port) });
    // A keep-alive request leaves an idle socket behind; stop must not wait 5 s for it.
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await server.stop('SIGTERM');
    await closed;
    expect(await accepts(server.metricsUrl!)).toBe(false);
  });

  it('answers /api/ready 503 "shutting down" once stopping, so a balancer takes the instance out', async () => {
    whop = await startDemoWhop({ apiKey: 'apik_live_key_for_start_test', latencyMs: 300 });
    const server = await started({ WHOP_API_KEY: 'apik_live_key_for_start_test', WHOP_BASE_URL: whop.baseURL });
    // Not ready before either (no built SPA in dist/none), but not for the stop.
    expect(await (await fetch(`${server.url}/api/ready`)).text()).not.toContain('shutting down');
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    await new Promise((resolve) => socket.once('connect', resolve));
    // An in-flight lookup holds the server open while readiness is asked on a connection opened before the stop.
    const inFlight = fetch(`${server.url}/api/members/mber_demoAvaChen`);
    await expect.poll(() => whop!.callsFor('mber_demoAvaChen'), reachesWhop).toBe(1);
    const stopping = server.stop('SIGTERM');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.write('GET /api/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toContain('shutting down');
    await inFlight;
    await stopping;
  });
});

describe('listenUrl', () => {
  it('writes an IPv4 address as it is and an IPv6 address in brackets', () => {
    expect(listenUrl({ address: '127.0.0.1', family: 'IPv4', port: 3000 })).toBe('http://127.0.0.1:3000');
    expect(listenUrl({ address: '::1', family: 'IPv6', port: 8080 })).toBe('http://[::1]:8080');
  });
});
