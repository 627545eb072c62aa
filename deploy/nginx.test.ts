// The shipped deploy/nginx.conf under a real nginx, in front of small node:http servers
// standing in for dashboard instances (they record what reaches them). The two-instance
// e2e test (e2e/team.spec.ts) runs the same file in front of the real dashboards.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEPLOY_NGINX_CONF, type DeployNginx, loopbackTls, renderDeployConf, startDeployNginx } from '../test/nginx';
import { freePort } from '../test/redis-server';

/** One self-signed certificate for every nginx this file starts, made for this run. */
const tlsDir = mkdtempSync(path.join(os.tmpdir(), 'nginx-test-tls-'));
const tls = loopbackTls(tlsDir);
const ca = readFileSync(tls.certificate);
afterAll(() => rmSync(tlsDir, { recursive: true, force: true }));

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; socket: number; bodyBytes: number };

/** An instance stand-in: answers JSON naming itself, or holds answers until released. */
type Instance = {
  name: string;
  port: number;
  seen: Seen[];
  /** How it answers; `hold` keeps each request open until `release()`. */
  mode: 'ok' | 'own-502' | 'hold';
  held: ServerResponse[];
  release(): void;
  close(): Promise<void>;
};

async function startInstance(name: string): Promise<Instance> {
  let sockets = 0;
  const instance: Instance = {
    name,
    port: 0,
    seen: [],
    mode: 'ok',
    held: [],
    release() {
      for (const res of instance.held.splice(0)) res.end(JSON.stringify({ instance: name }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        instance.release();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      const socket = (req.socket as { testId?: number }).testId!;
      instance.seen.push({ method: req.method!, url: req.url!, headers: req.headers, socket, bodyBytes });
      if (instance.mode === 'own-502') {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'upstream_error', message: 'from the instance' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (instance.mode === 'hold') instance.held.push(res);
      else res.end(JSON.stringify({ instance: name }));
    });
  });
  server.on('connection', (socket) => {
    (socket as { testId?: number }).testId = ++sockets;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  instance.port = (server.address() as AddressInfo).port;
  return instance;
}

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

/** One request over TLS, trusting only the test certificate. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ca,
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const dirs: string[] = [];
const running: Array<{ stop(): Promise<void> } | Instance> = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await ('stop' in thing ? thing.stop() : thing.close());
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function nginxInFrontOf(ports: number[]): Promise<DeployNginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nginx-test-'));
  dirs.push(dir);
  const nginx = await startDeployNginx({
    dir,
    port: await freePort(),
    redirectPort: await freePort(),
    upstreamPorts: ports,
    tls,
  });
  running.push(nginx);
  return nginx;
}

async function twoInstances(): Promise<[Instance, Instance]> {
  const pair = [await startInstance('a'), await startInstance('b')] as [Instance, Instance];
  running.push(...pair);
  return pair;
}

describe('deploy/nginx.conf', () => {
  it('tells an instance the address the request came from, never one the client claims, and that it was https', async () => {
    const [a, b] = await twoInstances();
    const nginx = await nginxInFrontOf([a.port, b.port]);
    const answer = await send(`${nginx.url}/api/members/mber_x`, {
      headers: { 'X-Forwarded-For': '203.0.113.9', 'X-Forwarded-Proto': 'http' },
    });
    expect(answer.status).toBe(200);
    const [seen] = [...a.seen, ...b.seen];
    expect(seen?.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen?.headers['x-forwarded-proto']).toBe('https');
    // $host: the name the client asked for, without the port.
    expect(seen?.headers.host).toBe('127.0.0.1');
  });

  it('takes turns between the instances, each over one reused connection', async () => {
    const [a, b] = await twoInstances();
    const nginx = await nginxInFrontOf([a.port, b.port]);
    const served: string[] = [];
    for (let i = 0; i < 6; i++) {
      served.push(JSON.parse((await send(`${nginx.url}/api/members/mber_x${i}`)).body).instance);
    }
    expect(served.filter((name) => name === 'a')).toHaveLength(3);
    expect(served.filter((name) => name === 'b')).toHaveLength(3);
    expect(new Set(a.seen.map((s) => s.socket)).size).toBe(1);
    expect(new Set(b.seen.map((s) => s.socket)).size).toBe(1);
  });

  it('sends requests for a stopped instance to the one still running', async () => {
    const [a, b] = await twoInstances();
    const nginx = await nginxInFrontOf([a.port, b.port]);
    await b.close();
    for (let i = 0; i < 4; i++) {
      const answer = await send(`${nginx.url}/api/members/mber_x${i}`);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ instance: 'a' });
    }
  });

  it('answers the API error envelope when no instance answers', async () => {
    const nginx = await nginxInFrontOf([await freePort(), await freePort()]);
    const answer = await send(`${nginx.url}/api/members/mber_x`);
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'busy' } });
  });

  it("passes an instance's own error answer through untouched", async () => {
    const [a, b] = await twoInstances();
    a.mode = 'own-502';
    b.mode = 'own-502';
    const nginx = await nginxInFrontOf([a.port, b.port]);
    const answer = await send(`${nginx.url}/api/members/mber_x`);
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'upstream_error', message: 'from the instance' } });
    // Not retried on the other instance either: the first one did answer.
    expect(a.seen.length + b.seen.length).toBe(1);
  });

  it('refuses a request body over 16 KiB before it reaches an instance', async () => {
    const [a, b] = await twoInstances();
    const nginx = await nginxInFrontOf([a.port, b.port]);
    const small = await send(`${nginx.url}/auth/logout`, { method: 'POST', body: Buffer.alloc(1024, 'x') });
    expect(small.status).toBe(200);
    const large = await send(`${nginx.url}/auth/logout`, { method: 'POST', body: Buffer.alloc(17 * 1024, 'x') });
    expect(large.status).toBe(413);
    expect([...a.seen, ...b.seen].map((s) => s.bodyBytes)).toEqual([1024]);
  });

  // 32 TLS handshakes at once through nginx take more than the poll's default second on a
  // loaded machine: each wait gets 10 s, and the test room for both and nginx's start.
  const handshakes = { timeout: 10_000 };
  it('holds one address to 32 requests in progress at once, other addresses unaffected', {
    timeout: 40_000,
  }, async () => {
    const [a, b] = await twoInstances();
    a.mode = 'hold';
    b.mode = 'hold';
    const nginx = await nginxInFrontOf([a.port, b.port]);
    const held = Array.from({ length: 32 }, (_, i) => send(`${nginx.url}/api/members/mber_x${i}`));
    await expect.poll(() => a.seen.length + b.seen.length, handshakes).toBe(32);

    const refused = await send(`${nginx.url}/api/members/mber_over`);
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'busy' } });
    expect(a.seen.length + b.seen.length).toBe(32);

    // 127.0.0.2 is loopback too, but another client address.
    const other = send(`${nginx.url}/api/members/mber_other`, { localAddress: '127.0.0.2' });
    await expect.poll(() => a.seen.length + b.seen.length, handshakes).toBe(33);
    a.release();
    b.release();
    expect((await other).status).toBe(200);
    expect((await Promise.all(held)).map((r) => r.status)).toEqual(Array(32).fill(200));
  });

  it('takes a large answer off the instance at once, however slowly the client reads', async () => {
    const big = Buffer.alloc(32 * 1024 * 1024, 'x');
    let handedOver!: () => void;
    const finished = new Promise<void>((resolve) => (handedOver = resolve));
    const server = createServer((_req, res) => {
      res.on('finish', handedOver);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': big.length });
      res.end(big);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    running.push({
      stop: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    });
    const nginx = await nginxInFrontOf([(server.address() as AddressInfo).port]);

    // A client that sends its request and then reads nothing, until the instance is done.
    const received = await new Promise<number>((resolve, reject) => {
      const req = request(`${nginx.url}/assets/big.bin`, { ca, agent: false }, (res) => {
        res.pause();
        void finished.then(() => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve(bytes));
          res.resume();
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toBe(big.length);
  });

  it('passes a live stream through as the instance writes it (unbuffered)', async () => {
    let sent!: () => void;
    const firstSent = new Promise<void>((resolve) => (sent = resolve));
    const open: ServerResponse[] = [];
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: ready\ndata: {}\n\n', () => sent());
      open.push(res);
      void req;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    running.push({
      stop: () =>
        new Promise<void>((resolve) => {
          for (const res of open) res.end();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    });
    const nginx = await nginxInFrontOf([(server.address() as AddressInfo).port]);
    // The first event arrives while the instance still holds the answer open.
    const first = await new Promise<string>((resolve, reject) => {
      const req = request(`${nginx.url}/api/members/mber_x/live`, { ca, agent: false }, (res) => {
        res.setEncoding('utf8');
        res.once('data', (chunk: string) => {
          resolve(chunk);
          req.destroy();
        });
      });
      req.on('error', reject);
      req.end();
    });
    await firstSent;
    expect(first).toContain('event: ready');
    expect(open.every((res) => !res.writableEnded)).toBe(true);
  });

  it('keeps the stream location unbuffered, uncached and open for an hour, inheriting the rest', () => {
    const conf = readFileSync(DEPLOY_NGINX_CONF, 'utf8');
    const block = conf.match(/location ~ \^\/api\/members\/\[\^\/\]\+\/live\$ \{([^}]*)\}/)?.[1] ?? '';
    for (const line of [
      'proxy_buffering off;',
      'proxy_cache off;',
      'proxy_read_timeout 1h;',
      'proxy_pass http://member_lookup;',
    ])
      expect(block).toContain(line);
    // The headers and keep-alive to the instances come from the server block, not repeated here.
    expect(block).not.toContain('proxy_set_header');
  });

  it("passes Whop's deliveries up to 1 MB to an instance and refuses larger ones itself", async () => {
    const [a, b] = await twoInstances();
    const nginx = await nginxInFrontOf([a.port, b.port]);
    const fits = await send(`${nginx.url}/webhooks/whop`, { method: 'POST', body: Buffer.alloc(900 * 1024, 'x') });
    expect(fits.status).toBe(200);
    const large = await send(`${nginx.url}/webhooks/whop`, {
      method: 'POST',
      body: Buffer.alloc(1024 * 1024 + 1, 'x'),
    });
    expect(large.status).toBe(413);
    expect([...a.seen, ...b.seen].map((s) => [s.url, s.bodyBytes])).toEqual([['/webhooks/whop', 900 * 1024]]);
  });

  it('redirects plain http to https', async () => {
    const [a, b] = await twoInstances();
    const nginx = await nginxInFrontOf([a.port, b.port]);
    const answer = await fetch(`http://127.0.0.1:${nginx.redirectPort}/members/mber_x?tab=1`, { redirect: 'manual' });
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe('https://127.0.0.1/members/mber_x?tab=1');
    expect(a.seen.length + b.seen.length).toBe(0);
  });
});

describe('renderDeployConf', () => {
  const template = readFileSync(DEPLOY_NGINX_CONF, 'utf8');
  const options = { port: 4443, redirectPort: 4080, upstreamPorts: [5001, 5002, 5003], certificate: '/c', key: '/k' };

  it('changes only the ports, the instances and the certificate paths', () => {
    const rendered = renderDeployConf(template, options);
    const changed = (text: string) =>
      text.split('\n').filter((line) => /^\s*(listen|ssl_certificate|ssl_certificate_key|server 127)/.test(line));
    expect(changed(rendered)).toEqual([
      '    server 127.0.0.1:5001 max_fails=1 fail_timeout=5s;',
      '    server 127.0.0.1:5002 max_fails=1 fail_timeout=5s;',
      '    server 127.0.0.1:5003 max_fails=1 fail_timeout=5s;',
      '    listen 127.0.0.1:4080;',
      '    listen 127.0.0.1:4443 ssl http2;',
      '    ssl_certificate "/c";',
      '    ssl_certificate_key "/k";',
    ]);
    const rest = (text: string) =>
      text.split('\n').filter((line) => !/^\s*(listen|ssl_certificate|ssl_certificate_key|server 127)/.test(line));
    expect(rest(rendered)).toEqual(rest(template));
  });

  it('says so when the file no longer has a line it substitutes', () => {
    expect(() => renderDeployConf(template.replace('listen 443 ssl http2;', 'listen 8443;'), options)).toThrow(
      /deploy\/nginx.conf: expected exactly one line matching .*listen 443/,
    );
    expect(() => renderDeployConf(template.replaceAll(/server 127\.0\.0\.1:\d+/g, 'server app'), options)).toThrow(
      /lists no `server 127.0.0.1:…` line/,
    );
  });
});
