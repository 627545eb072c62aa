/**
 * Issue 28: live member pages. Two figures:
 *
 * 1. Delivery to screen: a member page open in Chromium (the built server, the stand-in at
 *    100 ms a call in its own process), 100 payments one after the other, each changing the
 *    member's total at the stand-in and then delivered signed to POST /webhooks/whop; timed from
 *    just before the delivery is sent to the moment the page's "Total spent" shows the new
 *    figure (a MutationObserver in the page; both clocks are this machine's Date.now()). Once
 *    on one instance, once with two instances on one Redis, the delivery going to A and the
 *    page open on B.
 * 2. Whop calls saved by a 10-minute member cache with webhooks, against today's 5 s, on one
 *    simulated hour of a support desk (live-mix.ts).
 */
import type { Browser, Page } from '@playwright/test';
import { WEBHOOK_PATH } from '../../src/contract/live';
import { signWebhook } from '../../src/demo-whop/webhook-signer';
import { startRedisServer } from '../../test/redis-server';
import { launchBenchChromium } from './bench-chromium';
import type { BenchContext } from './context';
import { MIX, type MixResult, replayMix } from './live-mix';
import { ms, table, verdict } from './md';
import { type OurServer, type StandIn, startOurServer, startStandIn, stopChild } from './procs';
import { summarize } from './stats';

const LATENCY_MS = 100;
const SECRET = 'ws_bench_live_secret';
const MEMBER = 'mber_bench0';
const USER = 'user_bench0';
const LIVE_ENV = { WHOP_WEBHOOK_SECRET: SECRET, MEMBER_CACHE_TTL_MS: '600000' };

/** Opens the member's page and waits until it is live; records every change of its total from then on. */
async function openLivePage(browser: Browser, server: OurServer): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`http://127.0.0.1:${server.port}/members/${MEMBER}`);
  await page.getByTestId('live-line').getByText('Live').first().waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    const term = [...document.querySelectorAll('dt')].find((dt) => dt.textContent === 'Total spent');
    const value = term?.nextElementSibling;
    if (!value) throw new Error('no Total spent on the page');
    const w = window as unknown as { totals: Array<[number, string]> };
    w.totals = [];
    new MutationObserver(() => w.totals.push([Date.now(), value.textContent ?? ''])).observe(value, {
      subtree: true,
      characterData: true,
      childList: true,
    });
  });
  return page;
}

/** `count` payments delivered to `to`, each timed until `page` shows the new total. */
async function deliveries(standIn: StandIn, to: OurServer, page: Page, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 1; i <= count; i++) {
    await standIn.spend(MEMBER, 1000 + i * 5);
    const body = JSON.stringify({
      id: `evt_bench${i}`,
      api_version: 'v1',
      type: 'payment.succeeded',
      timestamp: new Date().toISOString(),
      data: { id: `pay_bench${i}`, member: { id: MEMBER, phone: null }, user: { id: USER } },
    });
    const seen = await page.evaluate(() => (window as unknown as { totals: unknown[] }).totals.length);
    const sentAt = Date.now();
    const res = await fetch(`http://127.0.0.1:${to.port}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(SECRET, body) },
      body,
    });
    if (res.status !== 202) throw new Error(`bench: the webhook answered ${res.status}: ${await res.text()}`);
    const shownAt = await page.waitForFunction(
      (n) => {
        const totals = (window as unknown as { totals: Array<[number, string]> }).totals;
        return totals.length > n ? totals[totals.length - 1]![0] : null;
      },
      seen,
      { timeout: 10_000, polling: 10 },
    );
    latencies.push(((await shownAt.jsonValue()) as number) - sentAt);
    // The highlight and the note settle; the next payment is a new moment, as on a support call.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return latencies;
}

export async function liveSection(ctx: BenchContext): Promise<string> {
  ctx.log('bench: live member pages (issue 28)');
  const count = ctx.quick ? 20 : 100;
  const standIn = await startStandIn({ key: ctx.key, latencyMs: LATENCY_MS, extraMembers: 10 });
  const browser = await launchBenchChromium();
  const rows: Array<Array<string | number>> = [];
  const p99s: number[] = [];
  try {
    /** One of our servers, live on, against this section's stand-in. */
    const start = (name: string, env: Record<string, string>) =>
      startOurServer({ name, tmp: ctx.tmp, key: ctx.key, upstream: standIn.baseURL, env });
    const one = await start('live-one', LIVE_ENV);
    const page = await openLivePage(browser, one);
    const single = summarize(await deliveries(standIn, one, page, count));
    await page.close();
    await stopChild(one.child);
    ctx.log(`  one instance: p50 ${single.p50.toFixed(0)} ms, p99 ${single.p99.toFixed(0)} ms`);
    rows.push(['One instance, in memory', count, ms(single.p50), ms(single.p99), ms(single.max)]);
    p99s.push(single.p99);

    const redis = await startRedisServer();
    try {
      const shared = { ...LIVE_ENV, REDIS_URL: redis.url, REDIS_PREFIX: 'bench-live:' };
      const [a, b] = [await start('live-a', shared), await start('live-b', shared)];
      const onB = await openLivePage(browser, b);
      const crossing = summarize(await deliveries(standIn, a, onB, count));
      await onB.close();
      await Promise.all([stopChild(a.child), stopChild(b.child)]);
      ctx.log(`  A to B through Redis: p50 ${crossing.p50.toFixed(0)} ms, p99 ${crossing.p99.toFixed(0)} ms`);
      rows.push(['Delivered to A, page on B (one Redis)', count, ms(crossing.p50), ms(crossing.p99), ms(crossing.max)]);
      p99s.push(crossing.p99);
    } finally {
      await redis.stop();
    }
  } finally {
    await browser.close();
    await stopChild(standIn.child);
  }

  ctx.log('  the support desk hour, three caches');
  const mixes: MixResult[] = [];
  for (const run of [
    { label: 'Today: 5 s, no webhooks', ttlMs: 5_000, webhooks: false },
    { label: '30 s (the cap without webhooks), no webhooks', ttlMs: 30_000, webhooks: false },
    { label: '10 minutes, webhooks delivered', ttlMs: 600_000, webhooks: true },
    { label: '10 minutes, webhooks on but every delivery lost', ttlMs: 600_000, webhooks: true, deliver: false },
  ]) {
    mixes.push(await replayMix(run));
  }
  const today = mixes[0]!.calls;
  const live = mixes[2]!;
  const saved = 1 - live.calls / today;
  ctx.log(`  calls: ${mixes.map((m) => `${m.label} ${m.calls} (stale ${m.stale})`).join('; ')}`);

  return `## Live member pages (issue 28)

Delivery to screen: a member page open in Chromium on the built server, Whop's stand-in answering
in ${LATENCY_MS} ms in its own process. ${count} payments one after the other: each changes the
member's total at the stand-in, then is delivered signed to \`POST /webhooks/whop\`; timed from
just before the delivery is sent until the page's "Total spent" shows the new figure (a
MutationObserver in the page). That span holds the webhook's verification, the fan-out, the
stream, and the page's refetch of the member (one Whop call, ${LATENCY_MS} ms) and its lists.

${table(['Where', 'Deliveries', 'p50', 'p99', 'Max'], rows)}

Every delivery on screen within 2 s: ${verdict(Math.max(...p99s) <= 2000)} (the slowest p99 ${ms(Math.max(...p99s), 0)} ms).

Whop calls saved: one simulated hour of a support desk (\`scripts/bench/live-mix.ts\`), replayed
against the whole server on a clock of its own: ${MIX.lookups} lookups of ${MIX.members} members at
random moments, each member drawn from a Zipf distribution (s = ${MIX.zipf}: a few members, the open
tickets and shared links, are opened again and again, most once or twice), and ${MIX.changes}
payments at random moments to members drawn the same way. A lookup is *stale* when it shows a total
Whop had already changed.

${table(
  ['Member cache', 'Whop member calls', 'Stale lookups', 'Deliveries'],
  mixes.map((m) => [m.label, m.calls, m.stale, m.deliveries]),
)}

Fewer calls than today, none stale: ${verdict(live.stale === 0 && live.calls < today)} (10 minutes with webhooks: ${live.calls} calls against ${today} today, ${(saved * 100).toFixed(0)}% fewer).

The last row is why the 10-minute cache is only allowed with \`WHOP_WEBHOOK_SECRET\`: without
deliveries, a member's change stays hidden until the entry expires (Refresh always asks Whop).
`;
}
