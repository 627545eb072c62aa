import { FIRST_PAINT_DATA_ID, TIME_ZONE_COOKIE } from '../../../contract/first-paint';
import { type Member, MemberSchema } from '../../../contract/member';

/**
 * The member a deep link's page was rendered with by the server (src/server/first-paint.ts),
 * for the page's own id, parsed with the same schema as the API's answers. Taken once: the
 * element goes, so a later visit to the page asks as usual. Null when there is none, it is
 * another member's, or it does not parse (the page then asks the API, as without it).
 */
export function takeFirstPaintMember(id: string): Member | null {
  const element = document.getElementById(FIRST_PAINT_DATA_ID);
  if (!element) return null;
  element.remove();
  try {
    const parsed = MemberSchema.safeParse(JSON.parse(element.textContent ?? ''));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
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
