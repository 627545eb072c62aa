// With sign-in on, a deep link's page carries its member only for a signed-in admin: the
// server runs the API gate's own checks (session, still an admin, rate limit) before it asks
// Whop and renders the member into the page (src/server/page/first-paint.ts). The app then
// renders over it from the page's JSON, asking for nothing.
import { expect, MemberPage, test } from './fixtures';

test('a signed-in deep link opened in a new tab comes with its member and asks for nothing', async ({
  page,
  context,
  whopSignIn,
}) => {
  await page.goto('/');
  await whopSignIn.signInAs('user_demoMarcus');
  await expect(page.getByRole('banner')).toContainText('Signed in as Marcus Weber');

  const tab = await context.newPage();
  const answers: number[] = [];
  const warnings: string[] = [];
  tab.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/members/mber_demoAvaChen') answers.push(r.status());
  });
  tab.on('console', (m) => {
    if (/preload/i.test(m.text())) warnings.push(m.text());
  });
  const shell = tab.waitForResponse((r) => new URL(r.url()).pathname === '/members/mber_demoAvaChen');
  await tab.goto('/members/mber_demoAvaChen');
  const html = await (await shell).text();
  expect(html).toContain('>Ava Chen</h1>');
  expect(html).toContain('Marcus Weber');
  expect((await shell).headers()['cache-control']).toBe('no-store');
  await expect(new MemberPage(tab).heading).toHaveText('Ava Chen');
  await expect(new MemberPage(tab).payments).toBeVisible();
  await tab.waitForLoadState('networkidle');
  expect(answers).toEqual([]);
  expect(warnings).toEqual([]);
});

test('without a session a deep link goes to sign-in, and no member is in what it answers', async ({ request }) => {
  const res = await request.get('/members/mber_demoAvaChen', { maxRedirects: 0 });
  expect(res.status()).toBe(302);
  expect(res.headers().location).toMatch(/\/auth\/login/);
  expect(await res.text()).not.toContain('Ava Chen');
});
