/**
 * Issues 7 and 14: a member on screen, in Debian's Chromium via Playwright, against our
 * server and the stand-in at 0 and 100 ms, in the ways managers open one: typed slowly,
 * pasted and Enter at once, a shared link opened cold, a revisit. Each case beside its
 * floor, a bare page doing only what the case cannot avoid, in the same browser, against the
 * same server, in the same run.
 *
 * Timed inside the page. "Painted" is Element Timing's renderTime for the member's heading
 * (`elementtiming="member-name"`): when the browser put it on screen. Enter is a
 * capture-phase keydown listener that runs before the app's; "in the DOM" a
 * MutationObserver; the member's request from Resource Timing. The harness waits on one
 * promise the page resolves, never by polling, which would run in the page's frames.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { launchBenchChromium } from './bench-chromium';
import type { BenchContext } from './context';
import { benchMemberId } from './ipc';
import { ms, table, verdict } from './md';
import { startOurServer, startStandIn, stopChild } from './procs';
import { median } from './stats';

/** Milliseconds after the case's start (Enter). */
type Timed = { request: number; answer: number; dom: number; paint: number; memberRequests: number };

/**
 * Runs in every page before its own scripts. A string, not a function: tsx (esbuild with
 * keepNames) would wrap nested functions in a `__name` helper the page does not have.
 * `__bench.next(since)` resolves with the first paint of a member heading after `since`.
 */
const INSTALL_MARKS = `(() => {
  const b = (window.__bench = { enter: 0, dom: 0, paints: [], waiting: [] });
  const settle = () => {
    b.waiting = b.waiting.filter((w) => {
      const t = b.paints.find((p) => p > w.since);
      if (t === undefined) return true;
      w.resolve(t);
      return false;
    });
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.identifier === 'member-name') b.paints.push(e.renderTime || e.loadTime);
    settle();
  }).observe({ type: 'element', buffered: true });
  b.next = (since) => new Promise((resolve) => { b.waiting.push({ since, resolve }); settle(); });
  const watchDom = () => {
    b.dom = 0;
    const obs = new MutationObserver(() => {
      if (!document.getElementById('member-name')) return;
      obs.disconnect();
      b.dom = performance.now();
    });
    obs.observe(document, { childList: true, subtree: true });
  };
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    b.enter = performance.now();
    watchDom();
  }, true);
  watchDom();
})();`;

type Marks = { enter: number; dom: number; next(since: number): Promise<number> };
type PageTimes = {
  paint: number;
  dom: number;
  enter: number;
  docStart: number;
  api: Array<{ start: number; end: number }>;
};

/** Waits for the heading's paint after `since` (page clock), then reads the marks. */
async function readTimes(page: Page, id: string, since: number): Promise<PageTimes> {
  return page.evaluate(
    async ({ id, since }) => {
      const b = (window as unknown as { __bench: Marks }).__bench;
      const paint = await b.next(since);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        paint,
        dom: b.dom,
        enter: b.enter,
        docStart: nav?.responseStart ?? 0,
        api: performance
          .getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname === `/api/members/${id}`)
          .map((e) => ({ start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
      };
    },
    { id, since },
  );
}

/** The times of a lookup relative to `from`; its request is the last one for the member. */
function relative(t: PageTimes, from: number, memberRequests: number): Timed {
  const req = t.api.at(-1);
  return {
    request: req ? req.start - from : Number.NaN,
    answer: req ? req.end - from : Number.NaN,
    dom: t.dom ? t.dom - from : Number.NaN,
    paint: t.paint - from,
    memberRequests,
  };
}

/** How long a person takes between typed keys, and between the last key and Enter. */
const KEY_DELAY_MS = 40;
const PAUSE_MS = 500;

/**
 * No `context.route` anywhere: while a context has one, Playwright intercepts every request
 * of that context (each a round trip to this process), and Chromium then neither starts the
 * deep link's `Link: rel=preload` early nor keeps its HTTP cache, so the app measured
 * 400-700 ms slower than a manager sees it.
 */
async function openContext(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
  await context.addInitScript({ content: INSTALL_MARKS });
  const page = await context.newPage();
  const memberRequests: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (/^\/api\/members\/[^/]+$/.test(pathname)) memberRequests.push(pathname);
  });
  const requestsFor = (id: string) => memberRequests.filter((p) => p === `/api/members/${id}`).length;
  return { context, page, requestsFor };
}

/**
 * The floor: a page with nothing but what the case needs. `/__bench/deep/ID` fetches the
 * member from an inline script and writes its heading; `/__bench/search` does the same on
 * Enter, or writes it from memory when it already holds that member.
 */
export function barePage(pathname: string): string {
  const deep = /^\/__bench\/deep\/(mber_[A-Za-z0-9]+)$/.exec(pathname)?.[1];
  const script = `
    const out = document.getElementById('out');
    const show = (m) => {
      out.replaceChildren();
      const h = document.createElement('h1');
      h.id = 'member-name';
      h.setAttribute('elementtiming', 'member-name');
      h.textContent = m.user?.name ?? m.id;
      out.append(h);
    };
    const get = (id) => fetch('/api/members/' + id, { headers: { accept: 'application/json', 'X-Requested-With': 'member-lookup' } }).then((r) => r.json());
    ${
      deep
        ? `get(${JSON.stringify(deep)}).then(show);`
        : `let held = null;
    const q = document.getElementById('q');
    q.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      const id = q.value.trim();
      if (held?.id === id) show(held);
      else get(id).then((m) => { held = m; show(m); });
    });`
    }`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head>
<body><input id="q" type="search" aria-label="Search members"><main id="out"></main><script>${script}</script></body></html>`;
}

/**
 * Where the floors' bare pages come from: a node:http server of the bench's own that answers
 * `/__bench/*` with a bare page (no CSP, so its script can be inline) and passes everything
 * else to our server, so a bare page's fetch reaches the same server on its own origin, one
 * loopback hop further.
 */
export async function startFloorServer(target: string) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    if (url.pathname.startsWith('/__bench/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(barePage(url.pathname));
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        pipeline(answer, res, () => {});
      },
    );
    forward.on('error', () => res.destroy());
    pipeline(req, forward, () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      server.close();
      agent.destroy();
    },
  };
}

async function openSearch(page: Page, baseURL: string) {
  await page.goto(`${baseURL}/`);
  const input = page.getByRole('searchbox', { name: 'Search members' }).first();
  await input.waitFor();
  return input;
}

async function enterAndTime(page: Page, input: ReturnType<Page['getByRole']>, id: string): Promise<PageTimes> {
  const since = await page.evaluate(() => performance.now());
  await input.press('Enter');
  const t = await readTimes(page, id, since);
  const heading = await page.locator('h1#member-name').textContent();
  if (!heading?.startsWith('Bench Member')) throw new Error(`unexpected heading after lookup: ${heading}`);
  return t;
}

type Run = {
  typed: Timed;
  cached: Timed;
  pasted: Timed;
  /** Floors: Enter with the answer fetched on Enter, Enter with it in memory. */
  bareFetch: Timed;
  bareHeld: Timed;
};

/** The cases of a run that are timed. */
type TimedCase = keyof Run;

async function oneRun(browser: Browser, baseURL: string, floorURL: string, ids: string[]): Promise<Run> {
  const [typedId, pastedId, bareId] = ids as [string, string, string];
  const closing: BrowserContext[] = [];
  try {
    // Typed slowly: a fresh context types an id the server has not seen a key at a time,
    // pauses, presses Enter. Then back to search in the app, and the same id again.
    const a = await openContext(browser);
    closing.push(a.context);
    let input = await openSearch(a.page, baseURL);
    await input.pressSequentially(typedId, { delay: KEY_DELAY_MS });
    await a.page.waitForTimeout(PAUSE_MS);
    let t = await enterAndTime(a.page, input, typedId);
    const typed = relative(t, t.enter, a.requestsFor(typedId));
    await a.page.getByRole('link', { name: 'Member lookup' }).click();
    await a.page.waitForURL(`${baseURL}/`);
    const before = a.requestsFor(typedId);
    input = a.page.getByRole('searchbox', { name: 'Search members' }).first();
    await input.fill(typedId);
    await a.page.waitForTimeout(PAUSE_MS);
    t = await enterAndTime(a.page, input, typedId);
    const cached = relative(t, t.enter, a.requestsFor(typedId) - before);

    // Pasted and Enter at once, in another fresh context.
    const b = await openContext(browser);
    closing.push(b.context);
    input = await openSearch(b.page, baseURL);
    await input.fill(pastedId);
    t = await enterAndTime(b.page, input, pastedId);
    const pasted = relative(t, t.enter, b.requestsFor(pastedId));

    // The floors.
    const d = await openContext(browser);
    closing.push(d.context);
    await d.page.goto(`${floorURL}/__bench/search`);
    const bare = d.page.getByRole('searchbox', { name: 'Search members' });
    await bare.fill(bareId);
    t = await enterAndTime(d.page, bare, bareId);
    const bareFetch = relative(t, t.enter, d.requestsFor(bareId));
    t = await enterAndTime(d.page, bare, bareId);
    const bareHeld = relative(t, t.enter, 0);
    return { typed, cached, pasted, bareFetch, bareHeld };
  } finally {
    for (const context of closing) await context.close();
  }
}

const IDS_PER_RUN = 3;

export async function browserSection(ctx: BenchContext): Promise<string> {
  ctx.log('bench: end to end in Chromium');
  const runs = ctx.quick ? 2 : 7;
  const results: Array<{ latency: number; runs: Run[] }> = [];
  const browser = await launchBenchChromium();
  try {
    for (const latency of [0, 100]) {
      const standIn = await startStandIn({ key: ctx.key, latencyMs: latency, extraMembers: (runs + 1) * IDS_PER_RUN });
      const server = await startOurServer({
        name: `e2e-${latency}`,
        tmp: ctx.tmp,
        key: ctx.key,
        upstream: standIn.baseURL,
      });
      const baseURL = `http://127.0.0.1:${server.port}`;
      const floor = await startFloorServer(baseURL);
      const idsOf = (run: number) =>
        Array.from({ length: IDS_PER_RUN }, (_, k) => benchMemberId(run * IDS_PER_RUN + k));
      try {
        await oneRun(browser, baseURL, floor.baseURL, idsOf(runs)); // warm-up, not counted
        const done: Run[] = [];
        for (let i = 0; i < runs; i++) done.push(await oneRun(browser, baseURL, floor.baseURL, idsOf(i)));
        results.push({ latency, runs: done });
        const list = (pick: (r: Run) => Timed) => done.map((r) => pick(r).paint.toFixed(0)).join(', ');
        ctx.log(`  stand-in ${latency} ms: pasted ${list((r) => r.pasted)} (bare ${list((r) => r.bareFetch)})`);
      } finally {
        await Promise.all([floor.close(), stopChild(server.child), stopChild(standIn.child)]);
      }
    }
  } finally {
    await browser.close();
  }

  const cases: Array<{ key: TimedCase; floor: TimedCase; label: string; floorLabel: string; from: string }> = [
    {
      key: 'typed',
      floor: 'bareHeld',
      label: 'typed slowly',
      floorLabel: 'answer held, painted on Enter',
      from: 'Enter',
    },
    {
      key: 'pasted',
      floor: 'bareFetch',
      label: 'pasted, Enter at once',
      floorLabel: 'fetched on Enter, painted',
      from: 'Enter',
    },
    {
      key: 'cached',
      floor: 'bareHeld',
      label: 'cached revisit',
      floorLabel: 'answer held, painted on Enter',
      from: 'Enter',
    },
  ];

  const rows: Array<Array<string | number>> = [];
  const breakdown: Array<Array<string | number>> = [];
  const goals: string[] = [];
  for (const { latency, runs: rs } of results) {
    const med = (pick: (r: Run) => Timed, f: (x: Timed) => number) => median(rs.map((r) => f(pick(r))));
    const paintOf = (k: TimedCase) =>
      med(
        (r) => r[k],
        (x) => x.paint,
      );
    for (const c of cases) {
      const paints = rs.map((r) => r[c.key].paint);
      const ours = paintOf(c.key);
      const floor = paintOf(c.floor);
      const requests = rs.reduce((s, r) => s + r[c.key].memberRequests, 0);
      rows.push([
        `${latency} ms`,
        c.label,
        c.from,
        ms(ours),
        `${ms(Math.min(...paints), 0)}–${ms(Math.max(...paints), 0)}`,
        `${ms(floor)} (${c.floorLabel})`,
        (ours / floor).toFixed(2),
        `${requests} in ${rs.length}`,
      ]);
      const sent = med(
        (r) => r[c.key],
        (x) => x.request,
      );
      const answer = med(
        (r) => r[c.key],
        (x) => x.answer,
      );
      const dom = med(
        (r) => r[c.key],
        (x) => x.dom,
      );
      breakdown.push([
        `${latency} ms`,
        c.label,
        ms(sent),
        ms(answer),
        ms(dom),
        ms(ours),
        Number.isFinite(answer) ? ms(dom - Math.max(answer, 0)) : ms(dom),
        ms(ours - dom),
      ]);
    }
    const pasted = paintOf('pasted');
    const typed = paintOf('typed');
    const cached = paintOf('cached');
    const cachedRequests = rs.reduce((s, r) => s + r.cached.memberRequests, 0);
    goals.push(
      `| Stand-in ${latency} ms: typed slowly <= ${latency} + 100 ms | ${ms(typed)} ms | ${verdict(typed <= latency + 100)} |`,
      `| Stand-in ${latency} ms: cached <= 50 ms with zero member requests | ${ms(cached)} ms, ${cachedRequests} requests | ${verdict(cached <= 50 && cachedRequests === 0)} |`,
    );
    if (latency === 100) {
      goals.push(
        `| Stand-in 100 ms: pasted and Enter at once <= 100 + 50 ms | ${ms(pasted)} ms | ${verdict(pasted <= 150)} |`,
      );
    }
  }

  return `## 3. End to end in Chromium (issues 7 and 14)

Debian's Chromium (headless, through \`@playwright/test\`'s \`chromium\` with \`executablePath\`), 1280x860,
against our server (built SPA, server defaults, \`RATE_LIMIT_PER_MINUTE=0\`) and the stand-in at 0 and
100 ms. Timed in the page: "painted" is Element Timing's \`renderTime\` for the member's heading
(\`elementtiming="member-name"\`), the moment the browser put it on screen; Enter is a capture-phase
keydown listener that runs before the app's; "in the DOM" a MutationObserver; the member's request
from Resource Timing. The harness awaits one promise the page resolves and never polls (Playwright's
\`waitForFunction\` polls in every animation frame, inside the page being measured).

Each run uses fresh browser contexts (no HTTP or query cache) and ids the server has not seen:

- **typed slowly**: \`/\` opened, the id typed a key at a time (${KEY_DELAY_MS} ms apart), ${PAUSE_MS} ms pause, Enter;
- **cached revisit**: then back to search in the app, the same id again (TanStack Query's \`staleTime\`
  of 60 s: no request);
- **pasted, Enter at once**: a new context, \`/\` opened, the id set whole (Playwright's \`fill\`, as a
  paste), Enter at once;
- **floors**: bare pages (no CSP) from a node:http server of the bench's own, which passes every
  other request to our server (one loopback hop more for the floor's fetch, so the floors are a
  little slow, in our favour), so they do only what the case cannot avoid, against the same server: on Enter, fetch the member and write its
  heading, or write it from memory. The ratio is ours over the floor. (A shared link opened
  cold has a section of its own, 3b.)
- no context has a Playwright \`route\`: with one, every request of the context is intercepted
  (each a round trip to the harness), and Chromium sends navigations with \`Cache-Control: no-cache\`.
- Chromium runs without its address bar's popup page (\`scripts/bench/bench-chromium.ts\`), which
  every new window (each fresh context) otherwise loads in a renderer of its own beside the page.

One warm-up run, then the median of ${runs}.

${table(['Stand-in', 'Case', 'timed from', 'painted', 'range', 'floor', 'ratio', 'member requests'], rows)}

Where the time goes (medians, ms after the start; a request before Enter is negative): when the member's
request left, when its answer was in, when the heading was in the DOM and when it was painted; then
the answer to the DOM (our JavaScript: parsing, the route, React's render and commit) and the DOM to
the screen (style, layout, paint).

${table(
  ['Stand-in', 'Case', 'request left', 'answer in', 'in the DOM', 'painted', 'answer → DOM', 'DOM → painted'],
  breakdown,
)}

| Goal | Figure (median, painted) | Result |
| --- | --- | --- |
${goals.join('\n')}
`;
}
