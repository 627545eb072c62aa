import { afterEach, describe, expect, it } from 'vitest';
import { CookieJar, type SignInTestApp, startSignInTestApp, TEST_CLIENT } from '../../../test/sign-in-app';
import { oauthDescription } from './whop-sign-in';

let t: SignInTestApp;
afterEach(async () => {
  await t?.close();
});

const failures = (app: SignInTestApp, event: string) => app.logs.filter((line) => line.event === event);

describe('when Whop refuses at the token endpoint', () => {
  it('logs its error and error_description, never the code or the verifier', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    const { interactionUrl, providerJar } = await t.startSignIn(jar, '/');
    const callback = await t.authorizeAt(interactionUrl, providerJar, 'user_demoMarcus');
    const code = `${callback.searchParams.get('code')}x`;
    callback.searchParams.set('code', code);
    expect((await t.request(`${callback.pathname}${callback.search}`, jar)).status).toBe(400);

    const [line] = failures(t, 'sign_in_failed');
    expect(line).toMatchObject({
      reason: 'invalid',
      detail: 'invalid_grant',
      status: 400,
      error_description: expect.any(String),
    });
    expect(JSON.stringify(t.logs)).not.toContain(code.slice(0, 20));
  });

  it('logs invalid_client when the client secret is wrong, never the secret', async () => {
    const wrongSecret = 'not-the-secret-whop-knows-for-this-app';
    t = await startSignInTestApp({ clientSecret: wrongSecret });
    expect((await t.signIn(new CookieJar(), 'user_demoMarcus', '/')).status).toBe(400);

    const [line] = failures(t, 'sign_in_failed');
    expect(line).toMatchObject({ reason: 'invalid', detail: 'invalid_client', error_description: expect.any(String) });
    const text = JSON.stringify(t.logs);
    for (const secret of [wrongSecret, TEST_CLIENT.clientSecret]) expect(text).not.toContain(secret);
  });
});

describe('refresh-token revocation', () => {
  it('logs a revocation Whop did not confirm, by user id and why, never the token', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    expect((await t.signIn(jar, 'user_demoGrace', '/')).status).toBe(303);
    // Whop's issuer goes away before sign-out: the session still ends, the failure is logged.
    await t.oidc.close();
    const out = await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: t.publicUrl } });
    expect(out.status).toBe(303);

    const [line] = failures(t, 'refresh_token_revoke_failed');
    expect(line).toMatchObject({ why: 'sign_out', user_id: 'user_demoGrace', error: expect.any(String) });
    expect(t.logs).toContainEqual(expect.objectContaining({ event: 'session_end', why: 'sign_out' }));
  });

  it('logs nothing of the kind when Whop revokes the token', async () => {
    t = await startSignInTestApp();
    const jar = new CookieJar();
    await t.signIn(jar, 'user_demoGrace', '/');
    await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: t.publicUrl } });
    expect(t.oidc.revokedRefreshTokens).toContain('user_demoGrace');
    expect(failures(t, 'refresh_token_revoke_failed')).toEqual([]);
  });
});

describe('oauthDescription', () => {
  it('keeps text, drops control characters, cuts secrets out and caps the length', () => {
    expect(oauthDescription('redirect_uri did not match\r\nany registered', [])).toBe(
      'redirect_uri did not match any registered',
    );
    expect(oauthDescription('bad code abcd1234 given', ['abcd1234'])).toBe('bad code [redacted] given');
    expect(oauthDescription('x'.repeat(1000), [])).toHaveLength(300);
    expect(oauthDescription(42, [])).toBeUndefined();
    expect(oauthDescription('   ', [])).toBeUndefined();
  });

  it('cuts out secrets of 4 characters or more, and passes over absent ones', () => {
    // A code or verifier is never that short; cutting "abc" would mangle Whop's own words.
    expect(oauthDescription('pin abc or abcd given', [null, undefined, '', 'abc', 'abcd'])).toBe(
      'pin abc or [redacted] given',
    );
  });
});
