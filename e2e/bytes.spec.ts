// The size check (scripts/check-bundle-size.mjs) counts what `/` fetches until the network
// is idle from Vite's manifest, without a browser. This keeps that count honest: Chromium
// must fetch exactly those files, no more (a new lazy chunk on `/` the budget would miss)
// and no fewer (a module the budget charges for that `/` no longer loads).
import { measureIdleAssets } from '../scripts/bundle-size.mjs';
import { expect, test } from './fixtures';

const assetsOf = (paths: Iterable<string>) => [...new Set([...paths].filter((p) => p.startsWith('/assets/')))].sort();

test('what / fetches until the network is idle is what the size budget counts', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('/', { waitUntil: 'networkidle' });
  expect(assetsOf(fetched)).toEqual(assetsOf(measureIdleAssets().files.map((f) => f.ref)));
});
