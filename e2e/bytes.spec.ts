// The size check (scripts/check-bundle-size.mjs) counts what `/` fetches until the network
// is idle from Vite's manifest, without a browser. This keeps that count honest: Chromium
// must fetch exactly those files, no more (a new lazy chunk on `/` the budget would miss)
// and no fewer (a module the budget charges for that `/` no longer loads).
import { measureIdleAssets } from '../scripts/bundle-size.mjs';
import { expect, test } from './fixtures';

const assetsOf = (paths: Iterable<string>) => [...new Set([...paths].filter((p) => p.startsWith('/assets/')))].sort();

/** The longest whenIdle (src/web/lib/when-idle.ts) waits for an idle moment before it runs anyway. */
const IDLE_TIMEOUT_MS = 2_000;

test('what / fetches until the network is idle is what the size budget counts', async ({ page }) => {
  const counted = assetsOf(measureIdleAssets().files.map((f) => f.ref));
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('/', { waitUntil: 'networkidle' });
  // Idle prefetches chain (the member route's module schedules the panels' chunk when it
  // runs), and on a busy machine a link in the chain may wait out its idle timeout after
  // Playwright's 500 ms of quiet: wait for every counted file rather than for the quiet.
  await expect.poll(() => assetsOf(fetched), { timeout: 15_000 }).toEqual(expect.arrayContaining(counted));
  // Nothing more may follow: anything scheduled for idle runs within IDLE_TIMEOUT_MS.
  await page.waitForTimeout(IDLE_TIMEOUT_MS + 500);
  await page.waitForLoadState('networkidle');
  expect(assetsOf(fetched)).toEqual(counted);
});
