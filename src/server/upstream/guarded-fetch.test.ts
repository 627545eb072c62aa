import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BodyTooLargeError, createGuardedFetch } from './guarded-fetch';

/**
 * The fetch the SDK calls Whop with, against a real HTTP server: what the SDK sends arrives
 * as sent, what Whop answers comes back whole (status, every header, the body), and the
 * guards hold (no redirect followed, no body past the cap, the signal stops a slow body).
 */
type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
const seen: Seen[] = [];
let endlessClosed = false;
let stalledClosed = false;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const route = req.url ?? '';
    if (route === '/json') {
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.setHeader('x-request-id', 'req_123');
      res.end(JSON.stringify({ id: 'mber_1', name: 'Ava' }));
    } else if (route === '/chunks') {
      // Three writes, no Content-Length: the body arrives in several chunks.
      res.setHeader('content-type', 'text/plain');
      res.write('one,');
      setTimeout(() => res.write('two,'), 5);
      setTimeout(() => res.end('three'), 10);
    } else if (route === '/redirect') {
      res.writeHead(302, { location: '/json' }).end();
    } else if (route === '/empty') {
      res.writeHead(204).end();
    } else if (route === '/declared-large') {
      res.writeHead(200, { 'content-length': '2048' });
      res.end('x'.repeat(2048));
    } else if (route === '/streamed-large') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 8; i++) res.write('y'.repeat(256));
      res.end();
    } else if (route === '/declared-huge-then-stalls') {
      // Declares 10 MB, sends a little, then holds the connection open.
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('z'.repeat(10));
      res.on('close', () => {
        stalledClosed = true;
      });
    } else if (route === '/endless') {
      // Writes for as long as anyone reads; says when the connection is gone.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('w'.repeat(512)), 5);
      res.on('close', () => {
        clearInterval(timer);
        endlessClosed = true;
      });
    } else if (route === '/drip') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
    } else {
      res.writeHead(404).end();
    }
  });
});

let base = '';
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

const guarded = createGuardedFetch(1024);

describe('createGuardedFetch', () => {
  it('sends the method, every header and the body as given, and hands back status, headers and body', async () => {
    const res = await guarded(`${base}/json`, {
      method: 'POST',
      headers: new Headers({ authorization: 'Bearer k', 'api-version-date': '2025-01-01' }),
      body: '{"q":1}',
    });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/json',
      headers: { authorization: 'Bearer k', 'api-version-date': '2025-01-01' },
      body: '{"q":1}',
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-request-id')).toBe('req_123');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.json()).toEqual({ id: 'mber_1', name: 'Ava' });
  });

  it('takes headers as a plain record and a URL object too', async () => {
    await guarded(new URL(`${base}/json`), { headers: { 'x-one': '1' } });
    // Nothing here decodes a compressed body, so none is asked for.
    expect(seen.at(-1)).toMatchObject({
      method: 'GET',
      url: '/json',
      headers: { 'x-one': '1', 'accept-encoding': 'identity' },
    });
  });

  it('joins a body that arrives in several chunks', async () => {
    const res = await guarded(`${base}/chunks`);
    expect(await res.text()).toBe('one,two,three');
  });

  it('never follows a redirect: the 302 comes back as it is, and its target is not asked', async () => {
    const before = seen.length;
    const res = await guarded(`${base}/redirect`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/json');
    expect(seen.slice(before).map((s) => s.url)).toEqual(['/redirect']);
  });

  it('answers 204 with no body', async () => {
    const res = await guarded(`${base}/empty`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
  });

  it('refuses a body whose declared length is past the cap', async () => {
    await expect(guarded(`${base}/declared-large`)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('refuses a body that grows past the cap without declaring its length', async () => {
    const error = await guarded(`${base}/streamed-large`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).limit).toBe(1024);
  });

  it('admits a body of exactly the cap', async () => {
    const res = await createGuardedFetch(2048)(`${base}/declared-large`);
    expect((await res.text()).length).toBe(2048);
  });

  it('stops a slow body when the signal aborts, with an AbortError (what the SDK reads as a timeout)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await guarded(`${base}/drip`, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });

  it('refuses a declared length past the cap at the headers, without waiting for the body, and closes it', async () => {
    stalledClosed = false;
    // The server never finishes this body; only the deadline could end a read of it.
    const deadline = AbortSignal.timeout(10_000);
    const error = await guarded(`${base}/declared-huge-then-stalls`, { signal: deadline }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    await vi.waitFor(() => expect(stalledClosed).toBe(true), { timeout: 5_000 });
  });

  it('closes the connection of a body it refuses rather than leave it streaming', async () => {
    endlessClosed = false;
    await expect(guarded(`${base}/endless`)).rejects.toBeInstanceOf(BodyTooLargeError);
    await vi.waitFor(() => expect(endlessClosed).toBe(true), { timeout: 10_000 });
  });

  it('keeps an accept-encoding the caller set, as the only one', async () => {
    await guarded(`${base}/json`, { headers: { 'accept-encoding': 'br' } });
    expect(seen.at(-1)?.headers['accept-encoding']).toBe('br');
  });

  it('sends a byte body as its bytes, and no body for a null one', async () => {
    await guarded(`${base}/json`, { method: 'POST', body: new TextEncoder().encode('{"b":2}') });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"b":2}' });
    await guarded(`${base}/json`, { method: 'GET', body: null });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', body: '' });
  });

  it('refuses a body it cannot send rather than sending something else', async () => {
    await expect(guarded(`${base}/json`, { method: 'POST', body: new URLSearchParams('a=1') })).rejects.toThrow(
      'only string and byte bodies',
    );
  });
});
