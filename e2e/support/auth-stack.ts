// The sign-in e2e stack, started by Playwright's second webServer: the Whop stand-in
// (access check, members), a real OpenID provider standing in for Whop's issuer, and two
// real dashboard processes with sign-in on. Ready when the provider answers discovery.
import { spawn, type ChildProcess } from 'node:child_process';
import { DEMO_COMPANY } from '../../src/demo-whop/fixtures';
import { startDemoWhop } from '../../src/demo-whop/server';
import { startOidcStandIn } from '../../src/server/testing/oidc-stand-in';
import { TEST_CLIENT } from '../../src/server/testing/sign-in-app';
import { TEST_API_KEY } from '../../src/server/testing/test-app';
import { ADMIN_RECHECK_SECONDS, AUTH_BASE_URL, AUTH_PORTS, OIDC_ISSUER, SHORT_BASE_URL, SHORT_IDLE_SECONDS } from './sign-in-env';

const whop = await startDemoWhop({ apiKey: TEST_API_KEY, port: AUTH_PORTS.whop });

function startDashboard(publicUrl: string, port: number, extra: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      WHOP_API_KEY: TEST_API_KEY,
      WHOP_BASE_URL: whop.baseURL,
      WHOP_CLIENT_ID: TEST_CLIENT.clientId,
      WHOP_CLIENT_SECRET: TEST_CLIENT.clientSecret,
      WHOP_COMPANY_ID: DEMO_COMPANY.id,
      WHOP_OAUTH_ISSUER: OIDC_ISSUER,
      SESSION_SECRET: 'e2e-session-secret-of-at-least-32-characters',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      MEMBER_CACHE_TTL_MS: '0',
      UPSTREAM_DEADLINE_MS: '4000',
      ...extra,
    },
  });
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
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
