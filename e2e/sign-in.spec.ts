import { WEBHOOK_PATH } from '../src/contract/live';
import { expect, test } from './fixtures';
import { AUTH_BASE_URL, OIDC_ISSUER } from './support/sign-in-env';

test('an admin opens a deep link, signs in with Whop and lands on it', async ({
  page,
  whopSignIn,
  memberPage,
  expectNoAxeViolations,
}) => {
  await page.goto('/members/mber_demoAvaChen');
  await whopSignIn.signInAs('user_demoMarcus');
  await expect(page).toHaveURL(`${AUTH_BASE_URL}/members/mber_demoAvaChen`);
  await expect(memberPage.heading).toHaveText('Ava Chen');
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('Signed in as Marcus Weber');
  await expect(banner.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expectNoAxeViolations();
});

test('someone who is not an admin of the company is refused, with no session', async ({
  page,
  context,
  whopSignIn,
  expectNoAxeViolations,
}) => {
  await page.goto('/members/mber_demoAvaChen');
  await whopSignIn.signInAs('user_demoAva');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are not an admin of Northwind Trading Club');
  await expect(page.getByRole('main')).toContainText('You signed in to Whop as Ava Chen');
  await expect(page.getByRole('link', { name: 'Sign in again' })).toBeVisible();
  await expectNoAxeViolations();
  expect((await context.cookies()).map((c) => c.name)).not.toContain('session');
  const api = await page.request.get('/api/members/mber_demoAvaChen', {
    headers: { 'X-Requested-With': 'member-lookup' },
  });
  expect(api.status()).toBe(401);
});

test('the dashboard itself is closed to someone who has not signed in, and has no webhook endpoint without its secret', async ({
  request,
}) => {
  const api = await request.get(`${AUTH_BASE_URL}/api/members/mber_demoAvaChen`, {
    headers: { 'X-Requested-With': 'member-lookup' },
  });
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  const shell = await request.get(`${AUTH_BASE_URL}/members/mber_demoAvaChen`, { maxRedirects: 0 });
  expect(shell.status()).toBe(302);
  expect(shell.headers().location).toBe('/auth/login?returnTo=%2Fmembers%2Fmber_demoAvaChen');
  expect((await request.get(`${AUTH_BASE_URL}/api/health`)).status()).toBe(200);
  // This stack runs on a key without WHOP_WEBHOOK_SECRET: no webhook endpoint, pages not live.
  const webhook = await request.post(`${AUTH_BASE_URL}${WEBHOOK_PATH}`, {
    headers: { 'content-type': 'application/json' },
    data: { type: 'payment.succeeded', data: {} },
  });
  expect(webhook.status(), 'POST /webhooks/whop without the secret').toBe(404);
});

for (const tamper of ['state', 'code'] as const) {
  test(`a callback with a tampered ${tamper} is rejected and burns the sign-in`, async ({
    page,
    context,
    whopSignIn,
  }) => {
    // Sign in once so Whop (the stand-in) knows this browser, then drop our session.
    await page.goto('/');
    await whopSignIn.signInAs('user_demoMarcus');
    await expect(page.getByRole('banner')).toContainText('Signed in as Marcus Weber');
    await context.clearCookies({ name: 'session' });

    // Start a new sign-in with this browser's cookies, stopping at Whop's redirect back.
    let response = await page.request.get('/auth/login?returnTo=%2F', { maxRedirects: 0 });
    let location = response.headers().location!;
    while (!location.startsWith(`${AUTH_BASE_URL}/auth/callback`)) {
      response = await page.request.get(new URL(location, OIDC_ISSUER).href, { maxRedirects: 0 });
      location = response.headers().location!;
    }
    const callback = new URL(location);
    const tampered = new URL(callback);
    tampered.searchParams.set(tamper, `${tampered.searchParams.get(tamper)}x`);

    expect((await page.goto(tampered.href))?.status()).toBe(400);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in could not be completed');
    // The untouched callback cannot be used afterwards either: each sign-in finishes once.
    expect((await page.goto(callback.href))?.status()).toBe(400);
    expect((await context.cookies()).map((c) => c.name)).not.toContain('session');
  });
}

for (const target of [
  'https://evil.example/',
  '//evil.example/',
  '/\\evil.example',
  '/%2F%2Fevil.example',
  'javascript:alert(1)',
]) {
  test(`an open-redirect attempt (returnTo=${target}) lands on the dashboard`, async ({ page, whopSignIn }) => {
    await page.goto(`/auth/login?returnTo=${encodeURIComponent(target)}`);
    await whopSignIn.signInAs('user_demoMarcus');
    await expect(page).toHaveURL(`${AUTH_BASE_URL}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a member');
  });
}
