import { defineConfig, devices } from '@playwright/test';
import { AUTH_BASE_URL, OIDC_ISSUER } from './e2e/support/sign-in-env';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** Specs that run against the sign-in stack rather than the open demo server. */
const SIGN_IN_SPECS = /sign-in.*\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
  projects: [
    { name: 'chromium', testIgnore: SIGN_IN_SPECS, use: { ...devices['Desktop Chrome'] } },
    // Sign in with Whop, end to end: real OpenID provider, two dashboards with sign-in on.
    { name: 'sign-in', testMatch: SIGN_IN_SPECS, use: { ...devices['Desktop Chrome'], baseURL: AUTH_BASE_URL } },
  ],
  webServer: [
    {
      // The real server, built SPA and embedded stand-in: exactly what `npm start` runs.
      command: 'node scripts/ensure-build.mjs && node --import tsx src/server/main.ts',
      url: `${BASE_URL}/api/health`,
      env: { PORT: String(PORT), HOST: '127.0.0.1', WHOP_API_KEY: '', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', UPSTREAM_DEADLINE_MS: '4000', MEMBER_CACHE_TTL_MS: '0' },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // Whop stand-in + OpenID provider + two dashboards with sign-in (e2e/support/auth-stack.ts).
      command: 'node scripts/ensure-build.mjs && node --import tsx e2e/support/auth-stack.ts',
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      env: { E2E_PORT: String(PORT) },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
