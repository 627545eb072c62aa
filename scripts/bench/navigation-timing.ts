/**
 * Issue 29: a page opened as a person opens a shared link, timed from the navigation's start in
 * a browser context that has nothing yet (no HTTP cache, no connection, no renderer of its own).
 *
 * Read after the fact, so the same reading works with JavaScript off: the page's own timelines
 * (Navigation, Resource, Paint and Element Timing, all buffered, read once the heading is
 * painted) and, for when the member's markup arrived, Chromium's network events over the
 * DevTools protocol: the first chunk of the HTML that holds the heading's tag. Nothing is
 * installed in the page, and nothing polls in it while it loads.
 */
import type { Browser, CDPSession } from '@playwright/test';

/** Milliseconds after the navigation's start (the page's time origin). NaN when it did not happen. */
export type NavigationTimes = {
  /** The HTML's first byte. */
  firstByte: number;
  /** The chunk of the HTML with the member's heading in it. */
  memberMarkup: number;
  /** The stylesheet's last byte (NaN for a page without one). */
  cssIn: number;
  /** The whole HTML in. */
  htmlIn: number;
  /** Chromium's first paint of anything (Paint Timing). */
  firstPaint: number;
  /** The member's heading on screen (Element Timing, `elementtiming="member-name"`). */
  namePainted: number;
  /** `GET /api/members/:id` requests the page made (with JavaScript, counted once the app has taken over and the network is idle). */
  memberRequests: number;
  /** Whether the HTML carried the member (the server rendered it in). */
  memberInHtml: boolean;
};

/** The tag the member's heading opens with, in our page and in the bare one. */
const HEADING = 'id="member-name"';

type Chunk = { at: number; bytes: number };

/** Records the navigation's HTML arriving chunk by chunk, in Chromium's monotonic clock (seconds). */
async function watchDocument(cdp: CDPSession, url: string) {
  let requestId: string | null = null;
  let sentAt = Number.NaN;
  const chunks: Chunk[] = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    if (requestId === null && e.type === 'Document' && e.request.url === url) requestId = e.requestId;
  });
  cdp.on('Network.responseReceived', (e) => {
    if (e.requestId !== requestId || !e.response.timing) return;
    sentAt = e.response.timing.requestTime * 1000 + e.response.timing.sendStart;
  });
  cdp.on('Network.dataReceived', (e) => {
    if (e.requestId === requestId) chunks.push({ at: e.timestamp * 1000, bytes: e.dataLength });
  });
  await cdp.send('Network.enable');
  return {
    /**
     * When the byte at `offset` of the decoded HTML arrived, in the page's clock: the request's
     * send time is on both clocks (Resource Timing's `requestStart`, the protocol's `sendStart`).
     */
    arrivalOf(offset: number, requestStartInPage: number): number {
      let seen = 0;
      for (const c of chunks) {
        seen += c.bytes;
        if (seen > offset) return c.at - sentAt + requestStartInPage;
      }
      return Number.NaN;
    },
  };
}

/** What the page reports of itself. */
type InPage = {
  requestStart: number;
  responseStart: number;
  responseEnd: number;
  cssIn: number;
  firstPaint: number;
  namePainted: number;
  memberRequests: number;
};

/**
 * Runs in the page once it has loaded, synchronously: Playwright's evaluate works with the
 * page's JavaScript off, but nothing asynchronous does (no timer, no observer callback), so the
 * buffered Element Timing entries are taken with `takeRecords()`. A string: tsx would wrap
 * nested functions in a `__name` helper the page does not have.
 */
const READ_PAGE = `(() => {
  const o = new PerformanceObserver(() => {});
  o.observe({ type: 'element', buffered: true });
  const heading = o.takeRecords().find((e) => e.identifier === 'member-name');
  o.disconnect();
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const css = resources.find((e) => new URL(e.name).pathname.endsWith('.css'));
  const paint = performance.getEntriesByType('paint').find((e) => e.name === 'first-paint');
  return {
    requestStart: nav ? nav.requestStart : NaN,
    responseStart: nav ? nav.responseStart : NaN,
    responseEnd: nav && nav.responseEnd > 0 ? nav.responseEnd : NaN,
    cssIn: css ? css.responseEnd : NaN,
    firstPaint: paint ? paint.startTime : NaN,
    namePainted: heading ? heading.renderTime || heading.loadTime : NaN,
    memberRequests: resources.filter((e) => /^\\/api\\/members\\/[^/]+$/.test(new URL(e.name).pathname)).length,
  };
})()`;

/** How often the harness looks again, after the page's load event, for a heading not painted yet. */
const RECHECK_MS = 50;

/**
 * Opens `url` in a new context (JavaScript on or off) and times it from the navigation's start.
 * Nothing runs in the page before its load event; after it, a synchronous read every
 * 50 ms (RECHECK_MS) until the heading has been painted. The context is closed before this returns.
 */
export async function timeNavigation(
  browser: Browser,
  url: string,
  opts: { javaScript: boolean; timeoutMs?: number },
): Promise<NavigationTimes> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    javaScriptEnabled: opts.javaScript,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const doc = await watchDocument(cdp, url);
    const response = await page.goto(url, { waitUntil: 'load' });
    const until = Date.now() + (opts.timeoutMs ?? 10_000);
    let t = (await page.evaluate(READ_PAGE)) as InPage;
    while (!Number.isFinite(t.namePainted) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
      t = (await page.evaluate(READ_PAGE)) as InPage;
    }
    if (opts.javaScript) {
      // Only then counted: the app takes over after the paint, and asks for what the page did not carry.
      await page.waitForFunction(() => !document.getElementById('member-first-paint'), undefined, {
        timeout: opts.timeoutMs ?? 10_000,
      });
      await page.waitForLoadState('networkidle');
      t = { ...t, memberRequests: ((await page.evaluate(READ_PAGE)) as InPage).memberRequests };
    }
    const html = (await response?.text()) ?? '';
    const at = html.indexOf(HEADING);
    const memberMarkup = at >= 0 ? doc.arrivalOf(Buffer.byteLength(html.slice(0, at)), t.requestStart) : Number.NaN;
    return {
      firstByte: t.responseStart,
      memberMarkup,
      cssIn: t.cssIn,
      htmlIn: t.responseEnd,
      firstPaint: t.firstPaint,
      namePainted: t.namePainted,
      memberRequests: t.memberRequests,
      memberInHtml: html.includes('id="member-first-paint"'),
    };
  } finally {
    await context.close();
  }
}
