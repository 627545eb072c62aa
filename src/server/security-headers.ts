import type { MiddlewareHandler } from 'hono';
import { EARLY_THEME_SOURCE } from './early-theme';
import { HISTORY_SWAP_SOURCE } from './first-paint';
import { LOCALE_WARM_UP_SOURCE } from './locale-warm-up';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Our own files, and the member page's three inline scripts, by their hashes (locale-warm-up.ts,
  // early-theme.ts, first-paint.ts).
  `script-src 'self' ${LOCALE_WARM_UP_SOURCE} ${EARLY_THEME_SOURCE} ${HISTORY_SWAP_SOURCE}`,
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers every response carries, API and static alike. */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    // Member ids live in our URLs; they must not leak to other sites via Referer.
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
    if (options.hsts) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    h.delete('X-Powered-By');
  };
}
