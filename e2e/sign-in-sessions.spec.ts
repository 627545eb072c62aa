import { expect, test } from './fixtures';
import {
  ADMIN_RECHECK_SECONDS,
  AUTH_BASE_URL,
  OIDC_ISSUER,
  SHORT_BASE_URL,
  SHORT_IDLE_SECONDS,
} from './support/sign-in-env';

test('signing out ends the session on the server: the old cookie gets 401', async ({
  page,
  context,
  playwright,
  whopSignIn,
}) => {
  await page.goto('/');
  await whopSignIn.signInAs('user_demoGrace');
  await expect(page.getByRole('banner')).toContainText('Signed in as Grace Lee');
  const session = (await context.cookies()).find((c) => c.name === 'session')!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are signed out');
  expect((await context.cookies()).map((c) => c.name)).not.toContain('session');

  // Replay the old cookie from elsewhere: the server no longer knows it.
  const replay = await playwright.request.newContext({
    extraHTTPHeaders: { cookie: `session=${session.value}`, 'X-Requested-With': 'member-lookup' },
  });
  const res = await replay.get(`${AUTH_BASE_URL}/api/session`);
  expect(res.status()).toBe(401);
  await replay.dispose();
  // And Whop's refresh token was revoked.
  const revoked = await (await page.request.get(`${OIDC_ISSUER}/__test/revocations`)).json();
  expect(revoked).toContain('user_demoGrace');
});

test('an expired session signs in again and returns the person to where they were', async ({
  page,
  whopSignIn,
  memberPage,
}) => {
  await page.goto(`${SHORT_BASE_URL}/members/mber_demoAvaChen`);
  await whopSignIn.signInAs('user_demoMarcus');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  // Idle past the (shortened) idle timeout, then carry on in the open page.
  await page.waitForTimeout((SHORT_IDLE_SECONDS + 0.5) * 1000);
  const search = page.getByRole('banner').getByRole('searchbox', { name: 'Search members' });
  await search.fill('mber_demoWhale');
  await search.press('Enter');
  // Whop still knows the person, so sign-in goes straight through and back.
  await expect(page).toHaveURL(`${SHORT_BASE_URL}/members/mber_demoWhale`);
  await expect(memberPage.heading).toHaveText('Harriet Okafor');
  await expect(page.getByRole('banner')).toContainText('Signed in as Marcus Weber');
});

test('an expired session on reload also comes back to the same page', async ({ page, whopSignIn, memberPage }) => {
  await page.goto(`${SHORT_BASE_URL}/members/mber_demoWhale`);
  await whopSignIn.signInAs('user_demoMarcus');
  await expect(memberPage.heading).toHaveText('Harriet Okafor');
  await page.waitForTimeout((SHORT_IDLE_SECONDS + 0.5) * 1000);
  await page.reload();
  await expect(page).toHaveURL(`${SHORT_BASE_URL}/members/mber_demoWhale`);
  await expect(memberPage.heading).toHaveText('Harriet Okafor');
});

test('someone removed as admin in Whop is shown out at the next re-check', async ({ page, whopSignIn, memberPage }) => {
  // The stand-in confirms this user as an admin once (at sign-in), never again.
  await page.goto('/members/mber_demoAvaChen');
  await whopSignIn.signInAs('user_demoFormerAdmin');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await page.waitForTimeout((ADMIN_RECHECK_SECONDS + 0.5) * 1000);
  const search = page.getByRole('banner').getByRole('searchbox', { name: 'Search members' });
  await search.fill('mber_demoWhale');
  await search.press('Enter');
  await expect(memberPage.alert).toContainText('You are no longer an admin');
  await expect(memberPage.alert).toContainText('Northwind Trading Club');
  const api = await page.request.get('/api/session', { headers: { 'X-Requested-With': 'member-lookup' } });
  expect(api.status()).toBe(401);
});
