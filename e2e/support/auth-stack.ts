// The sign-in e2e stack, started by Playwright's second webServer: the Whop stand-in
// (access check, members), a real OpenID provider standing in for Whop's issuer, and two
// real dashboard processes with sign-in on. Ready when the provider answers discovery.
// The dashboards' output goes to .cache/e2e-sign-in-server.log, which the global teardown
// checks for the canary key, the sign-in secrets and member PII.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { DEMO_COMPANY } from '../../src/demo-whop/fixtures';
import { startDemoWhop } from '../../src/demo-whop/server';
import { startOidcStandIn } from '../../test/oidc-stand-in';
import { TEST_CLIENT } from '../../test/sign-in-app';
import { TEST_API_KEY } from '../../test/test-app';
import {
  ADMIN_RECHECK_SECONDS,
  AUTH_BASE_URL,
  AUTH_PORTS,
  E2E_SESSION_SECRET,
  OIDC_ISSUER,
  SHORT_BASE_URL,
  SHORT_IDLE_SECONDS,
  SIGN_IN_SERVER_LOG,
} from './sign-in-env';

/** The run's canary key (playwright.config.ts) when there is one, so leaks show up. */
const apiKey = process.env.E2E_CANARY_KEY ?? TEST_API_KEY;
const whop = await startDemoWhop({ apiKey, port: AUTH_PORTS.whop });
mkdirSync('.cache', { recursive: true });
const log = createWriteStream(SIGN_IN_SERVER_LOG);

function startDashboard(publicUrl: string, port: number, extra: Record<string, string> = {}): ChildProcess {
  // The built server, as `npm start` runs it (playwright.config.ts runs ensure-build first).
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      WHOP_API_KEY: apiKey,
      WHOP_BASE_URL: whop.baseURL,
      WHOP_CLIENT_ID: TEST_CLIENT.clientId,
      WHOP_CLIENT_SECRET: TEST_CLIENT.clientSecret,
      WHOP_COMPANY_ID: DEMO_COMPANY.id,
      WHOP_OAUTH_ISSUER: OIDC_ISSUER,
      SESSION_SECRET: E2E_SESSION_SECRET,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      MEMBER_CACHE_TTL_MS: '0',
      UPSTREAM_DEADLINE_MS: '4000',
      ...extra,
    },
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk) => {
      log.write(chunk);
      process.stdout.write(chunk);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`dashboard on port ${port} exited (${code ?? signal}); stopping the sign-in stack`);
      void stop(1);
    }
  });
  return child;
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

let stopping = false;
const dashboards = [
  startDashboard(AUTH_BASE_URL, AUTH_PORTS.app, { ADMIN_RECHECK_S: String(ADMIN_RECHECK_SECONDS) }),
  startDashboard(SHORT_BASE_URL, AUTH_PORTS.shortApp, { SESSION_IDLE_TIMEOUT_S: String(SHORT_IDLE_SECONDS) }),
];
await Promise.all([waitFor(`${AUTH_BASE_URL}/api/health`), waitFor(`${SHORT_BASE_URL}/api/health`)]);

// Last, so that Playwright's readiness check (discovery) means the whole stack is up.
const oidc = await startOidcStandIn({
  port: AUTH_PORTS.oidc,
  client: { ...TEST_CLIENT, redirectUris: [`${AUTH_BASE_URL}/auth/callback`, `${SHORT_BASE_URL}/auth/callback`] },
});

async function stop(code: number) {
  stopping = true;
  for (const child of dashboards) child.kill('SIGTERM');
  await Promise.all([oidc.close(), whop.close()]);
  log.end(() => process.exit(code));
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
