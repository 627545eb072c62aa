import { afterEach, describe, expect, it } from 'vitest';
import {
  CookieJar,
  codeOf,
  type SignInTestApp,
  sessionCookieLine,
  signedInJar,
  spaWithIndex,
  startSignInTestApp,
} from '../../../test/sign-in-app';
import { SPECIAL_USER_IDS } from '../../demo-whop/fixtures';

const MINUTE = 60_000;

let t: SignInTestApp;
afterEach(async () => {
  await t?.close();
});

const signedIn = (userId?: string) => signedInJar(t, userId);

const linesOf = (event: string) => t.logs.filter((line) => line.event === event);

describe('the gate on /api', () => {
  it('answers 401 unauthenticated in the error envelope without a session, but leaves health open', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const res = await t.request('/api/members/mber_demoAvaChen', jar);
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await codeOf(res)).toBe('unauthenticated');
    expect(t.whop.requests).toHaveLength(0);
    expect((await t.request('/api/health', jar)).status).toBe(200);
    jar.set('session', 'not-a-session-id');
    expect((await t.request('/api/session', jar)).status).toBe(401);
  });

  it('refuses API calls that come from another site (CSRF) even with a valid session', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const cookie = { cookie: jar.header() };
    const ask = (headers: Record<string, string>) =>
      t.app.request(`${t.publicUrl}/api/session`, { headers: { ...cookie, ...headers } });
    expect(await codeOf(await ask({ origin: 'https://evil.example' }))).toBe('forbidden_origin');
    expect(await codeOf(await ask({ 'sec-fetch-site': 'cross-site' }))).toBe('forbidden_origin');
    expect(await codeOf(await ask({}))).toBe('forbidden_origin');
    expect((await ask({ 'x-requested-with': 'member-lookup' })).status).toBe(200);
    expect((await ask({ origin: t.publicUrl })).status).toBe(200);
    expect((await ask({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('ends a session after 30 idle minutes; activity keeps it alive', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    t.clock.now += 29 * MINUTE;
    expect((await t.request('/api/session', jar)).status).toBe(200);
    t.clock.now += 29 * MINUTE;
    expect((await t.request('/api/session', jar)).status).toBe(200);
    t.clock.now += 30 * MINUTE;
    const res = await t.request('/api/session', jar);
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('unauthenticated');
    expect(jar.get('session')).toBeUndefined();
  });

  it('ends a session 8 hours after sign-in however active it is', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    for (let elapsed = 0; elapsed < 8 * 60 - 10; elapsed += 10) {
      t.clock.now += 10 * MINUTE;
      expect((await t.request('/api/session', jar)).status, `after ${elapsed + 10} min`).toBe(200);
    }
    t.clock.now += 10 * MINUTE;
    expect((await t.request('/api/session', jar)).status).toBe(401);
  });

  it('re-checks admin status after 15 minutes and ends the session of someone no longer an admin', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn(SPECIAL_USER_IDS.formerAdmin);
    const checks = () => t.whop.requests.filter((r) => r.path.includes('/access/')).length;
    expect(checks()).toBe(1);
    t.clock.now += 14 * MINUTE;
    expect((await t.request('/api/members/mber_demoAvaChen', jar)).status).toBe(200);
    expect(checks()).toBe(1);
    t.clock.now += 1 * MINUTE;
    const res = await t.request('/api/members/mber_demoAvaChen', jar);
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe('not_admin');
    expect(checks()).toBe(2);
    expect(t.oidc.revokedRefreshTokens).toContain(SPECIAL_USER_IDS.formerAdmin);
    expect((await t.request('/api/session', jar)).status).toBe(401);
  });

  it('keeps an admin signed in across re-checks, asking Whop once per window', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const checks = () => t.whop.requests.filter((r) => r.path.includes('/access/')).length;
    t.clock.now += 15 * MINUTE;
    await Promise.all([t.request('/api/session', jar), t.request('/api/session', jar), t.request('/api/session', jar)]);
    expect(checks()).toBe(2);
    t.clock.now += 5 * MINUTE;
    expect((await t.request('/api/session', jar)).status).toBe(200);
    expect(checks()).toBe(2);
  });

  it('answers 503 auth_unavailable and keeps the session when Whop cannot be asked', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    await t.whop.close();
    t.clock.now += 15 * MINUTE;
    const res = await t.request('/api/session', jar);
    expect(res.status).toBe(503);
    expect(await codeOf(res)).toBe('auth_unavailable');
    expect(jar.get('session')).toBeDefined();
  });
});

describe('session timeouts from the environment (readConfig -> buildServer)', () => {
  const SECOND = 1000;
  const sessionEnds = () => t.logs.filter((l) => l.event === 'session_end').map((l) => l.why);

  it('SESSION_IDLE_TIMEOUT_S ends a session after that many idle seconds; activity keeps it alive', async () => {
    t = await startSignInTestApp({ env: { SESSION_IDLE_TIMEOUT_S: '120' } });
    const jar = await signedIn();
    t.clock.now += 119 * SECOND;
    expect((await t.request('/api/session', jar)).status).toBe(200);
    t.clock.now += 119 * SECOND;
    expect((await t.request('/api/session', jar)).status).toBe(200);
    t.clock.now += 120 * SECOND;
    const res = await t.request('/api/session', jar);
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('unauthenticated');
    expect(sessionEnds()).toEqual(['idle']);
  });

  it('SESSION_ABSOLUTE_TIMEOUT_S ends a session that many seconds after sign-in however active', async () => {
    t = await startSignInTestApp({ env: { SESSION_ABSOLUTE_TIMEOUT_S: '600' } });
    const jar = await signedIn();
    for (let elapsed = 100; elapsed < 600; elapsed += 100) {
      t.clock.now += 100 * SECOND;
      expect((await t.request('/api/session', jar)).status, `after ${elapsed} s`).toBe(200);
    }
    t.clock.now += 100 * SECOND;
    expect((await t.request('/api/session', jar)).status).toBe(401);
    expect(sessionEnds()).toEqual(['absolute']);
  });

  it('tells the SPA when the session ends, from the configured limits', async () => {
    t = await startSignInTestApp({ env: { SESSION_IDLE_TIMEOUT_S: '300', SESSION_ABSOLUTE_TIMEOUT_S: '3600' } });
    const jar = await signedIn();
    const body = JSON.stringify(await (await t.request('/api/session', jar)).json());
    expect(body).toContain(new Date(t.clock.now + 300 * SECOND).toISOString());
    expect(body).toContain(new Date(t.clock.now + 3600 * SECOND).toISOString());
  });
});

describe('rate limiting with sign-in on', () => {
  it('shares one budget between two sessions of one person', async () => {
    t = await startSignInTestApp({ rateLimitPerMinute: 3 });
    const first = await signedIn('user_demoMarcus');
    const second = await signedIn('user_demoMarcus');
    expect(first.get('session')).toBeDefined();
    expect(first.get('session')).not.toBe(second.get('session'));
    expect((await t.request('/api/members/mber_demoAvaChen', first)).status).toBe(200);
    expect((await t.request('/api/members/mber_demoAvaChen', second)).status).toBe(200);
    expect((await t.request('/api/members/mber_demoAvaChen', first)).status).toBe(200);
    expect((await t.request('/api/members/mber_demoAvaChen', second)).status).toBe(429);
    expect((await t.request('/api/members/mber_demoAvaChen', first)).status).toBe(429);
  });

  it('counts each signed-in person separately, even from one address', async () => {
    t = await startSignInTestApp({ rateLimitPerMinute: 3 });
    const marcus = await signedIn('user_demoMarcus');
    const grace = await signedIn('user_demoGrace');
    for (let i = 0; i < 3; i++) expect((await t.request('/api/members/mber_demoAvaChen', marcus)).status).toBe(200);
    const limited = await t.request('/api/members/mber_demoAvaChen', marcus);
    expect(limited.status).toBe(429);
    expect(await codeOf(limited)).toBe('rate_limited');
    expect((await t.request('/api/members/mber_demoAvaChen', grace)).status).toBe(200);
  });

  it('answers calls without a session at the gate, before they count against anyone', async () => {
    t = await startSignInTestApp({ rateLimitPerMinute: 2 });
    for (let i = 0; i < 5; i++)
      expect((await t.request('/api/members/mber_demoAvaChen', new CookieJar())).status).toBe(401);
    const jar = await signedIn();
    expect((await t.request('/api/members/mber_demoAvaChen', jar)).status).toBe(200);
  });
});

describe('the app shell', () => {
  it('sends someone without a session to sign in, coming back to the page they opened', async () => {
    t = await startSignInTestApp({ spa: spaWithIndex() });
    const res = await t.request('/members/mber_demoAvaChen?tab=2', new CookieJar());
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/login?returnTo=%2Fmembers%2Fmber_demoAvaChen%3Ftab%3D2');
  });

  it("writes the signed-in manager's name, escaped, into index.html and never caches it", async () => {
    t = await startSignInTestApp({ spa: spaWithIndex() });
    const jar = await signedIn();
    const res = await t.request('/members/mber_demoAvaChen', jar);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<meta name="signed-in-user" content="Marcus Weber">');
  });

  it('renders its own pages with the SPA stylesheet and no script', async () => {
    t = await startSignInTestApp({ spa: spaWithIndex() });
    const res = await t.request('/auth/signed-out', new CookieJar());
    const html = await res.text();
    expect(html).toContain('<link rel="stylesheet" href="/assets/index-abc.css" />');
    expect(html).not.toMatch(/<script|style=/i);
  });
});

describe('what the gate tells the SPA', () => {
  async function envelopeOf(res: Response) {
    return { status: res.status, body: await res.json(), requestId: res.headers.get('x-request-id') };
  }
  const envelope = (status: number, code: string, message: string, requestId: string | null) => ({
    status,
    body: { error: { code, message, request_id: requestId } },
    requestId,
  });

  it('says sign in when there is no session, sets no cookie, and logs no session end', async () => {
    t = await startSignInTestApp();
    const res = await t.request('/api/session', new CookieJar());
    const got = await envelopeOf(res);
    expect(got.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(got).toEqual(envelope(401, 'unauthenticated', 'Sign in with Whop to use the dashboard.', got.requestId));
    expect(res.headers.getSetCookie()).toEqual([]);
    // An id this server never issued: the browser forgets it; there was no session to end.
    const stale = new CookieJar();
    stale.set('session', 'AAAAAAAAAAAAAAAAAAAAAA');
    const again = await t.request('/api/members/mber_demoAvaChen', stale);
    expect(await codeOf(again)).toBe('unauthenticated');
    expect(sessionCookieLine(again)).toMatch(/Max-Age=0/);
    expect(linesOf('session_end')).toEqual([]);
  });

  it('says the session has ended when it ran out', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    t.clock.now += 31 * MINUTE;
    const got = await envelopeOf(await t.request('/api/session', jar));
    expect(got).toEqual(
      envelope(401, 'unauthenticated', 'Your session has ended. Sign in with Whop again.', got.requestId),
    );
  });

  it('says where API calls must come from', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const got = await envelopeOf(
      await t.app.request(`${t.publicUrl}/api/session`, {
        headers: { cookie: jar.header(), origin: 'https://evil.example' },
      }),
    );
    expect(got).toEqual(
      envelope(403, 'forbidden_origin', 'API calls must come from the dashboard itself.', got.requestId),
    );
  });

  it('lets through a request the browser marks as typed into the address bar (Sec-Fetch-Site: none)', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const res = await t.app.request(`${t.publicUrl}/api/session`, {
      headers: { cookie: jar.header(), 'sec-fetch-site': 'none' },
    });
    expect(res.status).toBe(200);
  });

  it('says it could not confirm admin status, and logs the failed re-check by user id', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    await t.whop.close();
    t.clock.now += 15 * MINUTE;
    const got = await envelopeOf(await t.request('/api/session', jar));
    expect(got).toEqual(
      envelope(
        503,
        'auth_unavailable',
        'Could not confirm with Whop that you are still an admin. Try again in a moment.',
        got.requestId,
      ),
    );
    expect(linesOf('admin_recheck_failed')).toEqual([
      expect.objectContaining({ user_id: 'user_demoMarcus', detail: expect.stringMatching(/^upstream_/) }),
    ]);
  });

  it('says, naming the company, that someone no longer an admin was signed out, and logs why', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn(SPECIAL_USER_IDS.formerAdmin);
    t.clock.now += 15 * MINUTE;
    const res = await t.request('/api/session', jar);
    const got = await envelopeOf(res);
    expect(got).toEqual(
      envelope(
        403,
        'not_admin',
        'You are no longer an admin of Northwind Trading Club, so your session has ended.',
        got.requestId,
      ),
    );
    expect(sessionCookieLine(res)).toMatch(/Max-Age=0/);
    expect(linesOf('session_end')).toEqual([
      expect.objectContaining({ why: 'no_longer_admin', user_id: SPECIAL_USER_IDS.formerAdmin }),
    ]);
  });

  it('asks Whop again in every new re-check window, not only the first', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const checks = () => t.whop.requests.filter((r) => r.path.includes('/access/')).length;
    for (const expected of [2, 3, 4]) {
      t.clock.now += 15 * MINUTE;
      expect((await t.request('/api/session', jar)).status).toBe(200);
      expect(checks()).toBe(expected);
    }
  });
});

describe('the app shell and the session cookie', () => {
  it('sends someone without a cookie to sign in without setting one, and clears a stale cookie', async () => {
    t = await startSignInTestApp({ spa: spaWithIndex() });
    const fresh = await t.request('/members/mber_demoAvaChen', new CookieJar());
    expect(fresh.status).toBe(302);
    expect(fresh.headers.getSetCookie()).toEqual([]);
    const stale = new CookieJar();
    stale.set('session', 'AAAAAAAAAAAAAAAAAAAAAA');
    const cleared = await t.request('/members/mber_demoAvaChen', stale);
    expect(cleared.status).toBe(302);
    expect(sessionCookieLine(cleared)).toMatch(/Max-Age=0/);
  });

  it("puts the manager's name in the document's head", async () => {
    t = await startSignInTestApp({ spa: spaWithIndex() });
    const jar = await signedIn();
    const html = await (await t.request('/members/mber_demoAvaChen', jar)).text();
    expect(html).toMatch(
      /^<!doctype html><html><head><title>x<\/title>.*<meta name="signed-in-user" content="Marcus Weber">\n {2}<\/head><body>/s,
    );
  });
});
