import { randomBytes } from 'node:crypto';
import { defineConfig, devices } from '@playwright/test';
import { AUTH_BASE_URL, OIDC_ISSUER } from './e2e/support/sign-in-env';
import { TEAM_BASE_URL } from './e2e/support/team-env';

// A random canary used as the stand-in's API key for the whole run: the suite checks it
// never reaches the browser, the built files or the server's output. Set once here so
// workers (which inherit the environment) see the same value.
process.env.E2E_CANARY_KEY ??= `canary_${randomBytes(16).toString('hex')}`;

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** Specs that run against the sign-in stack rather than the open demo server. */
const SIGN_IN_SPECS = /sign-in.*\.spec\.ts$/;
/** The spec that starts its own two-instance stack behind nginx (e2e/support/team-stack.ts). */
const TEAM_SPECS = /team\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  globalTeardown: './e2e/global-teardown.ts',
  // The CI box has two cores shared with other jobs; 5 s was too tight for a cold page.
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: '.cache/playwright.json' }],
    ...(process.env.CI ? [] : [['html', { open: 'never' }] as const]),
  ],
  use: {
    baseURL: BASE_URL,
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
  projects: [
    { name: 'chromium', testIgnore: [SIGN_IN_SPECS, TEAM_SPECS], use: { ...devices['Desktop Chrome'] } },
    // Sign in with Whop, end to end: real OpenID provider, two dashboards with sign-in on.
    { name: 'sign-in', testMatch: SIGN_IN_SPECS, use: { ...devices['Desktop Chrome'], baseURL: AUTH_BASE_URL } },
    // Two instances behind nginx (deploy/nginx.conf, https with a test certificate), one Redis.
    {
      name: 'team',
      testMatch: TEAM_SPECS,
      use: { ...devices['Desktop Chrome'], baseURL: TEAM_BASE_URL, ignoreHTTPSErrors: true },
    },
  ],
  // Never reuse a running server, in CI or not: one started by an earlier run holds another
  // canary key, and the leak checks would pass without checking. A port already in use
  // stops the run with Playwright's "already used" error instead (E2E_PORT moves the stack).
  webServer: [
    {
      // The real server, built SPA and embedded stand-in: exactly what `npm start` runs.
      command: 'node scripts/ensure-build.mjs && node scripts/e2e-server.mjs',
      url: `${BASE_URL}/api/health`,
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        WHOP_API_KEY: '',
        DEMO_API_KEY: process.env.E2E_CANARY_KEY,
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: '0',
        // Parallel specs must not queue behind the Whop request budget (decision 0033); a spec about pacing sets its own.
        WHOP_REQUESTS_PER_SECOND: '1000',
        UPSTREAM_DEADLINE_MS: '4000',
        MEMBER_CACHE_TTL_MS: '0',
        // A deep link's page waits up to 1.5 s (not 300 ms) for the member and its history, so
        // that on a loaded machine the tests see the page the server means to send. Still
        // under the stand-in's slow members (2 s), whose pages go out without.
        FIRST_PAINT_WAIT_MS: '1500',
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Whop stand-in + OpenID provider + two dashboards with sign-in (e2e/support/auth-stack.ts).
      command: 'node scripts/ensure-build.mjs && node --import tsx e2e/support/auth-stack.ts',
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      env: { E2E_PORT: String(PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
