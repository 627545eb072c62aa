import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { demoMembers, SPECIAL_IDS } from '../src/demo-whop/fixtures';
import { securityHeaders } from '../src/server/http/security-headers';
import { INLINE_SCRIPT_SOURCES } from '../src/server/page/inline-scripts';
import { loadSpa } from '../src/server/page/shell';
import { startTestApp, TEST_API_KEY, type TestApp } from './test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function builtSpa() {
  const root = mkdtempSync(path.join(tmpdir(), 'spa-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><head></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(root, 'assets', 'app-1.js'), 'console.log(1)');
  return loadSpa(root, { mode: 'demo', demoMembers: [] });
}

/**
 * The policy as written here, directive by directive: never the module's own constant, so
 * loosening any source (`script-src 'self' https:`, `connect-src *`) fails the test.
 */
const EXPECTED_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  // The member page's four inline scripts (locale-warm-up.ts, early-theme.ts, first-paint.ts's
  // history swap, after-paint.ts's loader of the app's code), by the hashes of their exact text.
  'script-src': [
    "'self'",
    "'sha256-hctlKf6ZXBgR4NjOt0AOnuTEN9cqTMfwop58LEKwLxM='",
    "'sha256-VKWcxPqt9apLMxWyT8QCESw3bRwvv7gvzk+JwTNcvXs='",
    "'sha256-DxsVwGFIRUN9MbVEtj57uRtAZrRJl+krH9ta8N96FgE='",
    "'sha256-YB54Qk2hGJO07mv/NvC3sjDLuQ8VDMw4bAnw8yuUUy8='",
  ],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/** Every other header the middleware sets, exactly. */
const EXPECTED_HEADERS: Record<string, string> = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};

/** A CSP header as directive name -> sources; a repeated directive fails (browsers ignore the second). */
function parseCsp(header: string | null): Record<string, string[]> {
  expect(header).not.toBeNull();
  const directives: Record<string, string[]> = {};
  for (const part of header!.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    expect(name, `empty directive in ${header}`).toBeTruthy();
    expect(directives, `${name} twice`).not.toHaveProperty(name!);
    directives[name!] = sources;
  }
  return directives;
}

function expectSecurityHeaders(res: Response, api: boolean) {
  const h = res.headers;
  expect(parseCsp(h.get('content-security-policy'))).toEqual(EXPECTED_CSP);
  for (const [name, value] of Object.entries(EXPECTED_HEADERS)) expect(h.get(name), name).toBe(value);
  expect(h.get('x-powered-by')).toBeNull();
  expect(h.get('access-control-allow-origin')).toBeNull();
  expect(h.get('access-control-allow-credentials')).toBeNull();
  expect(h.get('strict-transport-security')).toBeNull();
  if (api) expect(h.get('cache-control')).toBe('no-store');
}

describe('headers on every response', () => {
  const cases: Array<{
    name: string;
    path: string;
    method?: string;
    status: number;
    api: boolean;
    deadlineMs?: number;
    limit?: number;
  }> = [
    { name: '200 member', path: '/api/members/mber_demoAvaChen', status: 200, api: true },
    { name: '200 health', path: '/api/health', status: 200, api: true },
    { name: '400 invalid id', path: '/api/members/mem_nope', status: 400, api: true },
    { name: '404 member', path: `/api/members/${SPECIAL_IDS.notFound}`, status: 404, api: true },
    { name: '404 api route', path: '/api/whatever', status: 404, api: true },
    { name: '405 method', path: '/api/members/mber_demoAvaChen', method: 'POST', status: 405, api: true },
    { name: '429 upstream', path: `/api/members/${SPECIAL_IDS.rateLimited}`, status: 429, api: true },
    { name: '429 ours', path: '/api/members/mber_demoAvaChen', status: 429, api: true, limit: 1 },
    { name: '502 upstream', path: `/api/members/${SPECIAL_IDS.forbidden}`, status: 502, api: true },
    { name: '504 timeout', path: `/api/members/${SPECIAL_IDS.hang}`, status: 504, api: true, deadlineMs: 200 },
    { name: 'static asset', path: '/assets/app-1.js', status: 200, api: false },
    { name: 'missing asset', path: '/assets/nope.js', status: 404, api: false },
    { name: 'app shell', path: '/members/mber_demoAvaChen', status: 200, api: false },
  ];

  it.each(cases)('$name -> $status with the full set', async ({ path: p, method, status, api, deadlineMs, limit }) => {
    t = await startTestApp({ spa: builtSpa(), deadlineMs, rateLimitPerMinute: limit ?? 0 });
    if (limit) await t.get(p);
    const res = await t.get(p, { method: method ?? 'GET', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(status);
    expectSecurityHeaders(res, api);
  });

  it('sends HSTS only when the operator says TLS is in front', async () => {
    t = await startTestApp({ hsts: true });
    const res = await t.get('/api/health');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('strips an X-Powered-By that a handler set', async () => {
    const app = new Hono();
    app.use('*', securityHeaders({ hsts: false, inlineScripts: INLINE_SCRIPT_SOURCES }));
    app.get('/', (c) => c.text('hi', 200, { 'X-Powered-By': 'Express' }));
    const res = await app.request('/');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expectSecurityHeaders(res, false);
  });

  it('answers a CORS preflight with 405 and no CORS headers', async () => {
    t = await startTestApp();
    const res = await t.get('/api/members/mber_demoAvaChen', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(t.whop.requests).toHaveLength(0);
  });

  it('HEAD works like GET without a body', async () => {
    t = await startTestApp();
    const res = await t.get('/api/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('rate limiting', () => {
  it('allows the configured lookups per minute per client, then 429 rate_limited with Retry-After', async () => {
    t = await startTestApp({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await t.get('/api/members/mber_demoAvaChen')).status).toBe(200);
    const limited = await t.get('/api/members/mber_demoAvaChen');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(t.whop.callsFor('mber_demoAvaChen')).toBe(3);
    // Another client is not affected, and health is never limited.
    expect((await t.get('/api/members/mber_demoAvaChen', { headers: { 'x-test-client': 'other' } })).status).toBe(200);
    expect((await t.get('/api/health')).status).toBe(200);
  });

  it('counts rejected ids too, so invalid input cannot be used to probe for free', async () => {
    t = await startTestApp({ rateLimitPerMinute: 2 });
    await t.get('/api/members/nope');
    await t.get('/api/members/nope');
    expect((await t.get('/api/members/mber_demoAvaChen')).status).toBe(429);
  });
});

describe('errors', () => {
  it('a crash is a generic 500 with the request id, and no stack or message', async () => {
    t = await startTestApp({
      lookupOverride: async () => {
        throw new Error(`secret internal detail ${TEST_API_KEY}`);
      },
    });
    const res = await t.get('/api/members/mber_demoAvaChen');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string; request_id: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.request_id).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toMatch(/secret internal detail|at .*\.ts|test_key/);
  });
});

describe('no open proxy', () => {
  it('for any string: 400 with no upstream call, or exactly one GET to /members/<that id>', async () => {
    t = await startTestApp();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.stringMatching(/^mber_[A-Za-z0-9]{1,20}$/),
          fc.constantFrom(
            ' mber_abc',
            'mber_abc\n',
            'mber_abc/../x',
            'mber_a%2F..',
            '..%2F',
            '%2e%2e',
            'mber_a\\b',
            'mber_a\u0000',
            'mber_a\r\nX: 1',
          ),
        ),
        async (input) => {
          const before = t!.whop.requests.length;
          const res = await t!.get(`/api/members/${encodeURIComponent(input)}`);
          const made = t!.whop.requests.slice(before);
          if (/^mber_[A-Za-z0-9]+$/.test(input) && input.length <= 64) {
            // A valid id: exactly one GET to that member, whatever Whop answers.
            expect(made).toEqual([{ method: 'GET', path: `/api/v1/members/${input}` }]);
          } else {
            // 400 for anything that is not a member id; 404 when the URL parser resolved
            // the input away (an empty id, or "%2e%2e" dot segments). Never upstream.
            expect([400, 404]).toContain(res.status);
            expect(made).toEqual([]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  describe('raw request paths that bypass URL normalisation', () => {
    let server: Server;
    let port: number;

    async function raw(rawPath: string): Promise<{ status: number; text: string }> {
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write(`GET ${rawPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      const chunks: Buffer[] = [];
      socket.on('data', (d: Buffer) => chunks.push(d));
      await once(socket, 'close');
      const text = Buffer.concat(chunks).toString('utf8');
      return { status: Number(text.split(' ')[1]), text };
    }

    it.each([
      '/api/members/..%2F..%2Fcompanies',
      '/api/members/mber_a%2F..%2F..%2Fcompanies',
      '/api/members/%2e%2e%2fcompanies',
      '/api/members/mber_a%5C..%5Ccompanies',
      '/api/members/mber_a%00',
      '/api/members/mber_a%0D%0AX-Injected:%201',
      '/api/members/mber_a%252F..%252F',
      '/api/members/%252e%252e%252f',
      `/api/members/mber_${'a'.repeat(5000)}`,
    ])('%s -> 400, zero upstream calls', async (rawPath) => {
      t = await startTestApp();
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
      await once(server, 'listening');
      port = (server.address() as AddressInfo).port;
      try {
        const res = await raw(rawPath);
        expect(res.status).toBe(400);
        expect(res.text).toContain('invalid_member_id');
        expect(res.text).not.toMatch(/X-Injected/i);
        expect(t.whop.requests).toEqual([]);
      } finally {
        server.close();
      }
    });

    it('dot segments are resolved before routing and never reach upstream', async () => {
      t = await startTestApp();
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
      await once(server, 'listening');
      port = (server.address() as AddressInfo).port;
      try {
        // WHATWG URL parsing resolves ".." and "%2e%2e" segments before routing.
        for (const p of [
          '/api/members/../health',
          '/api/members/mber_a/../../health',
          '/api/members/%2E%2E',
          '/api/members/mber_a/%2e%2e/%2e%2e/x',
        ]) {
          const res = await raw(p);
          expect([200, 400, 404]).toContain(res.status);
        }
        expect(t.whop.requests).toEqual([]);
      } finally {
        server.close();
      }
    });
  });
});

describe('logs', () => {
  it('never contain the key, cookies, member PII or bodies', async () => {
    t = await startTestApp();
    const ids = [
      'mber_demoAvaChen',
      'mber_demoWhale',
      SPECIAL_IDS.forbidden,
      SPECIAL_IDS.notFound,
      'mem_x',
      SPECIAL_IDS.wrongShape,
    ];
    for (const id of ids)
      await t.get(`/api/members/${id}`, {
        headers: { cookie: 'session=cookie-canary-123', authorization: 'Bearer auth-canary-456' },
      });
    const text = JSON.stringify(t.logs);
    expect(t.logs.length).toBeGreaterThanOrEqual(ids.length);
    expect(text).not.toContain(TEST_API_KEY);
    expect(text).not.toContain('cookie-canary-123');
    expect(text).not.toContain('auth-canary-456');
    for (const m of demoMembers()) {
      for (const pii of [m.user?.email, m.user?.name, m.phone]) if (pii) expect(text).not.toContain(pii);
    }
    for (const line of t.logs.filter((l) => l.route === '/api/members/:id')) {
      expect(Object.keys(line).sort()).toEqual(
        expect.arrayContaining(['req_id', 'method', 'route', 'status', 'duration_ms']),
      );
    }
  });
});
