import { afterEach, describe, expect, it } from 'vitest';
import { CookieJar, type SignInTestApp, sessionCookieLine, startSignInTestApp } from '../../../test/sign-in-app';

let t: SignInTestApp;
afterEach(async () => {
  await t?.close();
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, without Secure over plain http', async () => {
    t = await startSignInTestApp();
    const res = await t.signIn(new CookieJar(), 'user_demoMarcus', '/');
    const line = sessionCookieLine(res)!;
    expect(line).toMatch(/^session=[A-Za-z0-9_-]{22};/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Secure|Domain|Max-Age|Expires/);
  });

  it('is __Host- prefixed and Secure when the public URL is https', async () => {
    t = await startSignInTestApp({ publicUrl: 'https://lookup.example.com' });
    const jar = new CookieJar();
    const res = await t.signIn(jar, 'user_demoMarcus', '/');
    const line = sessionCookieLine(res, '__Host-session')!;
    expect(line).toMatch(/; Secure/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Domain/);
    expect((await t.request('/api/session', jar)).status).toBe(200);
    const out = await t.request('/auth/logout', jar, {
      method: 'POST',
      headers: { origin: 'https://lookup.example.com' },
    });
    expect(sessionCookieLine(out, '__Host-session')).toMatch(/Max-Age=0.*Secure|Secure.*Max-Age=0/);
    expect((await t.request('/api/session', jar)).status).toBe(401);
  });
});
