import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { collectLogs, testEnv } from '../../../test/test-app';
import type { AppEnv } from '../app-env';
import { buildServer } from '../compose';
import { clientAddress, rateLimit } from './rate-limit';

/** An app that answers with the key the client-key function gives the request. */
function keyApp(trustProxy: boolean) {
  const app = new Hono<AppEnv>();
  const key = clientAddress(trustProxy);
  app.get('/', (c) => c.text(key(c)));
  return app;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** The app on a real socket, so the socket's peer address exists (app.request() has none). */
async function listen(app: Hono<AppEnv>, hostname: string) {
  const server = serve({ fetch: app.fetch, port: 0, hostname }) as Server;
  servers.push(server);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return hostname.includes(':') ? `http://[${hostname}]:${port}` : `http://${hostname}:${port}`;
}

const keyFor = async (app: Hono<AppEnv>, forwardedFor?: string) =>
  (await app.request('/', { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } })).text();

describe('clientAddress with TRUST_PROXY=true', () => {
  const app = keyApp(true);

  it('takes the last X-Forwarded-For hop, the one our proxy appended', async () => {
    expect(await keyFor(app, '203.0.113.7')).toBe('203.0.113.7');
    expect(await keyFor(app, '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('ignores whatever first hops the client made up', async () => {
    const keys = new Set<string>();
    for (const spoofed of ['1.1.1.1', '10.0.0.1, 8.8.8.8', 'evil', '192.0.2.1,192.0.2.2,192.0.2.3'])
      keys.add(await keyFor(app, `${spoofed}, 203.0.113.7`));
    expect([...keys]).toEqual(['203.0.113.7']);
  });

  it('trims the spaces around a hop', async () => {
    expect(await keyFor(app, '198.51.100.1 ,   203.0.113.7   ')).toBe('203.0.113.7');
  });

  it('keeps an IPv6 hop whole', async () => {
    expect(await keyFor(app, '198.51.100.1, 2001:db8::7')).toBe('2001:db8::7');
    expect(await keyFor(app, '2001:db8::1, 2001:db8::7')).toBe('2001:db8::7');
  });

  it('falls back to the socket without a header, with an empty one or an empty last hop', async () => {
    expect(await keyFor(app)).toBe('unknown');
    expect(await keyFor(app, '')).toBe('unknown');
    expect(await keyFor(app, '203.0.113.7, ')).toBe('unknown');
    const base = await listen(app, '127.0.0.1');
    expect(await (await fetch(base)).text()).toBe('127.0.0.1');
    expect(await (await fetch(base, { headers: { 'x-forwarded-for': '203.0.113.7,' } })).text()).toBe('127.0.0.1');
  });

  it('reads an IPv6 socket address', async () => {
    const base = await listen(app, '::1');
    expect(await (await fetch(base)).text()).toBe('::1');
  });
});

describe('clientAddress with TRUST_PROXY=false', () => {
  it('is the socket peer, whatever X-Forwarded-For says', async () => {
    const app = keyApp(false);
    expect(await keyFor(app, '203.0.113.7')).toBe('unknown');
    const base = await listen(app, '127.0.0.1');
    expect(await (await fetch(base, { headers: { 'x-forwarded-for': '203.0.113.7' } })).text()).toBe('127.0.0.1');
  });
});

describe('rateLimit', () => {
  it('lets perMinute requests per key through, then 429 with a Retry-After of about a minute', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', rateLimit({ perMinute: 2, key: (c) => c.req.header('x-key') ?? 'none' }));
    app.get('/', (c) => c.text('ok'));
    const as = (key: string) => app.request('/', { headers: { 'x-key': key } });
    expect((await as('a')).status).toBe(200);
    expect((await as('a')).status).toBe(200);
    const limited = await as('a');
    expect(limited.status).toBe(429);
    // 60 s window, rounded up to whole seconds; generous below for a loaded machine.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await as('b')).status).toBe(200);
  });

  it('passes on errors that are not the limiter saying no', async () => {
    const app = new Hono<AppEnv>();
    app.use(
      '*',
      rateLimit({
        perMinute: 1,
        key: () => {
          throw new Error('key function broke');
        },
      }),
    );
    app.get('/', (c) => c.text('ok'));
    app.onError((err, c) => c.text(`caught: ${err.message}`, 500));
    const res = await app.request('/');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('caught: key function broke');
  });
});

describe('the server as compose.ts builds it, TRUST_PROXY=true', () => {
  function server(trustProxy: boolean) {
    const { sink } = collectLogs();
    const { app } = buildServer(
      { env: testEnv({ TRUST_PROXY: trustProxy, RATE_LIMIT_PER_MINUTE: 2 }), access: { kind: 'open', reason: 'demo' } },
      // Invalid ids are answered (and counted) without a Whop call, so no upstream is needed.
      { upstream: { apiKey: 'unused', baseURL: 'http://127.0.0.1:9' }, spa: null, logDestination: sink },
    );
    return (forwardedFor: string) =>
      app.request('/api/members/not-an-id', { headers: { 'x-forwarded-for': forwardedFor } });
  }

  it('counts a client by its last hop: new spoofed first hops do not buy more requests', async () => {
    const ask = server(true);
    expect((await ask('1.1.1.1, 203.0.113.7')).status).toBe(400);
    expect((await ask('2.2.2.2, 203.0.113.7')).status).toBe(400);
    expect((await ask('3.3.3.3, 203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy has its own budget.
    expect((await ask('1.1.1.1, 203.0.113.8')).status).toBe(400);
  });

  it('without TRUST_PROXY, the header changes nothing', async () => {
    const ask = server(false);
    expect((await ask('203.0.113.7')).status).toBe(400);
    expect((await ask('203.0.113.8')).status).toBe(400);
    expect((await ask('203.0.113.9')).status).toBe(429);
  });
});
