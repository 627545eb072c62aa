/**
 * Issue 7, table 3: Enter -> member detail on screen, in Debian's Chromium via
 * Playwright, with the stand-in at 0 and 100 ms. Timed inside the page: a capture-phase
 * keydown listener notes Enter; a MutationObserver notes when the detail heading is in
 * the DOM; the next frame after it (requestAnimationFrame, then a task) counts as painted.
 */
import { type Browser, chromium, type Page } from '@playwright/test';
import type { BenchContext } from './context';
import { benchMemberId } from './ipc';
import { ms, table, verdict } from './md';
import { startOurServer, startStandIn, stopChild } from './procs';
import { median } from './stats';

type Marks = { enter: number; dom: number; paint: number };

/**
 * Runs in the page before any app code. A string, not a function: tsx (esbuild with
 * keepNames) would wrap nested functions in a `__name` helper the page does not have.
 */
const INSTALL_MARKS = `(() => {
  const b = (window.__bench = { enter: 0, dom: 0, paint: 0 });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    b.enter = performance.now();
    b.dom = 0;
    b.paint = 0;
    const obs = new MutationObserver(() => {
      if (!document.getElementById('member-name')) return;
      obs.disconnect();
      b.dom = performance.now();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { b.paint = performance.now(); };
        ch.port2.postMessage(0);
      });
    });
    obs.observe(document.documentElement, { childList: true, subtree: true });
  }, true);
})();`;

/** How long a person takes between pasting an id and pressing Enter. */
const PAUSE_MS = 500;

type Timed = { dom: number; paint: number; requestStart: number; responseEnd: number };

async function timedLookup(page: Page, id: string, pauseMs: number): Promise<Timed> {
  const input = page.getByRole('searchbox', { name: 'Search members' }).first();
  await input.fill(id);
  if (pauseMs) await page.waitForTimeout(pauseMs);
  await input.press('Enter');
  // Inline arrows without nested functions are safe from tsx's `__name` wrapping, and
  // unlike string predicates they need no eval (the app's CSP forbids it).
  await page.waitForFunction(() => (window as unknown as { __bench: Marks }).__bench.paint > 0, null, {
    timeout: 15_000,
  });
  const heading = await page.locator('h1#member-name').textContent();
  if (!heading?.startsWith('Bench Member')) throw new Error(`unexpected heading after lookup: ${heading}`);
  const { b, api } = await page.evaluate(() => ({
    b: (window as unknown as { __bench: Marks }).__bench,
    api: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/members/'))
      .map((e) => ({ start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
  }));
  // The lookup's own request, if it made one (a cached revisit makes none).
  const req = api.filter((r) => r.start >= b.enter).pop();
  return {
    dom: b.dom - b.enter,
    paint: b.paint - b.enter,
    requestStart: req ? req.start - b.enter : Number.NaN,
    responseEnd: req ? req.end - b.enter : Number.NaN,
  };
}

type Run = { cold: Timed; immediate: Timed; cached: Timed; cachedApi: number };

async function oneRun(browser: Browser, baseURL: string, id: string, id2: string): Promise<Run> {
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    await context.addInitScript({ content: INSTALL_MARKS });
    const page = await context.newPage();
    const api: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) api.push(r.url());
    });
    await page.goto(`${baseURL}/`);
    await page.getByRole('searchbox', { name: 'Search members' }).first().waitFor();
    return { context, page, api };
  };

  // Cold: fresh browser context (no HTTP or query cache), an id the server has not seen.
  const a = await newPage();
  const cold = await timedLookup(a.page, id, PAUSE_MS);
  // Cached revisit: back to search in the app, the same id again within the minute.
  await a.page.getByRole('link', { name: 'Member lookup' }).click();
  await a.page.waitForURL(`${baseURL}/`);
  const before = a.api.length;
  const cached = await timedLookup(a.page, id, PAUSE_MS);
  const cachedApi = a.api.length - before;
  await a.context.close();

  // Cold, Enter at once after pasting: the member route's code is still downloading.
  const b = await newPage();
  const immediate = await timedLookup(b.page, id2, 0);
  await b.context.close();

  return { cold, immediate, cached, cachedApi };
}

export async function browserSection(ctx: BenchContext): Promise<string> {
  ctx.log('bench: end to end in Chromium');
  const runs = ctx.quick ? 2 : 7;
  const results: Array<{ latency: number; runs: Run[] }> = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    for (const latency of [0, 100]) {
      const standIn = await startStandIn({ key: ctx.key, latencyMs: latency, extraMembers: 2 * runs + 2 });
      const server = await startOurServer({
        name: `e2e-${latency}`,
        tmp: ctx.tmp,
        key: ctx.key,
        upstream: standIn.baseURL,
      });
      const baseURL = `http://127.0.0.1:${server.port}`;
      try {
        await oneRun(browser, baseURL, benchMemberId(2 * runs), benchMemberId(2 * runs + 1)); // warm-up, not counted
        const done: Run[] = [];
        for (let i = 0; i < runs; i++)
          done.push(await oneRun(browser, baseURL, benchMemberId(2 * i), benchMemberId(2 * i + 1)));
        results.push({ latency, runs: done });
        ctx.log(
          `  stand-in ${latency} ms: cold ${done.map((r) => r.cold.paint.toFixed(0)).join(', ')}; cached ${done.map((r) => r.cached.paint.toFixed(0)).join(', ')}`,
        );
      } finally {
        await Promise.all([stopChild(server.child), stopChild(standIn.child)]);
      }
    }
  } finally {
    await browser.close();
  }

  const rows: Array<Array<string | number>> = [];
  const goals: string[] = [];
  for (const { latency, runs: rs } of results) {
    const range = (xs: number[]) => `${ms(Math.min(...xs), 0)}–${ms(Math.max(...xs), 0)}`;
    const row = (label: string, pick: (r: Run) => Timed, requests: string) => {
      const t = rs.map(pick);
      const med = (f: (x: Timed) => number) => median(t.map(f));
      rows.push([
        `${latency} ms`,
        label,
        ms(med((x) => x.requestStart)),
        ms(med((x) => x.responseEnd)),
        ms(med((x) => x.dom)),
        ms(med((x) => x.paint)),
        range(t.map((x) => x.paint)),
        requests,
      ]);
      return med((x) => x.paint);
    };
    const coldPaint = row('cold (route code loaded while typing)', (r) => r.cold, '1 each');
    row('cold, Enter at once after pasting', (r) => r.immediate, '1 each');
    const api = rs.reduce((s, r) => s + r.cachedApi, 0);
    const cachedPaint = row(
      'cached revisit (same id, same tab, < 60 s)',
      (r) => r.cached,
      `${api} in ${rs.length} runs`,
    );
    goals.push(
      `| Stand-in ${latency} ms: cold <= ${latency} + 100 ms | ${ms(coldPaint)} ms | ${verdict(coldPaint <= latency + 100)} |`,
      `| Stand-in ${latency} ms: cached <= 50 ms with zero /api requests | ${ms(cachedPaint)} ms, ${api} requests | ${verdict(cachedPaint <= 50 && api === 0)} |`,
    );
  }

  return `## 3. End to end in Chromium (issue 7)

Debian's Chromium (headless, through \`@playwright/test\`'s \`chromium\` with \`executablePath\`), 1280x860,
against our server (built SPA, server defaults, \`RATE_LIMIT_PER_MINUTE=0\`) and the stand-in at 0 and
100 ms. Timed in the page with \`performance.now()\`: from the Enter keydown (a capture-phase listener
that runs before the app's) to the member's heading in the DOM (a MutationObserver), and to the next
frame after it (\`requestAnimationFrame\`, then a task: "painted"). The goal is judged on "painted".

Each run: a fresh browser context opens \`/\`, pastes an id the server has not seen, waits ${PAUSE_MS} ms (the
search form starts loading the member route's code on input, as a person's pause would allow), presses
Enter; then clicks back to search in the app and looks the same id up again (TanStack Query's
\`staleTime\` of 60 s: no request). A second fresh context pastes another new id and presses Enter at
once, so the route's code downloads during the lookup. One warm-up run, then the median of ${runs}.

Medians, in ms after Enter: when the \`/api\` request started and when its answer was in (Resource
Timing), when the heading was in the DOM, and when it was painted.

${table(['Stand-in', 'Case', 'request sent', 'answer in', 'in the DOM', 'painted', 'painted, range', '/api requests'], rows)}

| Goal | Figure (median, painted) | Result |
| --- | --- | --- |
${goals.join('\n')}
`;
}
