import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CookieJar, type SignInTestApp, startSignInTestApp } from '../../test/sign-in-app';
import { collectLogs, startTestApp, type TestApp } from '../../test/test-app';
import { ApiErrorEnvelopeSchema } from '../contract/api-error';
import { FIRST_PAINT_DATA_ID, FIRST_PAINT_HISTORY_DATA_ID, FIRST_PAINT_SLOTS } from '../contract/first-paint';
import { MemberSchema } from '../contract/member';
import { demoMembers, SPECIAL_IDS, SPECIAL_USER_IDS } from '../demo-whop/fixtures';
import { type AppDeps, createApp } from './app';
import type { MemberDirectory } from './members/member-directory';
import { createLogger } from './ops/logger';
import { loadSpa } from './page/shell';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function errorOf(res: Response) {
  const body = ApiErrorEnvelopeSchema.parse(await res.json());
  return body.error;
}

describe('GET /api/members/:id', () => {
  it('answers 200 with the member, parsed by the shared schema', async () => {
    const res = await t.get('/api/members/mber_demoAvaChen');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const member = MemberSchema.parse(await res.json());
    expect(member).toMatchObject({ id: 'mber_demoAvaChen', user: { name: 'Ava Chen' } });
    expect(t.whop.requests).toEqual([{ method: 'GET', path: '/api/v1/members/mber_demoAvaChen' }]);
  });

  it.each(['mem_abc', 'user_abc', 'mber_', 'mber_abc-def', 'x'.repeat(200), 'mber_%2E%2E', 'mber_a%00'])(
    'answers 400 invalid_member_id for %j without calling Whop',
    async (id) => {
      const res = await t.get(`/api/members/${id}`);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('invalid_member_id');
      expect(t.whop.requests).toHaveLength(0);
    },
  );

  it('maps an upstream 404 to 404 member_not_found', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.notFound}`);
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'member_not_found' });
    expect(t.whop.callsFor(SPECIAL_IDS.notFound)).toBe(1);
  });

  it('maps an upstream 401 to 502 upstream_unauthorized, telling the operator to act', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.unauthorized}`);
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_unauthorized');
    expect(error.message).toContain('WHOP_API_KEY');
    expect(t.whop.callsFor(SPECIAL_IDS.unauthorized)).toBe(1);
  });

  it('maps an upstream 403 to 502 upstream_forbidden, naming the permissions', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.forbidden}`);
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_forbidden');
    for (const p of ['member:basic:read', 'member:email:read', 'member:phone:read']) expect(error.message).toContain(p);
    expect(t.whop.callsFor(SPECIAL_IDS.forbidden)).toBe(1);
  });

  it('maps an upstream 429 (legacy body shape) to 429 upstream_rate_limited with Retry-After', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.rateLimited}`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await errorOf(res)).toMatchObject({ code: 'upstream_rate_limited' });
  });

  it('retries a 500 and answers 200 when the retry succeeds', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.flaky}`);
    expect(res.status).toBe(200);
    expect(t.whop.callsFor(SPECIAL_IDS.flaky)).toBe(2);
  });

  it('maps a persistent 5xx to 502 upstream_error after the retries', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.unavailable}`);
    expect(res.status).toBe(502);
    expect(await errorOf(res)).toMatchObject({ code: 'upstream_error' });
    expect(t.whop.callsFor(SPECIAL_IDS.unavailable)).toBe(3);
  });

  it('maps a body that fails the schema to 502 upstream_error', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.wrongShape}`);
    expect(res.status).toBe(502);
    expect(await errorOf(res)).toMatchObject({ code: 'upstream_error' });
  });

  it('maps a network error (connection refused) to 502 upstream_error', async () => {
    await t.whop.close();
    const res = await t.get('/api/members/mber_demoAvaChen');
    expect(res.status).toBe(502);
    expect(await errorOf(res)).toMatchObject({ code: 'upstream_error' });
  });

  it('maps a timeout to 504 upstream_timeout', async () => {
    await t.close();
    t = await startTestApp({ deadlineMs: 300 });
    const res = await t.get(`/api/members/${SPECIAL_IDS.hang}`);
    expect(res.status).toBe(504);
    expect(await errorOf(res)).toMatchObject({ code: 'upstream_timeout' });
  });

  it('never forwards upstream bodies or headers', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.html502}`);
    const text = await res.text();
    expect(text).not.toContain('cloudflare');
    expect(text).not.toContain('<html');
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});

describe('other API routes', () => {
  it('GET /api/health answers without calling Whop', async () => {
    const res = await t.get('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', mode: 'demo' });
    expect(t.whop.requests).toHaveLength(0);
  });

  it('an unknown /api route is a 404 in the error envelope', async () => {
    const res = await t.get('/api/nope');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'not_found' });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s on /api is 405 with Allow', async (method) => {
    const res = await t.get('/api/members/mber_demoAvaChen', { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await errorOf(res)).toMatchObject({ code: 'method_not_allowed' });
    expect(t.whop.requests).toHaveLength(0);
  });

  it('logs one structured line per request with route template, status and upstream facts', async () => {
    await t.get('/api/members/mber_demoFlaky');
    const line = t.logs.find((l) => l.route === '/api/members/:id');
    expect(line).toMatchObject({
      method: 'GET',
      status: 200,
      upstream_status: 200,
      attempts: 2,
      coalesced: false,
      cached: false,
    });
    expect(typeof line?.req_id).toBe('string');
    expect(typeof line?.duration_ms).toBe('number');
    expect(JSON.stringify(t.logs)).not.toContain('mber_demoFlaky');
  });
});

describe('createApp with only what it needs', () => {
  const member = MemberSchema.parse({ ...demoMembers(0)[0]! });
  function minimalApp(deps: Partial<AppDeps> = {}) {
    const { logs, sink } = collectLogs();
    const app = createApp({
      mode: 'live',
      lookup: async () => ({
        ok: true,
        value: member,
        attempts: 1,
        cached: false,
        coalesced: false,
        upstreamStatus: 200,
      }),
      directory: {} as MemberDirectory,
      companyId: null,
      logger: createLogger('info', sink),
      ...deps,
    });
    return { app, logs };
  }

  it('sends no HSTS header unless asked to', async () => {
    const res = await minimalApp().app.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('rate limits by the socket address when no client key is given, never by X-Forwarded-For, and without metrics', async () => {
    const { app } = minimalApp({ rateLimitPerMinute: 1 });
    const env = { incoming: { socket: { remoteAddress: '192.0.2.7' } } };
    const from = (forwardedFor: string) =>
      app.request('/api/members/mber_demoAvaChen', { headers: { 'x-forwarded-for': forwardedFor } }, env);
    expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.2')).status).toBe(429);
  });

  it('knows no history routes without a history source', async () => {
    const res = await minimalApp().app.request('/api/members/mber_demoAvaChen/payments');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('answers HEAD on an unknown API path 404, like GET, not 405', async () => {
    const res = await minimalApp().app.request('/api/nope', { method: 'HEAD' });
    expect(res.status).toBe(404);
  });

  it('gives /metrics and any other unknown path a plain 404, not the SPA or JSON', async () => {
    for (const path of ['/metrics', '/nope']) {
      const res = await minimalApp().app.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe('Not found');
    }
  });

  it('logs a crash with the request id, the error type and its message, and answers 500', async () => {
    const { app, logs } = minimalApp({
      lookup: async () => {
        throw new TypeError('boom');
      },
    });
    const res = await app.request('/api/members/mber_demoAvaChen');
    expect(res.status).toBe(500);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 50,
        req_id: res.headers.get('x-request-id'),
        err: expect.objectContaining({ type: 'TypeError', message: 'boom' }),
        msg: 'unhandled error',
      }),
    );
  });
});

describe("a deep link's first paint with sign-in on", () => {
  const MINUTE = 60_000;
  let signedIn: SignInTestApp | undefined;
  const builds: string[] = [];
  afterEach(async () => {
    await signedIn?.close();
    signedIn = undefined;
    for (const dir of builds.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A build with a stand-in first-paint renderer where `npm run build` puts the real one (first-paint.test.ts). */
  function builtWithRenderer() {
    const base = mkdtempSync(path.join(tmpdir(), 'app-first-paint-'));
    builds.push(base);
    const root = path.join(base, 'client');
    mkdirSync(root, { recursive: true });
    writeFileSync(
      path.join(root, 'index.html'),
      '<!doctype html><html><head></head><body><div id="root"></div></body></html>',
    );
    mkdirSync(path.join(base, 'first-paint'));
    writeFileSync(
      path.join(base, 'first-paint', 'first-paint.js'),
      "export const renderMemberFirstPaint = (i) => '<h1 id=\"member-name\">' + i.member.id + '</h1>';\nexport const renderHistoryFirstPaint = (i) => i.history.memberships ? { summary: '<p>read</p>', memberships: '<ul></ul>' } : {};",
    );
    return loadSpa(root, { mode: 'live', demoMembers: [] });
  }

  it('leaves the member out of the page of a session whose admin re-check says no', async () => {
    signedIn = await startSignInTestApp({ spa: builtWithRenderer(), env: { FIRST_PAINT_WAIT_MS: '2000' } });
    const jar = new CookieJar();
    expect((await signedIn.signIn(jar, SPECIAL_USER_IDS.formerAdmin, '/')).status).toBe(303);
    const page = async () => (await signedIn!.request('/members/mber_demoAvaChen', jar)).text();
    // Before the re-check is due, the session's page carries the member.
    signedIn.clock.now += 14 * MINUTE;
    expect(await page()).toContain(`id="${FIRST_PAINT_DATA_ID}"`);
    // Whop now says no: the plain shell, without asking Whop for the member again.
    signedIn.clock.now += 1 * MINUTE;
    const html = await page();
    expect(html).toContain('<div id="root"></div>');
    expect(html).not.toContain(`id="${FIRST_PAINT_DATA_ID}"`);
    expect(signedIn.whop.callsFor('mber_demoAvaChen')).toBe(1);
  });

  const listsAsked = (t: SignInTestApp) =>
    t.whop.requests.filter((r) => /\/(memberships|payments|company_token_transactions)$/.test(r.path)).length;

  it("carries a signed-in admin's member with its memberships, and the summary's part of the page", async () => {
    signedIn = await startSignInTestApp({ spa: builtWithRenderer(), env: { FIRST_PAINT_WAIT_MS: '2000' } });
    const jar = new CookieJar();
    expect((await signedIn.signIn(jar, SPECIAL_USER_IDS.formerAdmin, '/')).status).toBe(303);
    const asked = listsAsked(signedIn);
    const html = await (await signedIn.request('/members/mber_demoAvaChen', jar)).text();
    expect(html).toContain(`<template id="${FIRST_PAINT_SLOTS.summary.template}"><p>read</p></template>`);
    // Memberships, payments and token transactions: one Whop call each.
    expect(listsAsked(signedIn) - asked).toBe(3);
    const json = new RegExp(`id="${FIRST_PAINT_HISTORY_DATA_ID}">([^<]*)<`).exec(html)?.[1];
    expect(JSON.parse(json ?? 'null')?.memberships?.data.length).toBeGreaterThan(0);
  });

  it('asks Whop for no list, memberships included, for a session whose admin re-check says no', async () => {
    signedIn = await startSignInTestApp({ spa: builtWithRenderer(), env: { FIRST_PAINT_WAIT_MS: '2000' } });
    const jar = new CookieJar();
    expect((await signedIn.signIn(jar, SPECIAL_USER_IDS.formerAdmin, '/')).status).toBe(303);
    signedIn.clock.now += 15 * MINUTE;
    const asked = listsAsked(signedIn);
    const html = await (await signedIn.request('/members/mber_demoAvaChen', jar)).text();
    expect(html).not.toContain(`id="${FIRST_PAINT_HISTORY_DATA_ID}"`);
    expect(html).not.toContain('<template');
    expect(listsAsked(signedIn)).toBe(asked);
  });
});
