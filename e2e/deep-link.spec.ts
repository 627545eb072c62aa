// A deep link opened cold: the server asks Whop and renders the member into the page with the
// app's own components (src/server/page/first-paint.ts), while the page's Link header starts the
// stylesheet (src/server/page/deep-link-preload.ts); once the member is painted the page loads the
// app's code (src/server/page/after-paint.ts), which renders the same page over it, from the
// member's JSON on the page, asking for nothing.
import { readFileSync } from 'node:fs';
import { startPageFront } from '../scripts/bench/page-front';
import { chunkFiles, measureEntryAssets, readManifest } from '../scripts/bundle-size.mjs';
import { WEB_CHUNKS } from '../src/contract/web-chunks';
import { expect, test } from './fixtures';

/** The member route's chunks and the member skeleton's the shell does not load itself, from the build's manifest. */
function memberRouteChunks(): string[] {
  const onShell = new Set(measureEntryAssets().files.map((f) => f.ref));
  const manifest = readManifest();
  const files = chunkFiles(manifest, WEB_CHUNKS.memberRoute);
  chunkFiles(manifest, WEB_CHUNKS.memberSkeleton, files);
  return [...files].filter((f) => !onShell.has(f));
}

/** The history panels' chunks beyond those: a page that comes with its panels needs them at once. */
function historyPanelChunks(): string[] {
  const known = new Set([...measureEntryAssets().files.map((f) => f.ref), ...memberRouteChunks()]);
  return [...chunkFiles(readManifest(), WEB_CHUNKS.historyPanels)].filter((f) => !known.has(f));
}

/** The entry script and the stylesheet the built index.html loads. */
function shellFiles() {
  const html = readFileSync('dist/client/index.html', 'utf8');
  const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  const style = /<link rel="stylesheet" crossorigin href="([^"]+)"/.exec(html)?.[1];
  if (!script || !style) throw new Error('dist/client/index.html has no entry script or stylesheet');
  return { script, style };
}

test("the page for a member id preloads the stylesheet only, and names the app's code, the member route's and the panels' for after the paint", async ({
  request,
}) => {
  const res = await request.get('/members/mber_demoWhale');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('no-store');
  // The member is in the page: its paint waits for the stylesheet and nothing else. No preload of
  // the member's answer (the page carries it), and none of the code, which would be compiled
  // beside the paint (src/server/page/after-paint.ts).
  const { script, style } = shellFiles();
  expect(res.headers().link).toBe(`<${style}>; rel=preload; as=style; crossorigin`);
  const html = await res.text();
  expect(html).toContain('>Harriet Okafor</h1>');
  expect(html).toContain('<script type="application/json" id="member-first-paint">');
  expect(html).not.toContain('<script type="module"');
  const listed = /<script type="application\/json" id="app-after-paint">([^<]*)<\/script>/.exec(html)?.[1];
  const files = JSON.parse(listed ?? '[]') as string[];
  const chunks = memberRouteChunks();
  const panels = historyPanelChunks();
  expect(chunks.length).toBeGreaterThan(0);
  expect(panels.length).toBeGreaterThan(0);
  expect(files[0]).toBe(script);
  expect(files.slice(1).sort()).toEqual([...chunks, ...panels].sort());
});

for (const [what, path] of [
  ['a membership id', '/members/mem_demoAvaPro'],
  ['a CRLF with a header after it', '/members/mber_x%0D%0AX-Injected:%201'],
  ['quotes', '/members/mber_x%22%3B%20rel=preload%3B%20as=script'],
  ['angle brackets', '/members/mber_x%3E%3B%20rel=preload%2C%20%3Chttps:%2F%2Fevil.example%2Fx'],
  ['5,000 characters', `/members/mber_${'A'.repeat(4995)}`],
] as const) {
  test(`the page for ${what} is served without any preload header`, async ({ request }) => {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/html');
    expect(res.headers().link).toBeUndefined();
    expect(res.headers()['x-injected']).toBeUndefined();
  });
}

test('a deep link opened cold asks for nothing: the member came with the page, and the app renders it from there', async ({
  page,
  memberPage,
}) => {
  const member: string[] = [];
  const chunks: string[] = [];
  const warnings: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    // The page's live stream is a subscription to changes, not the member's data.
    if (pathname.startsWith('/api/members/mber_demoWhale') && !pathname.endsWith('/live')) member.push(pathname);
    if (pathname.startsWith('/assets/')) chunks.push(pathname);
  });
  // What the payments panel shows, each time it changes: the server's panels, once in, must not
  // give way to the placeholders when the app takes over.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { panelStates: string[] }).panelStates = seen;
    new MutationObserver(() => {
      const text = document.body?.textContent ?? '';
      const state = text.includes('Loading payments')
        ? 'loading'
        : text.includes('Show more payments')
          ? 'shown'
          : null;
      if (state && seen.at(-1) !== state) seen.push(state);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  page.on('console', (m) => {
    if (/preload/i.test(m.text())) warnings.push(m.text());
  });
  // The locale's data loads in a worker of its own (locale-warm-up.ts), which ends itself.
  const localeWorkerScript = page.waitForResponse((r) => new URL(r.url()).pathname === '/locale-warm-up.js');
  const localeWorkerEnded = new Promise<void>((resolve) =>
    page.on('worker', (w) => {
      if (new URL(w.url()).pathname === '/locale-warm-up.js') w.once('close', () => resolve());
    }),
  );
  await page.goto('/members/mber_demoWhale');
  await expect(memberPage.heading).toHaveText('Harriet Okafor');
  // The app has taken over: the panels it loads are there.
  await expect(memberPage.payments).toBeVisible();
  await expect(page.getByRole('region', { name: 'Memberships' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Access summary' })).toContainText('Has access');
  // The app's panels are enabled a frame after it paints: on a loaded machine that frame can come
  // after a quiet half second, which networkidle alone would take for the end.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  await page.waitForLoadState('networkidle');
  // Neither the member nor the first pages of its memberships, payments and token transactions:
  // all came with the page.
  expect(member).toEqual([]);
  const states = await page.evaluate(() => (window as unknown as { panelStates: string[] }).panelStates);
  expect(states.at(-1)).toBe('shown');
  expect(states.indexOf('loading', states.indexOf('shown'))).toBe(-1);
  const workerScript = await localeWorkerScript;
  expect([workerScript.status(), workerScript.headers()['content-type']]).toEqual([
    200,
    'text/javascript; charset=utf-8',
  ]);
  await localeWorkerEnded;
  // The page's JSON was taken (and removed) by the app.
  await expect(page.locator('#member-first-paint')).toHaveCount(0);
  await expect(page.locator('#member-first-paint-history')).toHaveCount(0);
  // Each file once: the preloads were used, the entry and the stylesheet included.
  const { script, style } = shellFiles();
  for (const chunk of [script, style, ...memberRouteChunks()])
    expect(chunks.filter((c) => c === chunk)).toEqual([chunk]);
  // Chromium says so on the console when a preload goes unused or does not match.
  expect(warnings).toEqual([]);
  // Refresh still asks Whop, past the server's cache.
  const refreshed = page.waitForRequest(
    (r) => new URL(r.url()).pathname === '/api/members/mber_demoWhale' && r.headers()['cache-control'] === 'no-cache',
  );
  await page.getByRole('button', { name: /^Refresh/ }).click();
  await refreshed;
});

test('a shared link does not move: no layout shift from its first paint through the app taking over, on a phone and wide', async ({
  newContext,
}) => {
  const measured: Record<string, Array<[number, number]>> = {};
  for (const viewport of [
    { width: 412, height: 823 },
    { width: 1280, height: 860 },
  ]) {
    const context = await newContext({ viewport });
    const page = await context.newPage();
    await page.goto('/members/mber_demoAvaChen');
    // The app has taken over (it took the page's JSON), its panels and the live line are in, and
    // the freshness line has ticked from "now" to seconds.
    await expect(page.locator('#member-first-paint')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Payments' })).toBeVisible();
    await expect(page.getByTestId('freshness')).toContainText(/\ds ago/);
    // Layout shifts are reported after the frame that has them: two more frames.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    measured[viewport.width] = await page.evaluate(() => {
      const o = new PerformanceObserver(() => {});
      o.observe({ type: 'layout-shift', buffered: true });
      const shifts = o.takeRecords() as Array<PerformanceEntry & { value: number }>;
      o.disconnect();
      return shifts.map((e) => [Math.round(e.startTime), e.value] as [number, number]);
    });
    await context.close();
  }
  // [when, how much] of every shift: none, so the summary's reserved height, the freshness line's
  // width and the live line's slot hold what comes into them.
  expect(measured).toEqual({ 412: [], 1280: [] });
});

/**
 * A front for the test's server that sends a member's page in two parts, cut after the header,
 * `pauseMs` apart: what a busy network or a parser that yields mid-page does to the page, on cue.
 */
async function startCuttingFront(upstream: string, pauseMs: number) {
  /** Where each member page was cut: the length of its first part, or -1 when it had no header. */
  const cuts: number[] = [];
  const front = await startPageFront(upstream, (html, res) => {
    const header = html.indexOf('</header>');
    const cut = header < 0 ? -1 : header + '</header>'.length;
    cuts.push(cut);
    res.write(html.slice(0, Math.max(cut, 0)));
    setTimeout(() => res.end(html.slice(Math.max(cut, 0))), pauseMs);
  });
  return { ...front, cuts };
}

test("a shared link's first frame holds the whole member: a page that comes in two parts paints once, when both are in", async ({
  page,
  baseURL,
}) => {
  // Well past when Chromium paints the first part without the page's hold (about 400 ms here).
  const PAUSE_MS = 1000;
  const front = await startCuttingFront(baseURL ?? '', PAUSE_MS);
  try {
    await page.goto(`${front.baseURL}/members/mber_demoAvaChen`);
    await expect(page.locator('#member-name')).toHaveText('Ava Chen');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const seen = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const o = new PerformanceObserver(() => {});
      o.observe({ type: 'layout-shift', buffered: true });
      const shifts = o.takeRecords().length;
      o.disconnect();
      return { firstPaintAfterHead: Math.round((paint?.startTime ?? 0) - (nav?.responseStart ?? 0)), shifts };
    });
    // The page came with its member, cut right after its header.
    expect(front.cuts).toHaveLength(1);
    expect(front.cuts[0]).toBeGreaterThan(0);
    // Not the header alone while the rest was on its way (the page's head waits for the end of the
    // member's markup: first-paint.ts), so nothing in it moved when the rest came.
    expect(seen.firstPaintAfterHead).toBeGreaterThanOrEqual(PAUSE_MS - 50);
    expect(seen.shifts).toBe(0);
  } finally {
    await page.close();
    await front.close();
  }
});

/** The member's card as a reader sees it. */
const card = (page: import('@playwright/test').Page) =>
  page.getByRole('article').filter({ has: page.locator('#member-name') });

/**
 * The card's text without the timeline: the server's page holds the timeline's place (its code
 * is the member page's own lazy chunk, decision 0030), and the app fills it when that chunk is in,
 * which may be before or after the comparison. e2e/timeline.spec.ts checks the timeline itself.
 */
const cardTextBesideTimeline = (page: import('@playwright/test').Page) =>
  card(page).evaluate((article) => {
    const copy = article.cloneNode(true) as HTMLElement;
    copy.querySelector('section[aria-labelledby="timeline-heading"]')?.remove();
    return copy.textContent;
  });

test("the server's first paint reads as the app's page, in dark mode too, before any of the app's code has run", async ({
  newContext,
}) => {
  const context = await newContext({ colorScheme: 'dark', timezoneId: 'UTC', locale: 'en-US' });
  {
    const page = await context.newPage();
    // The app's code never arrives (blocked in the network layer, which leaves the HTTP cache
    // on and so the page's request as a browser sends it).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBlockedURLs', { urls: ['*/assets/*.js'] });
    await page.goto('/members/mber_demoAvaChen');
    await expect(page.locator('#member-name')).toHaveText('Ava Chen');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    const server = await cardTextBesideTimeline(page);
    const summary = page.getByRole('region', { name: 'Access summary' });
    // The summary's verdict and the memberships came with the page too (the page's own inline swap).
    const serverSummary = await summary.textContent();
    expect(server).toContain('$1,234.50');
    expect(server).not.toContain('Loading payments');
    expect(server).not.toContain('Loading memberships');
    expect(server).toContain('Northwind Pro');
    expect(serverSummary).toMatch(/^Access summary\s*Verdict: Has access/);
    expect(serverSummary).not.toContain('Checking');

    await cdp.send('Network.setBlockedURLs', { urls: [] });
    await page.goto('/members/mber_demoAvaChen');
    await expect(page.getByRole('region', { name: 'Payments' })).toBeVisible();
    await expect(page.locator('#member-first-paint')).toHaveCount(0);
    // On a loaded machine the server may have sent this page before Whop's lists came (its wait
    // is bounded): the app then loads them itself. Compared once they are in.
    await expect(card(page).getByText(/^Loading (memberships|payments|token transactions)/)).toHaveCount(0);
    await expect(summary).not.toHaveAttribute('aria-busy');
    // The same words, dates and figures, the summary, memberships, payments and token history included.
    const app = await cardTextBesideTimeline(page);
    expect(server).toContain('Listed payments, net of refunds');
    expect(server).toContain('Token history');
    expect(server).toBe(app);
    expect(serverSummary).toBe(await summary.textContent());
  }
});

test("after one visit the server writes a deep link's dates in the reader's time zone", async ({ newContext }) => {
  const context = await newContext({ timezoneId: 'Asia/Tokyo', locale: 'en-US' });
  {
    const page = await context.newPage();
    await page.goto('/members/mber_demoAvaChen');
    await expect(page.getByRole('region', { name: 'Payments' })).toBeVisible();
    // The app keeps the zone in a cookie when the page is idle.
    await expect.poll(async () => (await context.cookies()).find((c) => c.name === 'tz')?.value).toBe('Asia/Tokyo');
    const joined = await page
      .locator('time')
      .filter({ hasText: /\d{4}, \d/ })
      .last()
      .textContent();

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBlockedURLs', { urls: ['*/assets/*.js'] });
    await page.goto('/members/mber_demoAvaChen');
    await expect(page.locator('#member-name')).toHaveText('Ava Chen');
    await expect(
      page
        .locator('time')
        .filter({ hasText: /\d{4}, \d/ })
        .last(),
    ).toHaveText(joined ?? 'no date in the app');
  }
});

test('a deep link whose id is not a member id shows why, without asking the API', async ({
  page,
  memberPage,
  apiRequests,
}) => {
  await page.goto('/members/mem_demoAvaPro');
  await expect(memberPage.alert.first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(apiRequests).toEqual([]);
});
