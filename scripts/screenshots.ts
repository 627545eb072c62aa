/**
 * Screenshots for the README and for looking at what we build:
 *   npm run screenshots            (against a server already on BASE_URL, default :3000)
 * Writes docs/screenshots/<page>-<theme>-<width>.png.
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const OUT = process.env.OUT_DIR ?? 'docs/screenshots';
const only = process.argv.slice(2);

const pages: Array<{ name: string; path: string; ready: (p: import('@playwright/test').Page) => Promise<unknown> }> = [
  { name: 'search', path: '/', ready: (p) => p.getByRole('searchbox', { name: 'Member id' }).waitFor() },
  { name: 'detail', path: '/members/mber_demoAvaChen', ready: (p) => p.getByRole('heading', { level: 1, name: 'Ava Chen' }).waitFor() },
  { name: 'detail-unknown-values', path: '/members/mber_demoNoUser', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
  { name: 'not-found', path: '/members/mber_demoNotFound', ready: (p) => p.getByRole('heading', { name: 'No member with that id' }).waitFor() },
  { name: 'forbidden', path: '/members/mber_demoForbidden', ready: (p) => p.getByRole('alert').waitFor() },
];
const sizes = [
  { label: 'wide', width: 1280, height: 860 },
  { label: 'phone', width: 375, height: 812 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
await mkdir(OUT, { recursive: true });
for (const theme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    const context = await browser.newContext({ colorScheme: theme, viewport: size, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    for (const target of pages) {
      if (only.length && !only.includes(target.name)) continue;
      await page.goto(BASE_URL + target.path);
      await target.ready(page);
      await page.screenshot({ path: `${OUT}/${target.name}-${theme}-${size.label}.png`, fullPage: true });
    }
    await context.close();
  }
}
await browser.close();
console.log(`screenshots written to ${OUT}/`);
