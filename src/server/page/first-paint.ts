import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppMeta } from '../../contract/app-meta';
import {
  FIRST_PAINT_DATA_ID,
  FIRST_PAINT_HISTORY_DATA_ID,
  FIRST_PAINT_SLOT_NAMES,
  FIRST_PAINT_SLOTS,
  type FirstPaintInput,
  type FirstPaintParts,
  type FirstPaintRenderer,
  TIME_ZONE_COOKIE,
} from '../../contract/first-paint';
import type { Member } from '../../contract/member';
import { FIRST_PAINT_LISTS, type FirstPaintLists } from '../../contract/member-lists';
import type { AppEnv } from '../app-env';
import type { MemberLookup } from '../members/member-lookup';
import type { Logger } from '../ops/logger';
import { withCodeAfterPaint } from './after-paint';

/**
 * How long a deep link's page waits for Whop before it goes out without the member (and,
 * counted from the same start, without the history panels' first pages). The app's code is
 * named at the end of the page and loaded once the member is painted (after-paint.ts), so this
 * is also the most a slow Whop delays the start of the app's code: past it the page ends, the
 * code loads after the next frame, and the app asks for the member itself, which by then is in
 * the server's cache or still coalesced with this call.
 */
export const FIRST_PAINT_WAIT_MS = 300;

export type FirstPaintDeps = {
  lookup: MemberLookup;
  /** The build's renderer (shell.ts loads it); null: there is none, and pages go out as they are. */
  render: Promise<FirstPaintRenderer | null>;
  /** The member's memberships, payments and token transactions, first pages (members/member-lists.ts); unset: the panels load in the app. */
  history?: (member: Member) => Promise<FirstPaintLists | null>;
  meta: AppMeta;
  /** Whether this request may show a member: the API's own checks (session, rate limit); all pass when unset. */
  admit?: (c: Context<AppEnv>) => Promise<boolean>;
  /** Whether it may also list the member's lists: counts the panels' `requests` (one per first-paint list) against the rate limit. */
  admitHistory?: (c: Context<AppEnv>, requests: number) => Promise<boolean>;
  /** Gives back what admitHistory counted for lists the page does not carry (the app asks for those itself). */
  refundHistory?: (c: Context<AppEnv>, requests: number) => Promise<void>;
  logger?: Pick<Logger, 'warn'>;
  waitMs?: number;
  /**
   * The chunks the app's entry will import on this page (the member route's, the panels'): with
   * them, the page streamed loads its code once the member is painted (after-paint.ts); unset,
   * the shell's entry script loads as it does on every other page.
   */
  codeAfterPaint?: readonly string[];
};

const ROOT = '<div id="root"></div>';

/** The element that ends the member's markup on a first-paint page (an empty `<template>`: nothing to lay out). */
export const FIRST_PAINT_END_ID = 'first-paint-end';
/**
 * In the page's head: its first render waits until the parser has the end of the member's markup
 * (`<link rel="expect" blocking="render">`), or the whole page when it comes without the member.
 * Under load Chromium's parser yields mid-page and the browser painted what it had: a header
 * without its last item, a button without its label, which the next frame moved (Lighthouse's
 * CLS 0.001-0.005 on a phone, one run in three). Browsers without it paint as before.
 */
export const RENDER_AFTER_MEMBER = `<link rel="expect" href="#${FIRST_PAINT_END_ID}" blocking="render">`;
const MARKUP_END = `<template id="${FIRST_PAINT_END_ID}"></template>`;
/** The panels' requests a page with every first-paint list saves the app: memberships, payments and token transactions. */
const HISTORY_REQUESTS = FIRST_PAINT_LISTS.length;

/**
 * Puts what the lists fill in (the summary, the memberships, the history panels), each rendered
 * into a `<template>` once Whop has answered, where its placeholder is: the member is on screen
 * as soon as the member is in, the rest follows in the same page, before the app's code runs.
 * The same text for every page, allowed by its hash in the CSP (security-headers.ts); it moves
 * markup React escaped and runs nothing from it. A slot without its template keeps its placeholder.
 */
export const HISTORY_SWAP_SCRIPT = `(function(){var p=${JSON.stringify(FIRST_PAINT_SLOT_NAMES.map((n) => [FIRST_PAINT_SLOTS[n].template, FIRST_PAINT_SLOTS[n].slot]))};for(var i=0;i<p.length;i++){var t=document.getElementById(p[i][0]),s=document.getElementById(p[i][1]);if(t&&s)s.replaceChildren(t.content);if(t)t.remove()}})()`;

/** The templates of the parts rendered, in the page's order, and the script that swaps them in; empty when there are none. */
function swapIn(parts: FirstPaintParts): string {
  const templates = FIRST_PAINT_SLOT_NAMES.filter((n) => parts[n])
    .map((n) => `<template id="${FIRST_PAINT_SLOTS[n].template}">${parts[n]}</template>`)
    .join('');
  return templates ? `${templates}<script>${HISTORY_SWAP_SCRIPT}</script>` : '';
}

/** The CSP source that lets exactly this script run. */
export const HISTORY_SWAP_SOURCE = `'sha256-${createHash('sha256').update(HISTORY_SWAP_SCRIPT).digest('base64')}'`;
const encoder = new TextEncoder();

/**
 * A member in JSON inside `<script type="application/json">`: no `<` can end the element or open a comment.
 * JSON escapes (`\u003c`), not HTML's entities (http/escape-html.ts): a script's text is not
 * decoded, so `&lt;` would reach JSON.parse as it is (decision 0026).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The first language of Accept-Language when Intl knows it; none (the server's) otherwise. */
export function readerLocale(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  if (!first || first === '*' || first.length > 35) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(first)[0];
  } catch {
    return undefined;
  }
}

/** The time zone the app last reported (cookie `tz`, src/web/features/member/first-paint-data.ts) when Intl knows it. */
export function readerTimeZone(value: string | undefined): string | undefined {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** What `work` settles to when it does within `ms`; null when it does not, or fails (logged as `what`). */
async function within<T>(work: () => Promise<T | null>, ms: number, what: string, logger: FirstPaintDeps['logger']) {
  if (ms <= 0) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(resolve, ms, null);
  });
  // Settles either way, also after the wait is over, when nobody awaits it any more.
  const answer = Promise.resolve()
    .then(work)
    .catch((err: unknown) => {
      logger?.warn({ err }, `first paint: ${what} failed`);
      return null;
    });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The member page of a deep link, streamed: the shell up to `#root` at once (the browser starts
 * on the stylesheet), then the member's page rendered with the app's components and its JSON for
 * the app to start from, then the rest, which ends with the app's code to load once the member is
 * painted (after-paint.ts). Without an answer in time the same page without the member; when the
 * request may not see members, or there is no renderer, the shell as it is (its code loads at
 * once). Never cached anywhere: it holds a member.
 */
export function memberFirstPaint(deps: FirstPaintDeps) {
  const waitMs = deps.waitMs ?? FIRST_PAINT_WAIT_MS;
  /** A check that fails (a store down) says no: the plain shell, or no panels, never an error page. */
  const checked =
    (check: ((c: Context<AppEnv>, requests: number) => Promise<boolean>) | undefined, requests: number) =>
    async (c: Context<AppEnv>): Promise<boolean> => {
      try {
        return !check || (await check(c, requests));
      } catch (err) {
        deps.logger?.warn({ err }, 'first paint: could not check the request');
        return false;
      }
    };
  const admitted = checked(deps.admit, 1);
  const historyAdmitted = checked(deps.admitHistory, HISTORY_REQUESTS);
  const refundHistory = async (c: Context<AppEnv>, requests: number) => {
    if (requests <= 0 || !deps.refundHistory) return;
    try {
      await deps.refundHistory(c, requests);
    } catch (err) {
      deps.logger?.warn({ err }, 'first paint: could not give back what the history did not use');
    }
  };
  return async (c: Context<AppEnv>, shell: string, id: string, signedInAs: string | null): Promise<Response> => {
    const render = await deps.render;
    if (!render || !shell.includes(ROOT) || !(await admitted(c))) return c.html(shell);
    const html = deps.codeAfterPaint ? withCodeAfterPaint(shell, deps.codeAfterPaint) : shell;
    const at = html.indexOf(ROOT);
    const started = performance.now();
    const before = `${html.slice(0, at).replace('</head>', `${RENDER_AFTER_MEMBER}</head>`)}<div id="root">`;
    const rest = html.slice(at + ROOT.length);
    c.set('firstPaint', true);
    const locale = readerLocale(c.req.header('accept-language'));
    // Without the app's cookie (a reader's first visit), UTC rather than wherever the server runs.
    const timeZone = readerTimeZone(getCookie(c, TIME_ZONE_COOKIE)) ?? 'UTC';
    const origin = new URL(c.req.url).origin;
    const history = deps.history;
    const left = () => waitMs - (performance.now() - started);

    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (text: string) => controller.enqueue(encoder.encode(text));
        try {
          send(before);
          let input: FirstPaintInput | null = null;
          let markup = '';
          try {
            const member = await within(
              async () => {
                const r = await deps.lookup(id);
                return r.ok ? r.value : null;
              },
              left(),
              'the lookup',
              deps.logger,
            );
            if (member) {
              input = {
                member,
                meta: { ...deps.meta, signedInAs },
                origin,
                updatedAt: Date.now(),
                locale,
                timeZone,
              };
              markup = render.member(input);
            }
          } catch (err) {
            // The app renders the page itself, as it would without this.
            deps.logger?.warn({ err }, 'first paint failed');
          }
          if (!input || !markup) {
            send(`</div>${rest}`);
            return;
          }
          // The member on screen now; the lists' first pages (the summary, memberships and history
          // panels from them), if Whop has them in time, follow.
          send(markup + MARKUP_END);
          let pages: FirstPaintLists | null = null;
          let panels = '';
          if (history && left() > 0 && (await historyAdmitted(c))) {
            const member = input.member;
            pages = await within(() => history(member), left(), 'the history', deps.logger);
            try {
              if (pages) panels = swapIn(render.history({ ...input, history: pages }));
            } catch (err) {
              // The placeholders stay; the app loads the panels as it would without this.
              deps.logger?.warn({ err }, 'first paint: the history failed to render');
            }
            if (!panels) pages = null;
            // A list the page does not carry is one the app will ask for, and count, itself.
            const carried = pages ? FIRST_PAINT_LISTS.filter((name) => pages?.[name]).length : 0;
            await refundHistory(c, HISTORY_REQUESTS - carried);
          }
          if (pages && panels) send(panels);
          send(
            `</div><script type="application/json" id="${FIRST_PAINT_DATA_ID}">${jsonForScript(input.member)}</script>` +
              (pages
                ? `<script type="application/json" id="${FIRST_PAINT_HISTORY_DATA_ID}">${jsonForScript(pages)}</script>`
                : '') +
              rest,
          );
        } catch {
          // The browser has gone (the stream was cancelled): nobody to send the rest to.
        } finally {
          try {
            controller.close();
          } catch {
            // Cancelled: already closed.
          }
        }
      },
    });
    return c.body(body, 200, {
      'Content-Type': 'text/html; charset=UTF-8',
      'Cache-Control': 'no-store',
      // nginx passes it on as it comes rather than buffering the whole page (deploy/nginx.conf).
      'X-Accel-Buffering': 'no',
    });
  };
}
