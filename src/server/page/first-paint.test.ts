import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectLogs, startTestApp, type TestApp } from '../../../test/test-app';
import {
  FIRST_PAINT_DATA_ID,
  FIRST_PAINT_HISTORY_DATA_ID,
  FIRST_PAINT_HISTORY_SLOT_ID,
  FIRST_PAINT_HISTORY_TEMPLATE_ID,
  FIRST_PAINT_SLOT_NAMES,
  FIRST_PAINT_SLOTS,
  type FirstPaintSlot,
} from '../../contract/first-paint';
import { MemberSchema } from '../../contract/member';
import { MembershipPageSchema } from '../../contract/membership';
import { PaymentPageSchema } from '../../contract/payment';
import { TokenTransactionPageSchema } from '../../contract/token-transaction';
import { z } from '../../contract/zod';
import { demoMembers } from '../../demo-whop/fixtures';
import { factory } from '../app-env';
import { createLogger } from '../ops/logger';
import { AFTER_PAINT_DATA_ID, AFTER_PAINT_SCRIPT, AFTER_PAINT_SOURCE } from './after-paint';
import { EARLY_THEME_SCRIPT } from './early-theme';
import {
  FIRST_PAINT_END_ID,
  type FirstPaintDeps,
  HISTORY_SWAP_SCRIPT,
  HISTORY_SWAP_SOURCE,
  jsonForScript,
  memberFirstPaint,
  RENDER_AFTER_MEMBER,
  readerLocale,
  readerTimeZone,
} from './first-paint';
import { loadSpa } from './shell';

// The server's side of a deep link's first paint: when it renders, what goes in the page, and
// when it leaves the page as it was. The renderer here is a small stand-in module written where
// `npm run build` puts the real one; the real one (the app's components) is tested in
// src/web/app/first-paint.test.tsx and, end to end, in e2e/first-paint.spec.ts.
const RENDERER = `
const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
export function renderMemberFirstPaint(input) {
  globalThis.__firstPaintInputs?.push(input);
  return '<main><h1 id="member-name">' + esc(input.member.user?.name ?? input.member.id) + '</h1></main>';
}
export function renderHistoryFirstPaint(input) {
  const count = (page) => (page ? page.data.length : 'loading');
  const { memberships, payments, tokenTransactions } = input.history;
  return {
    ...(memberships && {
      summary: '<section id="summary">' + memberships.data.length + ' memberships read</section>',
      memberships: '<section id="memberships">' + memberships.data.length + ' memberships</section>',
    }),
    ...((payments || tokenTransactions) && {
      history: '<section id="payments">' + count(payments) + ' payments, ' + count(tokenTransactions) + ' token transactions</section>',
    }),
  };
}`;
const MEMBER_ONLY_RENDERER = RENDERER.replace('export function renderHistoryFirstPaint', 'function unused');

declare global {
  var __firstPaintInputs: unknown[] | undefined;
}

/** A build in a temp dir: the SPA in client/, the first-paint renderer (or not) in first-paint/. */
function built({ renderer = RENDERER }: { renderer?: string | null } = {}) {
  const base = mkdtempSync(path.join(tmpdir(), 'first-paint-'));
  const root = path.join(base, 'client');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><title>x</title><script type="module" crossorigin src="/assets/app-abc.js"></script><link rel="stylesheet" crossorigin href="/assets/app-def.css"></head><body><div id="root"></div></body></html>',
  );
  if (renderer !== null) {
    mkdirSync(path.join(base, 'first-paint'));
    writeFileSync(path.join(base, 'first-paint', 'first-paint.js'), renderer);
  }
  return loadSpa(root, { mode: 'demo', demoMembers: [] });
}

/** The member's JSON the page carries, parsed as the app parses it; null when there is none. */
function carried(html: string) {
  const json = new RegExp(`<script type="application/json" id="${FIRST_PAINT_DATA_ID}">([^<]*)</script>`).exec(
    html,
  )?.[1];
  return json === undefined ? null : MemberSchema.parse(JSON.parse(json));
}

/** The history's first pages the page carries, parsed as the app parses them; null when there are none. */
function carriedHistory(html: string) {
  const json = new RegExp(`<script type="application/json" id="${FIRST_PAINT_HISTORY_DATA_ID}">([^<]*)</script>`).exec(
    html,
  )?.[1];
  return json === undefined
    ? null
    : z
        .object({
          memberships: z.nullable(MembershipPageSchema),
          payments: z.nullable(PaymentPageSchema),
          tokenTransactions: z.nullable(TokenTransactionPageSchema),
        })
        .parse(JSON.parse(json));
}

/**
 * How the page loads the app's code: its entry's script tag ('at once', the shell as it is), the
 * list and the loader at the end of the body ('after the paint', after-paint.ts), both or neither.
 */
function codeLoads(html: string) {
  const tag = html.includes('<script type="module" crossorigin src="/assets/app-abc.js"></script>');
  const list = html.includes(`id="${AFTER_PAINT_DATA_ID}"`) && html.includes(`<script>${AFTER_PAINT_SCRIPT}</script>`);
  if (tag && list) return 'twice';
  return tag ? 'at once' : list ? 'after the paint' : 'never';
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The markup the page swaps into one slot (the summary, the memberships); null when it has none for it. */
function part(html: string, name: FirstPaintSlot) {
  const scripted = /<template id="[^"]+">.*<\/template><script>/.exec(html)?.[0] ?? '';
  return new RegExp(`<template id="${FIRST_PAINT_SLOTS[name].template}">(.*?)</template>`).exec(scripted)?.[1] ?? null;
}

/** The panels' markup the page swaps in, with the script that does it; null when there is none. */
function swapped(html: string) {
  return (
    new RegExp(
      `<template id="${FIRST_PAINT_HISTORY_TEMPLATE_ID}">(.*?)</template><script>${escapeRegExp(HISTORY_SWAP_SCRIPT)}</script>`,
    ).exec(html)?.[1] ?? null
  );
}

const LIST_PATHS = { memberships: '/memberships', payments: '/payments', token: 'token_transactions' } as const;
const listCalls = (t: TestApp, list: keyof typeof LIST_PATHS) =>
  t.whop.requests.filter((r) => r.path.includes(LIST_PATHS[list])).length;

/**
 * An app whose deep links wait up to 2 s for Whop (FIRST_PAINT_WAIT_MS), where a test needs the
 * member and its history in the page whatever the machine's load; the default 300 ms elsewhere.
 */
const patient = (options: Parameters<typeof startTestApp>[0] = {}) =>
  startTestApp({ spa: built(), firstPaintWaitMs: 2000, ...options });

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  globalThis.__firstPaintInputs = undefined;
});

describe("a deep link's first paint", () => {
  it('renders the member into #root, with its JSON beside it, from one Whop call', async () => {
    t = await patient();
    const res = await t.get('/members/mber_demoAvaChen');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const html = await res.text();
    expect(html).toContain('<div id="root"><main><h1 id="member-name">Ava Chen</h1></main><template ');
    expect(carried(html)?.id).toBe('mber_demoAvaChen');
    // Its first frame waits for the end of the member's markup: never a member half parsed.
    expect(html).toContain(`${RENDER_AFTER_MEMBER}</head>`);
    expect(RENDER_AFTER_MEMBER).toBe(`<link rel="expect" href="#${FIRST_PAINT_END_ID}" blocking="render">`);
    expect(html).toContain(`</main><template id="${FIRST_PAINT_END_ID}"></template>`);
    expect(html.match(new RegExp(`id="${FIRST_PAINT_END_ID}"`, 'g'))).toHaveLength(1);
    expect(t.whop.callsFor('mber_demoAvaChen')).toBe(1);
    // The page is the member: no preload of its answer, and only the stylesheet, which the paint
    // waits for; the code comes after the paint (after-paint.ts).
    expect(res.headers.get('link')).toBe('</assets/app-def.css>; rel=preload; as=style; crossorigin');
    expect(codeLoads(html)).toBe('after the paint');
    // The body ends with the list of the app's code and the script that loads it, after the member's JSON.
    const list = `<script type="application/json" id="${AFTER_PAINT_DATA_ID}">["/assets/app-abc.js"]</script><script>${AFTER_PAINT_SCRIPT}</script>`;
    expect(html).toMatch(new RegExp(`${escapeRegExp(list)}\\s*</body>`));
    expect(html.indexOf(`id="${FIRST_PAINT_DATA_ID}"`)).toBeLessThan(html.indexOf(list));
  });

  it("follows the member with the panels' first pages, swapped in by the page's one fixed script, and carries them for the app", async () => {
    t = await patient();
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    const panels = swapped(html);
    const history = carriedHistory(html);
    expect(history?.payments?.data.length).toBeGreaterThan(0);
    expect(panels).toBe(
      `<section id="payments">${history?.payments?.data.length} payments, ${history?.tokenTransactions?.data.length} token transactions</section>`,
    );
    // After the member's markup, inside #root (the app's first render replaces it all), and before the data.
    expect(html.indexOf('</main>')).toBeLessThan(html.indexOf('<template '));
    expect(html.indexOf('</script></div>')).toBeLessThan(html.indexOf(`id="${FIRST_PAINT_DATA_ID}"`));
    // The panels' own routes would answer the same pages.
    expect(history?.payments).toEqual(await (await t.get('/api/members/mber_demoAvaChen/payments')).json());
    expect(history?.tokenTransactions).toEqual(
      await (await t.get('/api/members/mber_demoAvaChen/token-transactions')).json(),
    );
    expect(listCalls(t, 'payments')).toBe(2);
    expect(listCalls(t, 'token')).toBe(2);
  });

  it('comes with the memberships too: the summary and the memberships panel swapped into their slots, in the order of the page', async () => {
    t = await patient();
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    const history = carriedHistory(html);
    const count = history?.memberships?.data.length;
    expect(count).toBeGreaterThan(0);
    expect(part(html, 'summary')).toBe(`<section id="summary">${count} memberships read</section>`);
    expect(part(html, 'memberships')).toBe(`<section id="memberships">${count} memberships</section>`);
    // One script after all three templates, which come in the page's order.
    const at = FIRST_PAINT_SLOT_NAMES.map((n) => html.indexOf(`<template id="${FIRST_PAINT_SLOTS[n].template}">`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html.split(`<script>${HISTORY_SWAP_SCRIPT}</script>`)).toHaveLength(2);
    // The memberships route would answer the same page, from one Whop call each.
    expect(history?.memberships).toEqual(await (await t.get('/api/members/mber_demoAvaChen/memberships')).json());
    expect(listCalls(t, 'memberships')).toBe(2);
  });

  it('leaves the summary checking and the memberships to the app when Whop refuses them (403), and still carries the history', async () => {
    t = await patient();
    const html = await (await t.get('/members/mber_demoRestricted')).text();
    const history = carriedHistory(html);
    expect(history?.memberships).toBeNull();
    expect(history?.payments).not.toBeNull();
    expect(part(html, 'summary')).toBeNull();
    expect(part(html, 'memberships')).toBeNull();
    expect(swapped(html)).not.toBeNull();
    // As the memberships route answers: the key may not read them, which the app's summary says.
    const route = await t.get('/api/members/mber_demoRestricted/memberships');
    expect(route.status).toBe(502);
    expect(await route.json()).toMatchObject({ error: { code: 'upstream_forbidden' } });
  });

  it('lets the swap script run by its hash, and no other inline script', async () => {
    t = await startTestApp({ spa: built() });
    const res = await t.get('/members/mber_demoAvaChen');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(HISTORY_SWAP_SOURCE);
    expect(csp).toContain(AFTER_PAINT_SOURCE);
    expect(csp).not.toContain('unsafe-inline');
    // It names the fixed ids of each slot and its template, and nothing else.
    expect(HISTORY_SWAP_SCRIPT).toContain(FIRST_PAINT_HISTORY_SLOT_ID);
    expect(HISTORY_SWAP_SCRIPT).toContain(FIRST_PAINT_HISTORY_TEMPLATE_ID);
    const named = [...HISTORY_SWAP_SCRIPT.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(named.sort()).toEqual(
      FIRST_PAINT_SLOT_NAMES.flatMap((n) => [FIRST_PAINT_SLOTS[n].slot, FIRST_PAINT_SLOTS[n].template]).sort(),
    );
  });

  it('carries the list Whop gave and leaves the refused one to the app', async () => {
    t = await patient();
    const html = await (await t.get('/members/mber_demoPaymentsHidden')).text();
    const history = carriedHistory(html);
    expect(history?.payments).toBeNull();
    expect(history?.tokenTransactions?.data.length).toBeGreaterThan(0);
    expect(swapped(html)).toContain(`${history?.tokenTransactions?.data.length} token transactions`);
  });

  it("carries a list only as the panel's own route answers it: junk from Whop is left to the app", async () => {
    t = await patient();
    const html = await (await t.get('/members/mber_demoHistoryJunk')).text();
    const history = carriedHistory(html);
    expect(history?.payments).toBeNull();
    expect((await t.get('/api/members/mber_demoHistoryJunk/payments')).status).toBe(502);
    const tokens = await t.get('/api/members/mber_demoHistoryJunk/token-transactions');
    // The stand-in's junk token answer (a bare array) reads as an empty page there too.
    expect(tokens.status).toBe(200);
    expect(history?.tokenTransactions).toEqual(await tokens.json());
  });

  it('gives a member without a Whop user empty panels without asking Whop for lists', async () => {
    t = await patient();
    const html = await (await t.get('/members/mber_demoNoUser')).text();
    expect(carriedHistory(html)).toEqual({
      memberships: { data: [], next_cursor: null },
      payments: { data: [], next_cursor: null },
      tokenTransactions: { data: [], next_cursor: null },
    });
    expect(listCalls(t, 'memberships') + listCalls(t, 'payments') + listCalls(t, 'token')).toBe(0);
  });

  it('leaves the panels, the memberships and the summary to the app when the lists are slower than the wait: the member still comes with the page', async () => {
    t = await patient({ firstPaintWaitMs: 1000 });
    const id = 'mber_demoHistorySlow';
    const html = await (await t.get(`/members/${id}`)).text();
    expect(carried(html)?.id).toBe(id);
    expect(swapped(html)).toBeNull();
    expect(part(html, 'summary')).toBeNull();
    expect(part(html, 'memberships')).toBeNull();
    expect(carriedHistory(html)).toBeNull();
    expect(html).toContain('</body></html>');
  });

  it('leaves the panels to the app when Whop refuses their lists (429): the member and its memberships still come with the page', async () => {
    t = await patient({ firstPaintWaitMs: 1000 });
    const id = 'mber_demoHistoryRateLimited';
    const html = await (await t.get(`/members/${id}`)).text();
    expect(carried(html)?.id).toBe(id);
    expect(swapped(html)).toBeNull();
    const history = carriedHistory(html);
    expect(history?.payments).toBeNull();
    expect(history?.tokenTransactions).toBeNull();
    expect(history?.memberships).not.toBeNull();
    expect(part(html, 'summary')).not.toBeNull();
    expect(html).toContain('</body></html>');
  });

  it('leaves the panels to the app when their renderer throws, and says so in the log', async () => {
    t = await patient({
      spa: built({
        renderer: `${MEMBER_ONLY_RENDERER}\nexport function renderHistoryFirstPaint(i) { if (i.member.id !== "mber_warmUp") throw new Error("boom"); return ""; }`,
      }),
    });
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    expect(carried(html)?.id).toBe('mber_demoAvaChen');
    expect(swapped(html)).toBeNull();
    expect(carriedHistory(html)).toBeNull();
    expect(html).toContain('</body></html>');
    expect(t.logs.some((l) => l.msg === 'first paint: the history failed to render')).toBe(true);
  });

  it('goes out as the plain shell when the build has no history renderer, and says why at start', async () => {
    t = await startTestApp({ spa: built({ renderer: MEMBER_ONLY_RENDERER }) });
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    expect(html).toContain('<div id="root"></div>');
    expect(t.logs.some((l) => String(l.problem ?? '').endsWith('exports no renderHistoryFirstPaint'))).toBe(true);
  });

  it('sets the theme from the head, before the stylesheet, where a script does not wait for it', async () => {
    t = await startTestApp({ spa: built() });
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    const theme = html.indexOf(EARLY_THEME_SCRIPT);
    expect(theme).toBeGreaterThan(0);
    expect(theme).toBeLessThan(html.indexOf('<link rel="stylesheet"'));
  });

  it("passes the reader's locale and time zone when Intl knows them, and the page's origin", async () => {
    t = await patient();
    globalThis.__firstPaintInputs = [];
    await (
      await t.get('http://lookup.example/members/mber_demoAvaChen', {
        headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5', cookie: 'tz=Europe/Berlin' },
      })
    ).text();
    await (
      await t.get('/members/mber_demoAvaChen', { headers: { 'accept-language': 'xx-!!', cookie: 'tz=Mars/Olympus' } })
    ).text();
    // Not the renderer's warm-up at start (page/shell.ts), which may land here too.
    const [known, unknown] = (globalThis.__firstPaintInputs as Array<{ member: { id: string } }>).filter(
      (i) => i.member.id !== 'mber_warmUp',
    ) as Array<Record<string, unknown>>;
    expect(known).toMatchObject({ locale: 'de-DE', timeZone: 'Europe/Berlin', origin: 'http://lookup.example' });
    expect(unknown?.locale).toBeUndefined();
    expect(unknown?.timeZone).toBe('UTC');
  });

  it('goes out as the plain shell, with the answer preloaded, when the build has no renderer', async () => {
    t = await startTestApp({ spa: built({ renderer: null }) });
    const res = await t.get('/members/mber_demoAvaChen');
    const html = await res.text();
    expect(html).toContain('<div id="root"></div>');
    expect(carried(html)).toBeNull();
    expect(html).not.toContain('rel="expect"');
    // The shell as every other page has it: its entry script loads at once.
    expect(codeLoads(html)).toBe('at once');
    expect(res.headers.get('link')).toMatch(
      /^<\/api\/members\/mber_demoAvaChen>; rel=preload; as=fetch; crossorigin, /,
    );
  });

  it('says once at start why deep links render in the browser only, when the build has no renderer', async () => {
    t = await startTestApp({ spa: built({ renderer: null }) });
    await t.get('/api/health');
    const warned = t.logs.filter(
      (l) => typeof l.msg === 'string' && l.msg.startsWith('deep links render in the browser only'),
    );
    expect(warned).toHaveLength(1);
    expect(String(warned[0]?.problem)).toMatch(/first-paint\.js is missing$/);
  });

  it('says why when the renderer does not load, and serves the plain shell', async () => {
    t = await startTestApp({ spa: built({ renderer: 'export const renderMemberFirstPaint = (' }) });
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    expect(html).toContain('<div id="root"></div>');
    expect(t.logs.some((l) => String(l.problem ?? '').includes('did not load'))).toBe(true);
  });

  it('goes out as the plain shell when the renderer throws, and says so in the log', async () => {
    t = await startTestApp({
      spa: built({
        renderer:
          'export function renderMemberFirstPaint(i) { if (i.member.id !== "mber_warmUp") throw new Error("boom"); return ""; }\nexport const renderHistoryFirstPaint = () => "";',
      }),
    });
    const res = await t.get('/members/mber_demoAvaChen');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain('</body></html>');
    expect(carried(html)).toBeNull();
    expect(codeLoads(html)).toBe('after the paint');
    expect(t.logs.some((l) => l.msg === 'first paint failed')).toBe(true);
  });

  it.each([
    ['mber_demoNotFound', 'a member Whop does not know'],
    ['mber_demoSlow', 'Whop slower than the wait (2 s against 300 ms)'],
  ])('%s (%s): the plain shell, and the app asks and explains', async (id) => {
    t = await startTestApp({ spa: built() });
    const started = Date.now();
    const html = await (await t.get(`/members/${id}`)).text();
    expect(html).toContain('<div id="root"></div>');
    expect(carried(html)).toBeNull();
    // No end of a member to wait for: its first frame waits for the end of the page, there at once.
    expect(html).toContain(RENDER_AFTER_MEMBER);
    expect(html).not.toContain(`id="${FIRST_PAINT_END_ID}"`);
    // The page was streamed: its code is named at its end, and loads after the next frame.
    expect(codeLoads(html)).toBe('after the paint');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it.each([
    ['at once', 0],
    ['after the wait is over', 400],
  ])('goes out as the plain shell when the lookup throws %s, and nothing is left unhandled', async (_, ms) => {
    const failing = async () => {
      await new Promise((r) => setTimeout(r, ms));
      throw new Error('lookup broke');
    };
    t = await startTestApp({ spa: built(), lookupOverride: failing });
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    expect(html).toContain('<div id="root"></div>');
    expect(codeLoads(html)).toBe('after the paint');
    // Past the lookup's end: vitest fails the run on an unhandled rejection.
    await new Promise((r) => setTimeout(r, ms + 50));
    expect(t.logs.some((l) => l.msg === 'first paint: the lookup failed')).toBe(true);
  });

  it.each([
    ['a CRLF', '/members/mber_abc%0D%0ASet-Cookie:%20x=y'],
    ['a quote and a tag', '/members/mber_abc%22%3E%3Cscript%3E'],
    ['5,000 characters', `/members/mber_${'a'.repeat(4995)}`],
    ['a membership id', '/members/mem_demoAvaPro'],
    ['a space before the id', '/members/%20mber_demoAvaChen'],
  ])('%s in the path: no lookup, no first paint', async (_, p) => {
    t = await startTestApp({ spa: built() });
    const res = await t.get(p);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<div id="root"></div>');
    expect(codeLoads(html)).toBe('at once');
    expect(t.whop.requests.filter((r) => r.path.includes('/members/'))).toHaveLength(0);
  });

  it('after a reload (Cache-Control: max-age=0) leaves the member to the page, which asks Whop past the cache', async () => {
    t = await startTestApp({ spa: built() });
    const html = await (await t.get('/members/mber_demoAvaChen', { headers: { 'cache-control': 'max-age=0' } })).text();
    expect(carried(html)).toBeNull();
    expect(codeLoads(html)).toBe('at once');
    expect(t.whop.callsFor('mber_demoAvaChen')).toBe(0);
  });

  it("counts against the same rate limit as the API, the panels' lists as their three requests, and past it goes without", async () => {
    t = await patient({ rateLimitPerMinute: 5 });
    const first = await (await t.get('/members/mber_demoAvaChen')).text();
    expect(carried(first)).not.toBeNull();
    expect(carriedHistory(first)).not.toBeNull();
    expect((await t.get('/api/members/mber_demoAvaChen')).status).toBe(200);
    const over = await t.get('/members/mber_demoAvaChen');
    expect(over.status).toBe(200);
    expect(carried(await over.text())).toBeNull();
    expect((await t.get('/api/members/mber_demoAvaChen')).status).toBe(429);
    expect(t.whop.callsFor('mber_demoAvaChen')).toBe(2);
  });

  it('shows the member without the panels when only the member fits in the rate limit, and leaves the rest to the app', async () => {
    // The member's one request and two more: fewer than the lists' three.
    t = await patient({ rateLimitPerMinute: 3 });
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    expect(carried(html)).not.toBeNull();
    expect(carriedHistory(html)).toBeNull();
    expect(listCalls(t, 'memberships') + listCalls(t, 'payments') + listCalls(t, 'token')).toBe(0);
    // The refused count was given back: the app's own requests for two panels still fit.
    expect((await t.get('/api/members/mber_demoAvaChen/memberships')).status).toBe(200);
    expect((await t.get('/api/members/mber_demoAvaChen/payments')).status).toBe(200);
    expect((await t.get('/api/members/mber_demoAvaChen/token-transactions')).status).toBe(429);
  });

  it('gives back the count for lists the page goes without, so the app may ask for them', async () => {
    t = await patient({ rateLimitPerMinute: 4 });
    const html = await (await t.get('/members/mber_demoHistoryRateLimited')).text();
    expect(carried(html)).not.toBeNull();
    // The memberships came (one request kept); payments and token transactions did not (two given back).
    expect(carriedHistory(html)).toMatchObject({ payments: null, tokenTransactions: null });
    expect(carriedHistory(html)?.memberships).not.toBeNull();
    expect((await t.get('/api/members/mber_demoHistoryRateLimited/payments')).status).toBe(429);
    expect((await t.get('/api/members/mber_demoHistoryRateLimited/token-transactions')).status).toBe(429);
    // Both were Whop's 429s, counted: the third request of the minute is ours.
    const third = await t.get('/api/members/mber_demoHistoryRateLimited');
    expect(third.status).toBe(429);
    expect(listCalls(t, 'payments')).toBe(2);
  });

  it('carries what the API would answer, escaped so that no value can end the script', async () => {
    t = await patient();
    t.whop.updateMember('mber_demoAvaChen', {
      user: { id: 'user_x', username: 'x', email: null, name: '</script><script>alert(1)</script><!--' },
    } as never);
    const html = await (await t.get('/members/mber_demoAvaChen')).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
    expect(carried(html)?.user?.name).toBe('</script><script>alert(1)</script><!--');
    const api = await (await t.get('/api/members/mber_demoAvaChen')).json();
    expect(carried(html)).toEqual(api);
  });
});

describe('when a check of the request throws (a store down)', () => {
  const member = MemberSchema.parse({ ...demoMembers(0)[0]! });
  const emptyPage = { data: [], next_cursor: null };

  /**
   * The first paint alone, mounted as page-routes.ts mounts it, over a lookup that always finds
   * the member and a history that always has its pages: only the checks can leave them out.
   */
  async function pageWith(checks: Pick<FirstPaintDeps, 'admit' | 'admitHistory'>) {
    const spa = built()!;
    const { logs, sink } = collectLogs();
    const paint = memberFirstPaint({
      lookup: async () => ({
        ok: true,
        value: member,
        attempts: 1,
        cached: false,
        coalesced: false,
        upstreamStatus: 200,
      }),
      render: spa.firstPaint.then((loaded) => loaded.render),
      history: async () => ({ memberships: emptyPage, payments: emptyPage, tokenTransactions: emptyPage }),
      meta: spa.meta,
      logger: createLogger('info', sink),
      waitMs: 2000,
      ...checks,
    });
    const app = factory.createApp();
    app.get('/members/:id', (c) => paint(c, spa.memberIndexHtml, c.req.param('id'), null));
    const res = await app.request(`/members/${member.id}`);
    return { res, html: await res.text(), logs };
  }

  it('goes out as the plain shell, without the member, when admit throws', async () => {
    const { res, html, logs } = await pageWith({
      admit: async () => {
        throw new Error('rate limit store down');
      },
    });
    expect(res.status).toBe(200);
    expect(html).toContain('<div id="root"></div>');
    expect(carried(html)).toBeNull();
    expect(carriedHistory(html)).toBeNull();
    expect(codeLoads(html)).toBe('at once');
    expect(logs.some((l) => l.msg === 'first paint: could not check the request')).toBe(true);
  });

  it('carries the member without the history when admitHistory throws', async () => {
    const { res, html, logs } = await pageWith({
      admitHistory: async () => {
        throw new Error('rate limit store down');
      },
    });
    expect(res.status).toBe(200);
    expect(carried(html)?.id).toBe(member.id);
    expect(swapped(html)).toBeNull();
    expect(carriedHistory(html)).toBeNull();
    expect(html).toContain('</body></html>');
    expect(logs.some((l) => l.msg === 'first paint: could not check the request')).toBe(true);
  });
});

describe('the helpers', () => {
  it('jsonForScript leaves no <, >, & or line separators, and parses back to the same value', () => {
    const value = { a: '</script><!-- & \u2028\u2029 >' };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['*', undefined],
    ['en-US,en;q=0.9', 'en-US'],
    ['fr;q=0.8', 'fr'],
    ['not a locale', undefined],
    [`${'a'.repeat(40)}`, undefined],
  ])('readerLocale(%j) is %j', (header, expected) => {
    expect(readerLocale(header)).toBe(expected);
  });

  it.each([
    [undefined, undefined],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['Europe/Nowhere', undefined],
    ['Europe/Berlin; x=y', undefined],
    ['a'.repeat(65), undefined],
  ])('readerTimeZone(%j) is %j', (value, expected) => {
    expect(readerTimeZone(value)).toBe(expected);
  });
});
