import { FIRST_PAINT_DATA_ID, FIRST_PAINT_HISTORY_DATA_ID, TIME_ZONE_COOKIE } from '../../../contract/first-paint';
import { type Member, MemberSchema } from '../../../contract/member';
import { FIRST_PAINT_LISTS, type FirstPaintLists, MEMBER_LISTS } from '../../../contract/member-lists';
import { z } from '../../../contract/zod';

/** The element's JSON, parsed with `schema`; the element goes, so it is taken once. Null when absent or unreadable. */
function take<T>(id: string, schema: z.ZodMiniType<T>): T | null {
  const element = document.getElementById(id);
  if (!element) return null;
  element.remove();
  try {
    const parsed = schema.safeParse(JSON.parse(element.textContent ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The member a deep link's page was rendered with by the server (src/server/page/first-paint.ts),
 * for the page's own id, parsed with the same schema as the API's answers. Taken once: the
 * element goes, so a later visit to the page asks as usual. Null when there is none, it is
 * another member's, or it does not parse (the page then asks the API, as without it).
 */
export function takeFirstPaintMember(id: string): Member | null {
  const member = take(FIRST_PAINT_DATA_ID, MemberSchema);
  return member?.id === id ? member : null;
}

/** Each first-paint list's page, or null (the server did not have it in time), as the API answers it. */
const FirstPaintListsSchema = z.object(
  Object.fromEntries(FIRST_PAINT_LISTS.map((name) => [name, z.nullable(MEMBER_LISTS[name].page)])),
) as unknown as z.ZodMiniType<FirstPaintLists>;

/**
 * The first pages of the member's lists the server rendered the page with (FIRST_PAINT_LISTS), parsed as the API's answers are; taken once, and only along with the member
 * (takeFirstPaintMember), whose panels they are.
 */
export function takeFirstPaintHistory(): FirstPaintLists | null {
  return take(FIRST_PAINT_HISTORY_DATA_ID, FirstPaintListsSchema);
}

/**
 * Keeps the reader's time zone in a cookie, so the server writes a deep link's dates as this
 * page does (it cannot tell the zone from a request otherwise). Not secret, not a session.
 * Through the Cookie Store API, where the browser has it (secure pages: https and localhost).
 */
export function rememberTimeZone(): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || typeof cookieStore === 'undefined') return;
  const year = 365 * 24 * 3600 * 1000;
  void cookieStore
    .set({ name: TIME_ZONE_COOKIE, value: zone, path: '/', expires: Date.now() + year, sameSite: 'lax' })
    .catch(() => {});
}
