const PLACEHOLDER_ORIGIN = 'http://return-to.invalid';
const MAX_LENGTH = 2048;

/**
 * Where to send someone after sign-in: only a same-origin path (`/members/mber_x?tab=1`),
 * never another site. Anything doubtful (`//evil.example`, `/\evil.example`,
 * `https://…`, `javascript:…`, control characters, encoded slashes that decode into a
 * scheme-relative URL, auth routes that would loop) falls back to `/`.
 */
export function safeReturnTo(raw: string | null | undefined): string {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) return '/';
  // A path, and only a path: one leading slash, no backslash (browsers read `\` as `/`),
  // no control characters or whitespace (browsers strip tabs and newlines in URLs).
  if (!raw.startsWith('/') || raw.startsWith('//')) return '/';
  if (hasUnsafeCharacter(raw)) return '/';
  // A path-absolute string never fails to parse against a base and never leaves the base's
  // origin; parsing is what resolves dot segments, which can still make `//host` (below).
  const url = new URL(raw, PLACEHOLDER_ORIGIN);
  // Percent-encoded slashes and backslashes could turn into `//host` further along.
  if (/^\/(?:%2f|%5c)/i.test(url.pathname) || /^\/\//.test(url.pathname)) return '/';
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A backslash, a control character (C0, DEL, C1) or whitespace up to the space. */
function hasUnsafeCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code <= 0x20 || code === 0x5c || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
