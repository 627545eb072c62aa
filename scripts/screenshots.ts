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

/** A finished bulk list of demo members (issue 27), made once through the API and shown in every theme and size. */
let bulkList: Promise<string> | undefined;
const bulkListPath = () => {
  bulkList ??= (async () => {
    const lines = [
      'mber_demoAvaChen',
      'https://whop.com/dashboard/biz_demo/users/mber_demoWhale/',
      'marcus@example.de',
      'user_demoPriya',
      'mber_demoLeftUser',
      'mber_demoPaused',
      'mber_demoExpiredAfterFailures',
      'example',
      'mber_demoNotFound',
      'Kenji Watanabe',
      'hello world!!',
      'mber_demoRefunded',
    ];
    const headers = { 'content-type': 'application/json', 'x-requested-with': 'member-lookup' };
    const created = await fetch(`${BASE_URL}/api/bulk`, { method: 'POST', headers, body: JSON.stringify({ lines }) });
    if (created.status !== 201) throw new Error(`POST /api/bulk answered ${created.status}: ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    for (let i = 0; i < 100; i++) {
      const list = (await (await fetch(`${BASE_URL}/api/bulk/${id}`, { headers })).json()) as { state: string };
      if (list.state !== 'running') return `/bulk/${id}`;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the bulk list did not finish in 20 s');
  })();
  return bulkList;
};

const pages: Array<{
  name: string;
  path: string | (() => Promise<string>);
  ready: (p: Page) => Promise<unknown>;
  firstScreen?: boolean;
}> = [
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
  {
    name: 'bulk',
    path: '/bulk',
    ready: (p) => p.getByRole('button', { name: 'Try with demo members' }).click(),
  },
  { name: 'bulk-list', path: bulkListPath, ready: (p) => h1(p, 'Lookup finished') },
  {
    // A live page just after Whop reported a payment (the demo's "Simulate a payment"): the
    // note, and the total and the new row still highlighted. Each run adds a payment to Mia.
    name: 'live',
    path: '/members/mber_demoNewJoin',
    firstScreen: true,
    ready: async (p) => {
      await h1(p, 'Mia Rossi');
      const line = p.getByTestId('live-line');
      await line.getByText('Live').first().waitFor();
      await line.getByRole('button', { name: 'Simulate a payment' }).click();
      await p.getByTestId('live-note').getByText('New payment, just now').waitFor();
      await p.waitForTimeout(300);
    },
  },
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
      await page.goto(BASE_URL + (typeof target.path === 'string' ? target.path : await target.path()));
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
