import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** The timeline's rows and the instants they show, top to bottom. */
function timelineOf(page: import('@playwright/test').Page) {
  const region = page.locator('#root:not(:has([data-first-paint]))').getByRole('region', { name: 'Timeline' });
  const rows = region.getByRole('list', { name: 'Events, newest first' }).getByRole('listitem');
  return { region, rows };
}

async function instants(rows: Locator): Promise<number[]> {
  const values = await rows.locator('time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
  return values.map((v) => Date.parse(v));
}

const ABSOLUTE_DATE = /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/;

test('the timeline lists a member’s events newest first, with absolute dates, across kinds', async ({
  page,
  memberPage,
}) => {
  await page.goto('/members/mber_demoAvaChen');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  const { region, rows } = timelineOf(page);
  await expect(rows.first()).toBeVisible();

  // Joined, a membership, a payment (with its row's link), a failure with Whop's message, tokens.
  await expect(rows.filter({ hasText: /^.*Joined/ })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Northwind Pro: membership started' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Your card was declined: insufficient funds.' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Tokens added' }).first()).toBeVisible();
  await expect(region.getByRole('link', { name: /^Refunded/ }).first()).toHaveAttribute(
    'href',
    /^#payment-pay_demoAva/,
  );

  const times = await instants(rows);
  expect(times.length).toBeGreaterThan(10);
  expect(times).toEqual([...times].sort((a, b) => b - a));
  for (const text of await rows.locator('time').allInnerTexts()) expect(text).toMatch(ABSOLUTE_DATE);
});

test('a filter by kind shows only that kind', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoAvaChen');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  const { region, rows } = timelineOf(page);
  await expect(rows.first()).toBeVisible();

  const payments = region.getByRole('button', { name: 'Payments' });
  await payments.click();
  await expect(payments).toHaveAttribute('aria-pressed', 'true');
  await expect(region.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'false');
  await expect(rows.filter({ hasText: 'Tokens' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Joined' })).toHaveCount(0);
  // Every row is a payment's, linked to its row in the Payments panel.
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  await expect(rows.getByRole('link', { name: /./ })).toHaveCount(count);
  for (const href of await rows.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
    expect(href).toMatch(/^#payment-/);
});

test('Show older follows the lists’ cursors and keeps the order', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoWhale');
  await expect(memberPage.heading).toHaveText('Harriet Okafor');
  const { region, rows } = timelineOf(page);
  await expect(rows.first()).toBeVisible();
  const older = region.getByRole('button', { name: 'Show older' });
  await expect(older).toBeVisible();

  const before = await instants(rows);
  // The joined date is years back: held back while a list still has older pages.
  await expect(rows.filter({ hasText: 'Joined' })).toHaveCount(0);
  await older.click();
  await expect(rows).not.toHaveCount(before.length);
  const after = await instants(rows);
  expect(after.length).toBeGreaterThan(before.length);
  expect(after).toEqual([...after].sort((a, b) => b - a));
  expect(Math.min(...after)).toBeLessThan(Math.min(...before));

  // Paging on until every list is in: then the joined date is in too, and no button is left.
  while (await older.isVisible()) {
    const n = await rows.count();
    await older.click();
    await expect(rows).not.toHaveCount(n);
  }
  await expect(rows.filter({ hasText: 'Joined' })).toHaveCount(1);
  const all = await instants(rows);
  expect(all).toEqual([...all].sort((a, b) => b - a));
});
