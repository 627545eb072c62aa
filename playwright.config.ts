import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The CI box has two cores shared with other jobs; 5 s was too tight for a cold page.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // The real server, built SPA and embedded stand-in: exactly what `npm start` runs.
    command: 'node scripts/ensure-build.mjs && node --import tsx src/server/main.ts',
    url: `${BASE_URL}/api/health`,
    env: { PORT: String(PORT), HOST: '127.0.0.1', WHOP_API_KEY: '', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', UPSTREAM_DEADLINE_MS: '4000', MEMBER_CACHE_TTL_MS: '0' },
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
