import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { FIRST_PAINT_DATA_ID, type RenderMemberFirstPaint, TIME_ZONE_COOKIE } from '../contract/first-paint';
import type { Member } from '../contract/member';
import type { AppEnv } from './app-env';
import type { Logger } from './logger';
import type { MemberLookup } from './member-lookup';
import type { AppMeta } from './spa';

/**
 * How long a deep link's page waits for Whop before it goes out without the member. The app's
 * code cannot start before the page is complete (module scripts wait for the whole document),
 * so this is also the most a slow Whop delays the app: past it the app loads as before and
 * asks for the member itself, which by then is in the server's cache or still coalesced with
 * this call.
 */
export const FIRST_PAINT_WAIT_MS = 300;

export type FirstPaintDeps = {
  lookup: MemberLookup;
  /** The build's renderer (spa.ts loads it); null: there is none, and pages go out as they are. */
  render: Promise<RenderMemberFirstPaint | null>;
  meta: AppMeta;
  /** Whether this request may show a member: the API's own checks (session, rate limit); all pass when unset. */
  admit?: (c: Context<AppEnv>) => Promise<boolean>;
  logger?: Pick<Logger, 'warn'>;
  waitMs?: number;
};

const ROOT = '<div id="root"></div>';
const encoder = new TextEncoder();

/** A member in JSON inside `<script type="application/json">`: no `<` can end the element or open a comment. */
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

/** The member when Whop answers within `ms`; null when it does not, or answers with a problem. */
async function memberWithin(
  lookup: MemberLookup,
  id: string,
  ms: number,
  logger: FirstPaintDeps['logger'],
): Promise<Member | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(resolve, ms, null);
  });
  // Settles either way, also after the wait is over, when nobody awaits it any more.
  const answer = lookup(id).then(
    (r) => (r.ok ? r.value : null),
    (err: unknown) => {
      logger?.warn({ err }, 'first paint: the lookup failed');
      return null;
    },
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The member page of a deep link, streamed: the shell up to `#root` at once (the browser starts
 * on the stylesheet and the code), then the member's page rendered with the app's components and
 * its JSON for the app to start from, then the rest. Without an answer in time, or when the
 * request may not see members, the shell as it is. Never cached anywhere: it holds a member.
 */
export function memberFirstPaint(deps: FirstPaintDeps) {
  const waitMs = deps.waitMs ?? FIRST_PAINT_WAIT_MS;
  /** The checks, where a failing one (a store down) means the plain shell, never an error page. */
  const admitted = async (c: Context<AppEnv>) => {
    try {
      return !deps.admit || (await deps.admit(c));
    } catch (err) {
      deps.logger?.warn({ err }, 'first paint: could not check the request');
      return false;
    }
  };
  return async (c: Context<AppEnv>, html: string, id: string, signedInAs: string | null): Promise<Response> => {
    const at = html.indexOf(ROOT);
    const render = await deps.render;
    if (!render || at < 0 || !(await admitted(c))) return c.html(html);
    const before = `${html.slice(0, at)}<div id="root">`;
    const after = `</div>${html.slice(at + ROOT.length)}`;
    c.set('firstPaint', true);
    const locale = readerLocale(c.req.header('accept-language'));
    // Without the app's cookie (a reader's first visit), UTC rather than wherever the server runs.
    const timeZone = readerTimeZone(getCookie(c, TIME_ZONE_COOKIE)) ?? 'UTC';
    const origin = new URL(c.req.url).origin;

    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(before));
        let page = '';
        try {
          const member = await memberWithin(deps.lookup, id, waitMs, deps.logger);
          if (member) {
            const markup = render({
              member,
              meta: { ...deps.meta, demoMembers: [...deps.meta.demoMembers], signedInAs },
              origin,
              updatedAt: Date.now(),
              locale,
              timeZone,
            });
            page = `${markup}</div><script type="application/json" id="${FIRST_PAINT_DATA_ID}">${jsonForScript(member)}</script>${html.slice(at + ROOT.length)}`;
          }
        } catch (err) {
          // The app renders the page itself, as it would without this.
          deps.logger?.warn({ err }, 'first paint failed');
        }
        try {
          controller.enqueue(encoder.encode(page || after));
          controller.close();
        } catch {
          // The browser has gone (the stream was cancelled): nobody to send the rest to.
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
