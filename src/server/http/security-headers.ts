import type { MiddlewareHandler } from 'hono';

/**
 * The policy every answer carries. `inlineScripts` are the `'sha256-…'` sources of the few
 * fixed inline scripts the page room writes (src/server/page/inline-scripts.ts); nothing
 * else inline may run.
 */
export const contentSecurityPolicy = (inlineScripts: readonly string[]) =>
  [
    "default-src 'self'",
    `script-src 'self' ${inlineScripts.join(' ')}`,
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
export function securityHeaders(options: { hsts: boolean; inlineScripts: readonly string[] }): MiddlewareHandler {
  const policy = contentSecurityPolicy(options.inlineScripts);
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', policy);
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
