/**
 * Screenshots for the README and for looking at what we build:
 *   npm run screenshots            (against a server already on BASE_URL, default :3000)
 *   npm run screenshots -- results (only some pages)
 * Writes docs/screenshots/<page>-<theme>-<width>.png.
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Page } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const OUT = process.env.OUT_DIR ?? 'docs/screenshots';
const only = process.argv.slice(2);

const h1 = (p: Page, name?: string) => p.getByRole('heading', { level: 1, ...(name ? { name } : {}) }).waitFor();
/** The memberships panel has loaded, or said why not. */
const membershipsSettled = (p: Page) =>
  p.getByRole('region', { name: 'Memberships' }).getByRole('status').waitFor({ state: 'detached' });

/** The payments and token history panels have loaded, or said why not. */
const historySettled = async (p: Page) => {
  for (const name of ['Payments', 'Token history']) {
    await p.getByRole('region', { name }).waitFor();
    await p.getByRole('region', { name }).getByRole('status').waitFor({ state: 'detached' });
  }
};

/** The access summary has its answer (it is busy only while it checks). */
const summarySettled = (p: Page) =>
  p.locator('section[aria-labelledby="access-summary-heading"]:not([aria-busy])').waitFor();

/** A member's access summary as it opens: the first screen only, where the summary sits. */
const accessStory = (name: string, id: string) => ({
  name,
  path: `/members/${id}`,
  firstScreen: true,
  ready: async (p: Page) => {
    await h1(p);
    await summarySettled(p);
    await historySettled(p);
  },
});

const pages: Array<{ name: string; path: string; ready: (p: Page) => Promise<unknown>; firstScreen?: boolean }> = [
  { name: 'search', path: '/', ready: (p) => p.getByRole('list', { name: 'Recent lookups' }).waitFor() },
  {
    name: 'results',
    path: '/search?q=example',
    ready: (p) => p.getByRole('list', { name: 'Matching members' }).waitFor(),
  },
  {
    name: 'detail',
    path: '/members/mber_demoAvaChen',
    ready: async (p) => {
      await h1(p, 'Ava Chen');
      await historySettled(p);
      await membershipsSettled(p);
    },
  },
  {
    name: 'detail-no-user',
    path: '/members/mber_demoNoUser',
    ready: async (p) => {
      await h1(p);
      await membershipsSettled(p);
    },
  },
  {
    name: 'detail-memberships-forbidden',
    path: '/members/mber_demoRestricted',
    ready: async (p) => {
      await h1(p);
      await membershipsSettled(p);
    },
  },
  {
    name: 'history',
    path: '/members/mber_demoWhale',
    ready: async (p) => {
      await h1(p, 'Harriet Okafor');
      await historySettled(p);
      await membershipsSettled(p);
    },
  },
  {
    name: 'history-payments-forbidden',
    path: '/members/mber_demoPaymentsHidden',
    ready: async (p) => {
      await h1(p);
      await historySettled(p);
      await membershipsSettled(p);
    },
  },
  {
    name: 'membership-without-member',
    path: '/search?q=mem_demoNoMember',
    ready: (p) => p.getByRole('alert').waitFor(),
  },
  accessStory('access-has-access', 'mber_demoAvaChen'),
  accessStory('access-past-due', 'mber_demoTomasSilva'),
  accessStory('access-lost', 'mber_demoExpiredAfterFailures'),
  { name: 'not-found', path: '/members/mber_demoNotFound', ready: (p) => h1(p, 'No member with that id') },
  { name: 'forbidden', path: '/members/mber_demoForbidden', ready: (p) => p.getByRole('alert').waitFor() },
];
const sizes = [
  { label: 'wide', width: 1280, height: 860 },
  { label: 'phone', width: 375, height: 812 },
];

// The search page as a manager sees it mid-shift: a few members opened recently.
const recent = [
  { id: 'mber_demoTomasSilva', name: 'Tomás Silva', minutesAgo: 2 },
  { id: 'mber_demoWhale', name: 'Harriet Okafor', minutesAgo: 14 },
  { id: 'mber_demoNoEmail', name: 'Kenji Watanabe', minutesAgo: 95 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
await mkdir(OUT, { recursive: true });
for (const theme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    const context = await browser.newContext({
      colorScheme: theme,
      viewport: size,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    await context.addInitScript((items) => {
      const now = Date.now();
      const list = items.map(({ id, name, minutesAgo }) => ({ id, name, at: now - minutesAgo * 60_000 }));
      localStorage.setItem('member-lookup.recent', JSON.stringify(list));
    }, recent);
    const page = await context.newPage();
    for (const target of pages) {
      if (only.length && !only.includes(target.name)) continue;
      await page.goto(BASE_URL + target.path);
      await target.ready(page);
      await page.getByRole('button', { name: 'Dark theme' }).waitFor();
      // The search box is focused on `/`; a resting page reads better in a picture.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({
        path: `${OUT}/${target.name}-${theme}-${size.label}.png`,
        fullPage: !target.firstScreen,
      });
    }
    await context.close();
  }
}
await browser.close();
console.log(`screenshots written to ${OUT}/`);
