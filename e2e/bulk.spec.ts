import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from './fixtures';

/**
 * Many members at once (issue 27), against the real server and the stand-in. Every test
 * here runs its list to an end (done or cancelled) before it ends: the e2e server treats
 * every test as one person (127.0.0.1), and a person has one running list at a time.
 */
class BulkPage {
  constructor(readonly page: Page) {}
  get lines() {
    return this.page.getByRole('textbox', { name: 'Members to look up' });
  }
  get lookUpAll() {
    return this.page.getByRole('button', { name: 'Look up all' });
  }
  get progress() {
    return this.page.getByRole('progressbar', { name: 'Lookup progress' });
  }
  get table() {
    return this.page.getByRole('table', { name: 'Members looked up' });
  }
  get finished() {
    return this.page.getByRole('heading', { name: 'Lookup finished' });
  }
  /** The table's rows in pasted order (sorted by nothing): their cells' text. */
  async rowTexts(): Promise<string[]> {
    return this.table.locator('tbody tr').allInnerTexts();
  }
  async run(lines: readonly string[]) {
    await this.page.goto('/bulk');
    await this.lines.fill(lines.join('\n'));
    await this.lookUpAll.click();
    await expect(this.page).toHaveURL(/\/bulk\/[0-9a-f-]{36}$/);
  }
}

const MIXED = [
  'mber_demoAvaChen',
  'https://whop.com/dashboard/biz_demo/users/mber_demoWhale/',
  'marcus@example.de',
  'user_demoPriya',
  'mber_demoAvaChen',
  'example',
  'mber_demoNotFound',
  'hello world!!',
  'mber_demoFormula',
  'mber_demoQuoted',
];

test('a mixed list: one row per line with its outcome, the same after a reload, and a CSV a spreadsheet reads safely', async ({
  page,
}) => {
  const bulk = new BulkPage(page);
  await bulk.run(MIXED);
  await expect(bulk.finished).toBeVisible();
  await expect(bulk.progress).toHaveAttribute('aria-valuenow', String(MIXED.length));
  await expect(bulk.progress).toHaveAttribute('aria-valuemax', String(MIXED.length));

  const check = async () => {
    const rows = bulk.table.locator('tbody tr');
    await expect(rows).toHaveCount(MIXED.length);
    const row = (i: number) => rows.nth(i);
    await expect(row(0).getByRole('link', { name: 'Ava Chen' })).toHaveAttribute('href', '/members/mber_demoAvaChen');
    await expect(row(1).getByRole('link', { name: 'Harriet Okafor' })).toBeVisible();
    await expect(row(2).getByRole('link', { name: 'Marcus Weber' })).toBeVisible();
    await expect(row(3).getByRole('link', { name: 'Priya Nair' })).toBeVisible();
    // The same member named twice: both rows answered (the server asked Whop once; server tests count it).
    await expect(row(4).getByRole('link', { name: 'Ava Chen' })).toBeVisible();
    await expect(row(5).getByRole('link', { name: '10+ matches' })).toHaveAttribute('href', '/search?q=example');
    await expect(row(6)).toContainText('Not found');
    await expect(row(7)).toContainText('Names and usernames use only letters');
  };
  await check();
  const url = page.url();
  await page.reload();
  await expect(page).toHaveURL(url);
  await check();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^whop-members-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...records] = parsed.data;
  expect(records).toHaveLength(MIXED.length);
  const column = (name: string) => header!.indexOf(name);
  expect(column('Name')).toBeGreaterThanOrEqual(0);
  expect(records.map((r) => r[column('Input')])).toEqual(MIXED);
  const formula = records[8]![column('Name')]!;
  // Neutralised as OWASP says: a leading quote, so a spreadsheet shows the text and runs nothing.
  expect(formula).toBe(`'=HYPERLINK("https://example.com/steal","Open")`);
  // Quotes, a comma and a line break survive in one cell.
  expect(records[9]![column('Name')]).toBe('Dana "DJ" Jones, Jr.\nsecond line');
  expect(text).toContain('"Dana ""DJ"" Jones, Jr.\nsecond line"');
});

test('1,001 lines are refused before anything is sent, and the text stays', async ({ page }) => {
  const bulk = new BulkPage(page);
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  await page.goto('/bulk');
  const text = Array.from({ length: 1001 }, (_, i) => `mber_line${i}`).join('\n');
  await bulk.lines.fill(text);
  await bulk.lookUpAll.click();
  await expect(page.getByRole('alert')).toContainText('1,001 lines');
  await expect(page.getByRole('alert')).toContainText('1,000');
  await expect(bulk.lines).toHaveValue(text);
  expect(posts).toEqual([]);
  await expect(page).toHaveURL(/\/bulk$/);
});

test('Cancel stops a running list and keeps the rows done so far', async ({ page }) => {
  const bulk = new BulkPage(page);
  // Ids the stand-in takes a second each to say it does not know (8 asked at once): about 5 s in all.
  const lines = Array.from({ length: 40 }, (_, i) => `mber_demoSlowGone${i}`);
  await bulk.run(lines);
  await expect(page.getByRole('heading', { name: 'Looking up members…' })).toBeVisible();
  await expect(bulk.table.getByText('Not found').first()).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Lookup cancelled' })).toBeVisible();
  // The totals under the heading: the rows answered before Cancel, and the rest cancelled.
  const totals = page.getByText(/^0 with access, 0 without, \d+ not found, \d+ cancelled\.$/);
  await expect(totals).toBeVisible();
  const [notFound, cancelled] = ((await totals.textContent()) ?? '')
    .match(/\d+(?= (not found|cancelled))/g)!
    .map(Number);
  expect(notFound).toBeGreaterThan(0);
  expect(cancelled).toBeGreaterThan(0);
  expect(notFound! + cancelled!).toBe(lines.length);
  await expect(page.getByRole('button', { name: 'Retry failed rows' })).toBeVisible();
  // Nothing more is asked: a reload a moment later shows the same totals.
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Lookup cancelled' })).toBeVisible();
  await expect(
    page.getByText(`0 with access, 0 without, ${notFound} not found, ${cancelled} cancelled.`),
  ).toBeVisible();
});

test('a list id the server does not hold says the list is gone', async ({ page }) => {
  await page.goto('/bulk/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { name: 'This list is gone' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start a new list' })).toHaveAttribute('href', '/bulk');
});

test('the bulk form and a finished list have no axe violations, light and dark', async ({
  page,
  expectNoAxeViolationsInBothThemes,
}) => {
  const bulk = new BulkPage(page);
  await page.goto('/bulk');
  await expect(bulk.lines).toBeVisible();
  await expectNoAxeViolationsInBothThemes();
  await bulk.run(MIXED.slice(0, 8));
  await expect(bulk.finished).toBeVisible();
  await expectNoAxeViolationsInBothThemes();
});

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 800 } });
  test('the table scrolls inside its own box; the page does not scroll sideways', async ({ page }) => {
    const bulk = new BulkPage(page);
    // Rows with empty cells too: their visually hidden "None" must stay inside the table's box.
    await bulk.run(MIXED.slice(4, 8));
    await expect(bulk.finished).toBeVisible();
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBeLessThanOrEqual(0);
    const box = await bulk.table.evaluate((table: HTMLElement) => {
      let el: HTMLElement | null = table.parentElement;
      while (el && getComputedStyle(el).overflowX !== 'auto' && getComputedStyle(el).overflowX !== 'scroll')
        el = el.parentElement;
      return el ? { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth } : null;
    });
    expect(box, 'a scrolling box around the table').not.toBeNull();
    expect(box!.scrollWidth).toBeGreaterThan(box!.clientWidth);
  });
});
