/**
 * Ports and settings of the sign-in test stack (e2e/support/auth-stack.ts), shared by
 * the Playwright config and the specs. Everything sits just above E2E_PORT, on loopback.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export const AUTH_PORTS = {
  /** The dashboard with sign-in on: default session timeouts, admin re-check every 6 s. */
  app: E2E_PORT + 10,
  /** The same with a 4 s idle timeout (and the default re-check), for expiry tests. */
  shortApp: E2E_PORT + 11,
  /** The OpenID provider standing in for Whop's issuer. */
  oidc: E2E_PORT + 12,
  /** The Whop API stand-in that answers the access check and member lookups. */
  whop: E2E_PORT + 13,
  /** A scratch port for the start-up refusal tests (never actually listened on). */
  refusal: E2E_PORT + 14,
} as const;

export const AUTH_BASE_URL = `http://127.0.0.1:${AUTH_PORTS.app}`;
export const SHORT_BASE_URL = `http://127.0.0.1:${AUTH_PORTS.shortApp}`;
export const OIDC_ISSUER = `http://127.0.0.1:${AUTH_PORTS.oidc}`;
/**
 * Each timing-based test depends on one short limit only, and only as a lower bound on
 * how long it waits: a slow, shared machine makes the waits longer, never too short.
 */
export const SHORT_IDLE_SECONDS = 4;
// Also an upper bound on how long the page may take to load right after signing in (the
// admin test must see its member before the re-check is due): keep it well above that.
export const ADMIN_RECHECK_SECONDS = 6;

/** The sign-in dashboards' SESSION_SECRET in the e2e stack; must never show up in output. */
export const E2E_SESSION_SECRET = 'e2e-session-secret-of-at-least-32-characters';

/** Where the sign-in dashboards' output goes, for the global teardown's checks. */
export const SIGN_IN_SERVER_LOG = '.cache/e2e-sign-in-server.log';
