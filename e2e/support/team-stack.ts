// The two-instance stack of e2e/team.spec.ts, started and stopped by the spec itself (it
// restarts an instance mid-test): one real redis-server (on a free port), the Whop stand-in, the OpenID
// stand-in, two built dashboard processes with sign-in on sharing that Redis, and nginx
// running the shipped deploy/nginx.conf in front of them. Everything on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_COMPANY } from '../../src/demo-whop/fixtures';
import { type DemoWhop, startDemoWhop } from '../../src/demo-whop/server';
import { type DeployNginx, startDeployNginx } from '../../test/nginx';
import { type OidcStandIn, startOidcStandIn } from '../../test/oidc-stand-in';
import { requireProgram } from '../../test/programs';
import { startRedisServer } from '../../test/redis-server';
import { TEST_CLIENT } from '../../test/sign-in-app';
import { TEST_API_KEY, TEST_REDIS_COMMAND_TIMEOUT_MS } from '../../test/test-app';
import { E2E_SESSION_SECRET } from './sign-in-env';
import {
  TEAM_BASE_URL,
  TEAM_OIDC_ISSUER,
  TEAM_PORTS,
  TEAM_RATE_LIMIT,
  TEAM_SERVER_LOG,
  TEAM_WEBHOOK_SECRET,
} from './team-env';

/** One JSON line an instance printed (its request log, sign-in events, …). */
export type LogLine = { msg?: string; route?: string; status?: number; cached?: boolean; [key: string]: unknown };

export type Instance = {
  readonly name: string;
  readonly port: number;
  /** http://127.0.0.1:<port>, to reach this instance directly, past nginx. */
  readonly url: string;
  /** The lines this instance printed since it last started. */
  lines(): readonly LogLine[];
  /** SIGTERM, wait for the exit, start again on the same port, wait for /api/ready. Resolves to the old process's exit code. */
  restart(): Promise<number | null>;
};

export type TeamStack = {
  /** nginx: the address people open (PUBLIC_URL). */
  url: string;
  instances: readonly [Instance, Instance];
  /** The Whop stand-in, in this process: `callsFor(id)` counts member lookups. */
  whop: DemoWhop;
  stop(): Promise<void>;
};

/** The run's canary key (playwright.config.ts), so the leak checks mean something. */
const apiKey = process.env.E2E_CANARY_KEY ?? TEST_API_KEY;

// If the worker ends without afterAll (a crash, a timeout's teardown), take the processes
// along, so that the next run finds the ports free: only the ones started here, by handle.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGTERM'); // TERM: nginx's master stops its worker on TERM, not on KILL
});
function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

async function waitForOk(url: string, what: string, alive: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (!alive()) throw new Error(`${what} exited before ${url} answered (its output: ${TEAM_SERVER_LOG})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${what}: ${url} did not answer 200 within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops a child by its handle and waits for it; SIGKILL if it has not exited after `graceMs`. */
function stopChild(child: ChildProcess, graceMs = 10_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code) => {
      clearTimeout(force);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

/** What the stack itself does with an instance beyond what a spec may. */
type Dashboard = Instance & { start(): Promise<void>; stop(): Promise<number | null> };

/** One dashboard process, as `npm start` runs it, restartable on its port. */
function dashboard(name: string, port: number, env: Record<string, string>, log: WriteStream): Dashboard {
  let child: ChildProcess | null = null;
  let lines: LogLine[] = [];

  const start = async () => {
    // This process's own list: lines the previous one prints as it stops stay out of it.
    const own: LogLine[] = [];
    lines = own;
    const started = track(
      spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env, PORT: String(port) },
      }),
    );
    child = started;
    let partial = '';
    started.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop()!;
      for (const line of complete) {
        try {
          own.push(JSON.parse(line) as LogLine);
        } catch {
          own.push({ msg: line });
        }
      }
    });
    started.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
    await waitForOk(`http://127.0.0.1:${port}/api/ready`, `dashboard ${name}`, () => started.exitCode === null);
  };

  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    lines: () => lines,
    async restart() {
      const code = child ? await stopChild(child) : null;
      await start();
      return code;
    },
    start,
    stop: () => (child ? stopChild(child) : Promise.resolve(null)),
  };
}

/** Starts the whole stack; on any failure, stops what had started and rethrows. */
export async function startTeamStack(): Promise<TeamStack> {
  if (!existsSync('dist/server/main.js')) {
    throw new Error('dist/server/main.js is missing: run npm run build (Playwright runs ensure-build first)');
  }
  requireProgram('nginx', 'nginx-light');
  requireProgram('redis-server', 'redis-server');

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'e2e-team-'));
  mkdirSync(path.dirname(TEAM_SERVER_LOG), { recursive: true });
  const log = createWriteStream(TEAM_SERVER_LOG);
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => {});
    await new Promise<void>((resolve) => log.end(resolve));
    rmSync(tmp, { recursive: true, force: true });
  };

  try {
    const redis = await startRedisServer();
    stops.push(() => redis.stop());
    const whop: DemoWhop = await startDemoWhop({ apiKey, port: TEAM_PORTS.whop });
    stops.push(() => whop.close());
    const oidc: OidcStandIn = await startOidcStandIn({
      port: TEAM_PORTS.oidc,
      client: { ...TEST_CLIENT, redirectUris: [`${TEAM_BASE_URL}/auth/callback`] },
    });
    stops.push(() => oidc.close());

    // What both instances share, as the README's "Run it for a team" says.
    const env: Record<string, string> = {
      HOST: '127.0.0.1',
      PUBLIC_URL: TEAM_BASE_URL,
      TRUST_PROXY: 'true',
      REDIS_URL: redis.url,
      // A prefix of this run's own, as two deployments sharing one Redis would have.
      REDIS_PREFIX: `e2e-team-${randomBytes(4).toString('hex')}:`,
      WHOP_API_KEY: apiKey,
      WHOP_BASE_URL: whop.baseURL,
      WHOP_COMPANY_ID: DEMO_COMPANY.id,
      WHOP_CLIENT_ID: TEST_CLIENT.clientId,
      WHOP_CLIENT_SECRET: TEST_CLIENT.clientSecret,
      WHOP_OAUTH_ISSUER: TEAM_OIDC_ISSUER,
      SESSION_SECRET: E2E_SESSION_SECRET,
      RATE_LIMIT_PER_MINUTE: String(TEAM_RATE_LIMIT),
      // Live: Whop's webhooks drop a changed member, so the cache may keep one 10 minutes (the
      // longest allowed), and a slow machine cannot expire an entry between two requests.
      WHOP_WEBHOOK_SECRET: TEAM_WEBHOOK_SECRET,
      MEMBER_CACHE_TTL_MS: '600000',
      UPSTREAM_DEADLINE_MS: '4000',
      // Two dashboards, nginx, Redis and the browser on two loaded cores: an event-loop stall
      // past the default 500 ms would make a healthy Redis reply count as Redis being down.
      REDIS_COMMAND_TIMEOUT_MS: String(TEST_REDIS_COMMAND_TIMEOUT_MS),
      LOG_LEVEL: 'info',
    };
    const [portA, portB] = TEAM_PORTS.instances;
    const a = dashboard('A', portA, env, log);
    const b = dashboard('B', portB, env, log);
    stops.push(
      () => a.stop(),
      () => b.stop(),
    );
    await Promise.all([a.start(), b.start()]);

    const nginx: DeployNginx = await startDeployNginx({
      dir: path.join(tmp, 'nginx'),
      port: TEAM_PORTS.nginx,
      redirectPort: TEAM_PORTS.nginxRedirect,
      upstreamPorts: TEAM_PORTS.instances,
    });
    track(nginx.child);
    stops.push(() => nginx.stop());

    return { url: nginx.url, instances: [a, b], whop, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
