// With sign-in on, a deep link's preloaded member answer goes through the gate like the
// app's own calls: same origin, the session cookie. The app must still use it, not ask again.
import { expect, MemberPage, test } from './fixtures';

test('a signed-in deep link opened in a new tab asks for its member exactly once', async ({
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
  expect((await shell).headers().link).toContain('</api/members/mber_demoAvaChen>; rel=preload; as=fetch; crossorigin');
  await expect(new MemberPage(tab).heading).toHaveText('Ava Chen');
  await tab.waitForLoadState('networkidle');
  expect(answers).toEqual([200]);
  expect(warnings).toEqual([]);
});
