import { expect, test } from './fixtures';

test('rate limited: a countdown from Retry-After, then an automatic retry', async ({ page, memberPage }) => {
  // A paused clock: the countdown moves only when the test moves time, however slow the machine.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1_000);
  let calls = 0;
  await page.route('**/api/members/mber_demoAvaChen', async (route) => {
    calls += 1;
    if (calls === 1) {
      await route.fulfill({
        status: 429,
        headers: { 'retry-after': '30', 'content-type': 'application/json' },
        body: JSON.stringify({
          error: { code: 'upstream_rate_limited', message: 'Whop is rate limiting this dashboard.' },
        }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto('/members/mber_demoAvaChen');
  await expect(memberPage.alert).toContainText('Too many lookups right now');
  await expect(memberPage.alert).toContainText('Trying again in 30 s');
  await page.clock.fastForward(10_000);
  await expect(memberPage.alert).toContainText('Trying again in 20 s');
  await page.clock.fastForward(21_000);
  await expect(memberPage.heading).toHaveText('Ava Chen');
  expect(calls).toBe(2);
});

test('the real rate-limited demo member shows the wait', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoRateLimited');
  await expect(memberPage.alert).toContainText('Too many lookups right now');
  await expect(memberPage.alert).toContainText(/Trying again in \d+ s/);
});

test('a timeout shows a Retry button that tries again', async ({ page, memberPage }) => {
  let failing = true;
  let calls = 0;
  await page.route('**/api/members/mber_demoMarcusWeber', async (route) => {
    calls += 1;
    if (failing) {
      await route.fulfill({
        status: 504,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'upstream_timeout', message: 'Whop did not answer in time.' } }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto('/members/mber_demoMarcusWeber');
  await expect(memberPage.alert).toContainText('Whop took too long to answer', { timeout: 15_000 });
  // Transient failures are retried by the browser before giving up: 1 + 2 retries.
  expect(calls).toBe(3);
  failing = false;
  await memberPage.alert.getByRole('button', { name: 'Retry' }).click();
  await expect(memberPage.heading).toHaveText('Marcus Weber');
});

test('going offline shows a banner, and it goes away when the connection is back', async ({
  page,
  context,
  searchPage,
}) => {
  await searchPage.goto();
  const banner = page.getByRole('status').filter({ hasText: 'You are offline' });
  await expect(banner).toHaveCount(0);
  await context.setOffline(true);
  await expect(banner).toBeVisible();
  await context.setOffline(false);
  await expect(banner).toHaveCount(0);
});

test('our own rate limit shows when to try again', async ({ page, memberPage }) => {
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.route('**/api/members/mber_demoAvaChen', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'retry-after': '42', 'content-type': 'application/json' },
      body: JSON.stringify({
        error: { code: 'rate_limited', message: 'Too many lookups from you. Try again in 42 s.' },
      }),
    }),
  );
  await page.goto('/members/mber_demoAvaChen');
  await expect(memberPage.alert).toContainText('You have made many lookups in the last minute.');
  await expect(memberPage.alert).toContainText('Trying again in 42 s');
});
