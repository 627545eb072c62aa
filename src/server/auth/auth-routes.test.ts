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
import type { Session } from '../app-env';
import { createMemorySessionStore, type SessionStore, SessionStoreUnavailable } from './session-store';

let t: SignInTestApp;
afterEach(async () => {
  await t?.close();
});

const signedIn = (userId?: string) => signedInJar(t, userId);

describe('signing in', () => {
  it('lets an admin in and lands them on the deep link they opened', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const res = await t.signIn(jar, 'user_demoMarcus', '/members/mber_demoAvaChen?x=1#top');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/members/mber_demoAvaChen?x=1#top');
    const me = await t.request('/api/session', jar);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      user: { id: 'user_demoMarcus', name: 'Marcus Weber' },
      company_id: 'biz_demoNorthwind',
    });
    expect((await t.request('/api/members/mber_demoAvaChen', jar)).status).toBe(200);
    expect(t.whop.requests).toContainEqual({
      method: 'GET',
      path: '/api/v1/users/user_demoMarcus/access/biz_demoNorthwind',
    });
  });

  it('sends the authorization request with PKCE S256, state, nonce and the openid profile email scopes', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const login = await t.request('/auth/login?returnTo=%2Fmembers%2Fmber_x', jar);
    expect(login.status).toBe(302);
    const url = new URL(login.headers.get('location')!);
    expect(url.origin).toBe(t.oidc.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'app_testDashboard',
      redirect_uri: `${t.publicUrl}/auth/callback`,
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = login.headers.getSetCookie().find((l) => l.startsWith('signin='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=600/);
  });

  it('refuses someone who is not an admin of the company: a clear page and no session', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const res = await t.signIn(jar, 'user_demoAva', '/members/mber_demoAvaChen');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('You are not an admin of Northwind Trading Club');
    expect(html).toContain('Ava Chen');
    expect(html).not.toMatch(/<script/i);
    expect(jar.get('session')).toBeUndefined();
    expect(await codeOf(await t.request('/api/session', jar))).toBe('unauthenticated');
    // The token Whop issued is not kept, and is revoked.
    expect(t.oidc.revokedRefreshTokens).toContain('user_demoAva');
  });

  it('refuses when Whop cannot confirm admin status', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const res = await t.signIn(jar, SPECIAL_USER_IDS.accessCheckFails);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('Could not check your admin status');
    expect(jar.get('session')).toBeUndefined();
  });

  it('rejects a tampered state and signs nobody in', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/');
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
    callback.searchParams.set('state', 'forged-state-value');
    const res = await t.request(`${callback.pathname}${callback.search}`, jar);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sign-in could not be completed');
    expect(jar.get('session')).toBeUndefined();
  });

  it('rejects a tampered code and signs nobody in', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/');
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
    callback.searchParams.set('code', `${callback.searchParams.get('code')}x`);
    const res = await t.request(`${callback.pathname}${callback.search}`, jar);
    expect(res.status).toBe(400);
    expect(jar.get('session')).toBeUndefined();
  });

  it('rejects a callback in a browser that did not start the sign-in (login CSRF), and a replayed one', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/');
    const loginCookie = jar.get('signin')!;
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
    const path = `${callback.pathname}${callback.search}`;
    const otherBrowser = new CookieJar();
    expect((await t.request(path, otherBrowser)).status).toBe(400);
    expect(otherBrowser.get('session')).toBeUndefined();
    expect((await t.request(path, jar)).status).toBe(303);
    // Replaying the same callback with the same login cookie finds the sign-in used up.
    const replay = new CookieJar();
    replay.set('signin', loginCookie);
    expect((await t.request(path, replay)).status).toBe(400);
    expect(replay.get('session')).toBeUndefined();
  });

  it.each([
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/members/mber_demoWhale', '/members/mber_demoWhale'],
  ])('takes returnTo=%j to %j after sign-in (no open redirect)', async (returnTo, landing) => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const res = await t.signIn(jar, 'user_demoMarcus', returnTo);
    expect(res.headers.get('location')).toBe(landing);
  });

  it('issues a new session id at sign-in, ignoring one planted in the browser', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    jar.set('session', 'AAAAAAAAAAAAAAAAAAAAAA');
    await t.signIn(jar, 'user_demoMarcus', '/');
    expect(jar.get('session')).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(jar.get('session')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('sends someone already signed in straight to returnTo', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const res = await t.request('/auth/login?returnTo=%2Fmembers%2Fmber_demoWhale', jar);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/members/mber_demoWhale');
  });
});

describe('signing out', () => {
  it('ends the session on the server, clears the cookie and revokes the refresh token', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn('user_demoGrace');
    const oldCookie = jar.header();
    const res = await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: t.publicUrl } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/signed-out');
    expect(sessionCookieLine(res)).toMatch(/Max-Age=0/);
    expect(t.oidc.revokedRefreshTokens).toContain('user_demoGrace');
    // The old cookie, replayed, is worthless.
    const replay = await t.app.request(`${t.publicUrl}/api/session`, {
      headers: { cookie: oldCookie, 'x-requested-with': 'member-lookup' },
    });
    expect(replay.status).toBe(401);
    const page = await t.request('/auth/signed-out', jar);
    expect(await page.text()).toContain('You are signed out');
  });

  it("accepts the browser's own form post under no-referrer (Origin: null, Sec-Fetch-Site: same-origin)", async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const res = await t.request('/auth/logout', jar, {
      method: 'POST',
      headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(303);
    expect((await t.request('/api/session', jar)).status).toBe(401);
  });

  it.each<Record<string, string>>([
    { origin: 'https://evil.example' },
    { origin: 'null', 'sec-fetch-site': 'cross-site' },
    { origin: 'null' },
  ])('refuses a sign-out posted from another site (%j)', async (headers) => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const res = await t.request('/auth/logout', jar, { method: 'POST', headers });
    expect(res.status).toBe(403);
    expect((await t.request('/api/session', jar)).status).toBe(200);
  });

  it('refuses a sign-out posted from another site', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const res = await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect((await t.request('/api/session', jar)).status).toBe(200);
  });
});

/**
 * A session store that stops answering when told to, as the Redis one does when Redis is
 * gone (its own tests and redis-faults.test.ts use a real Redis); or fails with a plain
 * bug, which must not be mistaken for an outage.
 */
function failingStore() {
  const memory = createMemorySessionStore<Session>();
  const control = { failWith: null as Error | null };
  const guard =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    (...args: A) =>
      control.failWith ? Promise.reject(control.failWith) : run(...args);
  const store: SessionStore<Session> = {
    get: guard(memory.get),
    set: guard(memory.set),
    take: guard(memory.take),
    delete: guard(memory.delete),
  };
  return { store, control };
}

/** Marcus signs in as far as Whop's callback; the callback then meets the store failing with `err`. */
async function callbackWhileStoreFails(control: { failWith: Error | null }, err: Error, jar = new CookieJar()) {
  const { interactionUrl, providerJar } = await t.startSignIn(jar, '/');
  const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
  control.failWith = err;
  return t.request(`${callback.pathname}${callback.search}`, jar);
}

describe('when the session store cannot answer', () => {
  it('a sign-in that cannot store its session shows the unavailable page and revokes the refresh token', async () => {
    const { store, control } = failingStore();
    t = await startSignInTestApp({ stores: { sessions: store } });
    const jar = new CookieJar();
    const res = await callbackWhileStoreFails(
      control,
      new SessionStoreUnavailable('session store: Connection is closed.'),
      jar,
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('Sign-in is briefly unavailable');
    expect(jar.get('session')).toBeUndefined();
    expect(t.oidc.revokedRefreshTokens).toContain('user_demoMarcus');
    expect(t.logs).toContainEqual(
      expect.objectContaining({ event: 'session_store_unavailable', detail: 'session store: Connection is closed.' }),
    );
  });

  it('treats any other failure as the bug it is: 500, not a 503 that hides it', async () => {
    const { store, control } = failingStore();
    t = await startSignInTestApp({ stores: { sessions: store } });
    const jar = await signedIn();
    control.failWith = new TypeError('a bug in a store');
    const res = await t.request('/api/session', jar);
    expect(res.status).toBe(500);
    expect(await codeOf(res)).toBe('internal_error');
  });
});

describe('logs', () => {
  it('record sign-in events by user id, never names, emails, codes or session ids', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    await t.signIn(jar, 'user_demoMarcus', '/');
    await t.signIn(new CookieJar(), 'user_demoAva', '/');
    const text = JSON.stringify(t.logs);
    expect(t.logs).toContainEqual(expect.objectContaining({ event: 'sign_in', user_id: 'user_demoMarcus' }));
    expect(t.logs).toContainEqual(expect.objectContaining({ event: 'sign_in_refused', user_id: 'user_demoAva' }));
    for (const secret of ['Marcus Weber', 'marcus@example.de', 'Ava Chen', jar.get('session')!, 'code=']) {
      expect(text).not.toContain(secret);
    }
  });
});

/** What a server-rendered auth page says: its heading, its paragraphs and its one link. */
async function pageOf(res: Response) {
  const html = await res.text();
  const text = (s: string) =>
    s
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const link = /<a href="([^"]*)"[^>]*>(.*?)<\/a>/s.exec(html);
  return {
    status: res.status,
    title: text(/<h1[^>]*>(.*?)<\/h1>/s.exec(html)?.[1] ?? ''),
    paragraphs: [...html.matchAll(/<p [^>]*>(.*?)<\/p>/gs)].map((m) => text(m[1]!)),
    action: link ? { label: text(link[2]!), href: text(link[1]!) } : null,
  };
}

const linesOf = (event: string) => t.logs.filter((line) => line.event === event);

describe('what the sign-in pages say, and what the log records', () => {
  it("says Whop's sign-in did not answer when discovery fails, offering to try the same sign-in again", async () => {
    t = await startSignInTestApp();
    await t.oidc.close();
    const jar = new CookieJar();
    const res = await t.request('/auth/login?returnTo=%2Fmembers%2Fmber_demoWhale', jar);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await pageOf(res)).toEqual({
      status: 503,
      title: "Whop's sign-in did not answer",
      paragraphs: ['The dashboard could not reach Whop to sign you in. Try again in a moment.'],
      action: { label: 'Try again', href: '/auth/login?returnTo=%2Fmembers%2Fmber_demoWhale' },
    });
    expect(jar.get('signin')).toBeUndefined();
    expect(linesOf('sign_in_unavailable')).toEqual([expect.objectContaining({ detail: 'TypeError' })]);
  });

  it('answers 502 when Whop stops answering between the authorization and the code exchange', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/members/mber_demoWhale');
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
    await t.oidc.close();
    const res = await t.request(`${callback.pathname}${callback.search}`, jar);
    expect(await pageOf(res)).toEqual({
      status: 502,
      title: "Whop's sign-in did not answer",
      paragraphs: ['Try again in a moment.'],
      action: { label: 'Sign in again', href: '/auth/login?returnTo=%2Fmembers%2Fmber_demoWhale' },
    });
    expect(jar.get('session')).toBeUndefined();
    expect(linesOf('sign_in_failed')).toEqual([expect.objectContaining({ reason: 'unavailable', detail: 'network' })]);
  });

  it('explains a callback without a sign-in in progress, and logs whether the cookie was missing or unknown', async () => {
    t = await startSignInTestApp();
    const expected = {
      status: 400,
      title: 'Sign-in could not be completed',
      paragraphs: [
        'This sign-in was started too long ago, already finished, or started in another browser. Start again from here.',
      ],
      action: { label: 'Sign in again', href: '/auth/login' },
    };
    expect(await pageOf(await t.request('/auth/callback?code=abc&state=def', new CookieJar()))).toEqual(expected);
    const stale = new CookieJar();
    stale.set('signin', 'a-login-id-this-server-never-issued');
    const res = await t.request('/auth/callback?code=abc&state=def', stale);
    expect(await pageOf(res)).toEqual(expected);
    // The spent or unknown login cookie is cleared either way.
    expect(sessionCookieLine(res, 'signin')).toMatch(/Max-Age=0/);
    expect(linesOf('sign_in_failed').map((l) => l.reason)).toEqual(['no_login_cookie', 'unknown_or_expired_login']);
  });

  it('explains a refused answer from Whop (tampered state), offering the same sign-in again', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/members/mber_demoWhale');
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
    callback.searchParams.set('state', 'forged-state-value');
    const res = await t.request(`${callback.pathname}${callback.search}`, jar);
    expect(await pageOf(res)).toEqual({
      status: 400,
      title: 'Sign-in could not be completed',
      paragraphs: [
        "Whop's answer did not pass the dashboard's checks, so nobody was signed in. Start again from here.",
      ],
      action: { label: 'Sign in again', href: '/auth/login?returnTo=%2Fmembers%2Fmber_demoWhale' },
    });
  });

  it('explains a sign-in cancelled at Whop', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/');
    let res = await fetch(`${interactionUrl}/abort`, {
      method: 'POST',
      headers: { cookie: providerJar.header() },
      redirect: 'manual',
    });
    providerJar.store(res);
    while (!res.headers.get('location')!.startsWith(t.publicUrl)) {
      res = await fetch(new URL(res.headers.get('location')!, t.oidc.issuer), {
        headers: { cookie: providerJar.header() },
        redirect: 'manual',
      });
      providerJar.store(res);
    }
    const callback = new URL(res.headers.get('location')!);
    expect(await pageOf(await t.request(`${callback.pathname}${callback.search}`, jar))).toEqual({
      status: 403,
      title: 'Whop did not sign you in',
      paragraphs: ['Sign-in was cancelled or refused at Whop.'],
      action: { label: 'Sign in again', href: '/auth/login?returnTo=%2F' },
    });
    expect(linesOf('sign_in_failed')).toEqual([expect.objectContaining({ reason: 'denied', detail: 'access_denied' })]);
  });

  it('tells someone who is not an admin what to do, and logs the refusal with their access level', async () => {
    t = await startSignInTestApp();
    expect(await pageOf(await t.signIn(new CookieJar(), 'user_demoAva', '/'))).toEqual({
      status: 403,
      title: 'You are not an admin of Northwind Trading Club',
      paragraphs: [
        'You signed in to Whop as Ava Chen, but this dashboard is only for admins of Northwind Trading Club.',
        'Ask an owner of the company to add you as an admin in Whop, then sign in again. To use another Whop account, sign out of Whop first.',
      ],
      action: { label: 'Sign in again', href: '/auth/login' },
    });
    expect(linesOf('sign_in_refused')).toEqual([
      expect.objectContaining({ reason: 'not_admin', user_id: 'user_demoAva', access_level: 'customer' }),
    ]);
  });

  it("explains an admin check Whop did not answer, and logs Whop's status", async () => {
    t = await startSignInTestApp();
    const res = await t.signIn(new CookieJar(), SPECIAL_USER_IDS.accessCheckFails, '/members/mber_demoWhale');
    expect(await pageOf(res)).toEqual({
      status: 502,
      title: 'Could not check your admin status',
      paragraphs: ['Whop did not confirm whether you are an admin of this company. Try again in a moment.'],
      action: { label: 'Sign in again', href: '/auth/login?returnTo=%2Fmembers%2Fmber_demoWhale' },
    });
    expect(linesOf('sign_in_failed')).toEqual([
      expect.objectContaining({
        reason: 'admin_check_failed',
        user_id: SPECIAL_USER_IDS.accessCheckFails,
        detail: 'http_500',
      }),
    ]);
    expect(t.oidc.revokedRefreshTokens).toContain(SPECIAL_USER_IDS.accessCheckFails);
  });

  it('says you are signed out, and answers unknown /auth addresses with a 404 page', async () => {
    t = await startSignInTestApp();
    expect(await pageOf(await t.request('/auth/signed-out', new CookieJar()))).toEqual({
      status: 200,
      title: 'You are signed out',
      paragraphs: ['Your session on this dashboard has ended.'],
      action: { label: 'Sign in again', href: '/auth/login' },
    });
    const notFound = {
      status: 404,
      title: 'Page not found',
      paragraphs: ['There is nothing at this address.'],
      action: { label: 'Go to the dashboard', href: '/' },
    };
    expect(await pageOf(await t.request('/auth/nothing-here', new CookieJar()))).toEqual(notFound);
    const posted = await t.request('/auth/nothing-here', new CookieJar(), { method: 'POST' });
    expect(posted.headers.get('cache-control')).toBe('no-store');
    expect(await pageOf(posted)).toEqual(notFound);
  });

  it('explains a refused sign-out', async () => {
    t = await startSignInTestApp();
    const jar = await signedIn();
    const res = await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(await pageOf(res)).toEqual({
      status: 403,
      title: 'Sign-out refused',
      paragraphs: ['Sign out from the dashboard itself.'],
      action: { label: 'Go to the dashboard', href: '/' },
    });
  });

  it('never lets a cache keep the answers that set or clear cookies', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const { login, interactionUrl, providerJar } = await t.startSignIn(jar, '/');
    expect(login.headers.get('cache-control')).toBe('no-store');
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
    const landed = await t.request(`${callback.pathname}${callback.search}`, jar);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('cache-control')).toBe('no-store');
    const again = await t.request('/auth/login', jar);
    expect(again.status).toBe(302);
    expect(again.headers.get('cache-control')).toBe('no-store');
    const out = await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: t.publicUrl } });
    expect(out.status).toBe(303);
    expect(out.headers.get('cache-control')).toBe('no-store');
  });
});

describe('signing in again in a browser that holds a session', () => {
  it('ends the old session (its cookie is worthless after) and revokes its refresh token', async () => {
    t = await startSignInTestApp();
    // A sign-in started in one tab and finished after another tab signed in.
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/');
    const firstTab = {
      login: jar.get('signin')!,
      callback: await t.authorizeAt(interactionUrl, providerJar, 'user_demoGrace'),
    };
    jar.delete('signin');
    expect((await t.signIn(jar, 'user_demoGrace', '/')).status).toBe(303);
    const old = jar.get('session')!;
    expect(t.oidc.revokedRefreshTokens).toEqual([]);
    jar.set('signin', firstTab.login);
    expect((await t.request(`${firstTab.callback.pathname}${firstTab.callback.search}`, jar)).status).toBe(303);
    expect(jar.get('session')).not.toBe(old);
    expect(t.oidc.revokedRefreshTokens).toEqual(['user_demoGrace']);
    expect(linesOf('session_end')).toEqual([expect.objectContaining({ why: 'replaced', user_id: 'user_demoGrace' })]);
    const replay = new CookieJar();
    replay.set('session', old);
    expect((await t.request('/api/session', replay)).status).toBe(401);
    expect((await t.request('/api/session', jar)).status).toBe(200);
  });
});

describe('when Whop does not confirm a revocation', () => {
  const revokeFailures = () =>
    linesOf('refresh_token_revoke_failed').map(({ why, user_id, error, error_description, status }) => ({
      why,
      user_id,
      error,
      error_description,
      status,
    }));
  const refused = {
    error: 'unsupported_token_type',
    error_description: 'Refresh tokens cannot be revoked here.',
    status: 400,
  };

  it("logs why the token was being revoked and Whop's error, description and status", async () => {
    t = await startSignInTestApp();
    t.oidc.control.refuseRevocations = true;
    expect((await t.signIn(new CookieJar(), 'user_demoAva', '/')).status).toBe(403);
    expect((await t.signIn(new CookieJar(), SPECIAL_USER_IDS.accessCheckFails, '/')).status).toBe(502);
    const jar = await signedIn('user_demoGrace');
    await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: t.publicUrl } });
    expect(revokeFailures()).toEqual([
      { why: 'not_admin', user_id: 'user_demoAva', ...refused },
      { why: 'admin_check_failed', user_id: SPECIAL_USER_IDS.accessCheckFails, ...refused },
      { why: 'sign_out', user_id: 'user_demoGrace', ...refused },
    ]);
  });

  it('logs a sign-in whose session could not be stored as store_unavailable', async () => {
    const { store, control } = failingStore();
    t = await startSignInTestApp({ stores: { sessions: store } });
    t.oidc.control.refuseRevocations = true;
    const unavailable = new SessionStoreUnavailable('session store: Connection is closed.');
    expect((await callbackWhileStoreFails(control, unavailable)).status).toBe(503);
    expect(revokeFailures()).toEqual([{ why: 'store_unavailable', user_id: 'user_demoMarcus', ...refused }]);
  });
});

describe('when Whop issues no refresh token', () => {
  it('revokes nothing when refusing a non-admin or when the session cannot be stored', async () => {
    const { store, control } = failingStore();
    t = await startSignInTestApp({ stores: { sessions: store } });
    t.oidc.control.issueRefreshTokens = false;
    expect((await t.signIn(new CookieJar(), 'user_demoAva', '/')).status).toBe(403);
    const unavailable = new SessionStoreUnavailable('session store: Connection is closed.');
    expect((await callbackWhileStoreFails(control, unavailable)).status).toBe(503);
    control.failWith = null;
    // A session without a refresh token signs out without asking Whop to revoke anything.
    const grace = await signedIn('user_demoGrace');
    expect((await t.request('/auth/logout', grace, { method: 'POST', headers: { origin: t.publicUrl } })).status).toBe(
      303,
    );
    expect(linesOf('refresh_token_revoke_failed')).toEqual([]);
  });

  it('treats a plain bug in the store at sign-in as a 500 and revokes nothing', async () => {
    const { store, control } = failingStore();
    t = await startSignInTestApp({ stores: { sessions: store } });
    t.oidc.control.refuseRevocations = true;
    expect((await callbackWhileStoreFails(control, new TypeError('a bug in a store'))).status).toBe(500);
    expect(linesOf('refresh_token_revoke_failed')).toEqual([]);
  });
});

describe('when the session store cannot answer (pages)', () => {
  const briefly = (href: string) => ({
    status: 503,
    title: 'Sign-in is briefly unavailable',
    paragraphs: ['The dashboard cannot check who is signed in right now. This usually passes within a minute.'],
    action: { label: 'Try again', href },
  });

  it('offers to try the same sign-in again from /auth/login', async () => {
    const { store, control } = failingStore();
    t = await startSignInTestApp({ stores: { sessions: store } });
    control.failWith = new SessionStoreUnavailable('session store: Connection is closed.');
    const jar = new CookieJar();
    jar.set('session', 'AAAAAAAAAAAAAAAAAAAAAA');
    const res = await t.request('/auth/login?returnTo=%2Fmembers%2Fmber_demoWhale', jar);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await pageOf(res)).toEqual(briefly('/auth/login?returnTo=%2Fmembers%2Fmber_demoWhale'));
  });

  it('offers to reload the page someone opened', async () => {
    const { store, control } = failingStore();
    t = await startSignInTestApp({ stores: { sessions: store }, spa: spaWithIndex() });
    const jar = await signedIn();
    control.failWith = new SessionStoreUnavailable('session store: Connection is closed.');
    expect(await pageOf(await t.request('/members/mber_demoAvaChen?tab=2', jar))).toEqual(
      briefly('/members/mber_demoAvaChen?tab=2'),
    );
  });

  it('forgets the session in the browser at sign-out and says when the server ends it', async () => {
    const { store, control } = failingStore();
    t = await startSignInTestApp({ stores: { sessions: store } });
    const jar = await signedIn();
    control.failWith = new SessionStoreUnavailable('session store: Connection is closed.');
    const res = await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: t.publicUrl } });
    expect(res.headers.get('retry-after')).toBe('5');
    expect(sessionCookieLine(res)).toMatch(/Max-Age=0/);
    expect(await pageOf(res)).toEqual({
      status: 503,
      title: 'Sign-out could not finish',
      paragraphs: [
        'This browser no longer holds your session, but the dashboard could not end it on the server just now. It ends by itself after 30 minutes without use.',
      ],
      action: { label: 'Go to the dashboard', href: '/' },
    });
  });
});
