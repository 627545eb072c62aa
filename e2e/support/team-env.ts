/**
 * Ports and settings of the two-instance stack (e2e/support/team-stack.ts), shared by the
 * Playwright config and e2e/team.spec.ts: nginx with deploy/nginx.conf in front of two
 * dashboards sharing one Redis (on a free port). On loopback, at E2E_PORT+20 to +25.
 */
import { E2E_PORT } from './sign-in-env';

export const TEAM_PORTS = {
  /** nginx, https (the address people open: PUBLIC_URL). */
  nginx: E2E_PORT + 20,
  /** nginx, plain http (redirects only). */
  nginxRedirect: E2E_PORT + 21,
  /** The two dashboard instances, in nginx's upstream order. */
  instances: [E2E_PORT + 22, E2E_PORT + 23],
  oidc: E2E_PORT + 24,
  whop: E2E_PORT + 25,
} as const;

export const TEAM_BASE_URL = `https://127.0.0.1:${TEAM_PORTS.nginx}`;
export const TEAM_OIDC_ISSUER = `http://127.0.0.1:${TEAM_PORTS.oidc}`;

/** Lookups per person per minute, counted across both instances: enough for every test of one person (Marcus) in the same minute, live pages included. */
export const TEAM_RATE_LIMIT = 80;

/** Where the instances' output goes, for the global teardown's leak checks. */
export const TEAM_SERVER_LOG = '.cache/e2e-team-server.log';

/** The webhook secret both instances share (WHOP_WEBHOOK_SECRET), as Whop would show it; the spec signs deliveries with it. */
export const TEAM_WEBHOOK_SECRET = 'ws_e2e-team-webhook-secret';
