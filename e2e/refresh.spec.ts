// Refresh means fresh (issue 14): inside the server's member-cache TTL, Refresh and `r`
// still reach Whop, exactly once each, and show what changed there; the fetches the app
// makes by itself keep using the cache.
import { expect, test } from './fixtures';
import { CACHED_BASE_URL, type CachedDashboard, startCachedDashboard } from './support/cached-dashboard';

const ID = 'mber_demoAvaChen';
let dashboard: CachedDashboard;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: CACHED_BASE_URL });
test.beforeAll(async () => {
  // Far longer than the test: every Whop call after the first is one the cache let through.
  dashboard = await startCachedDashboard(30_000);
});
test.afterAll(async () => {
  await dashboard.stop();
});

test('Refresh and r inside the cache TTL each ask Whop once and show the new figures', async ({
  page,
  memberPage,
  announcer,
}) => {
  const spent = memberPage.field('Total spent');
  await page.goto(`/members/${ID}`);
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await expect(memberPage.memberships).toContainText('Northwind Pro');
  await expect(spent).not.toHaveText('$4,321.09');
  // The member once, and the panels' routes found it in the cache.
  expect(dashboard.whop.callsFor(ID)).toBe(1);

  // A payment lands at Whop.
  dashboard.whop.updateMember(ID, { usd_total_spent: 4321.09 });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(announcer).toHaveText('Member refreshed');
  await expect(spent).toHaveText('$4,321.09');
  expect(dashboard.whop.callsFor(ID)).toBe(2);

  dashboard.whop.updateMember(ID, { usd_total_spent: 5000 });
  await page.keyboard.press('r');
  await expect(spent).toHaveText('$5,000.00');
  expect(dashboard.whop.callsFor(ID)).toBe(3);
});

test("the browser's Refresh inside the TTL asks Whop once and shows what changed", async ({ page, memberPage }) => {
  const spent = memberPage.field('Total spent');
  await page.goto(`/members/${ID}`);
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await expect(memberPage.memberships).toContainText('Northwind Pro');
  const calls = dashboard.whop.callsFor(ID);

  dashboard.whop.updateMember(ID, { usd_total_spent: 6000 });
  await page.reload();
  await expect(spent).toHaveText('$6,000.00');
  await expect(memberPage.memberships).toContainText('Northwind Pro');
  expect(dashboard.whop.callsFor(ID)).toBe(calls + 1);
});

test("a page opened inside the TTL is served from the server's cache", async ({ page, memberPage }) => {
  const calls = dashboard.whop.callsFor(ID);
  await page.goto(`/members/${ID}`);
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await expect(memberPage.memberships).toContainText('Northwind Pro');
  expect(dashboard.whop.callsFor(ID)).toBe(calls);
});
