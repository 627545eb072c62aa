// A dashboard with its member cache on (the suite's main server runs with it off), in front
// of a Whop stand-in this process holds, so a spec can change what Whop answers and count
// the calls that reach it. The dashboard is the built server, as `npm start` runs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { type DemoWhop, startDemoWhop } from '../../src/demo-whop/server';
import { E2E_PORT } from './sign-in-env';

/** Above the sign-in stack's (E2E_PORT+10 to +14) and the team stack's (+20 to +25) ports. */
export const CACHED_PORT = E2E_PORT + 26;
export const CACHED_BASE_URL = `http://127.0.0.1:${CACHED_PORT}`;

export type CachedDashboard = { whop: DemoWhop; stop(): Promise<void> };

export async function startCachedDashboard(cacheTtlMs: number): Promise<CachedDashboard> {
  const apiKey = process.env.E2E_CANARY_KEY;
  if (!apiKey) throw new Error('E2E_CANARY_KEY is not set (playwright.config.ts sets it)');
  const whop = await startDemoWhop({ apiKey });
  mkdirSync('.cache', { recursive: true });
  const log = createWriteStream('.cache/e2e-cached-server.log');
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOST: '127.0.0.1',
      PORT: String(CACHED_PORT),
      WHOP_API_KEY: apiKey,
      WHOP_BASE_URL: whop.baseURL,
      MEMBER_CACHE_TTL_MS: String(cacheTtlMs),
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
    },
  });
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    await whop.close();
  };
  // Up when it says so itself: a health check could be answered by another process on the port.
  const up = await new Promise<boolean>((resolve) => {
    let output: string | null = '';
    child.stdout?.on('data', (chunk) => {
      log.write(chunk);
      if (output === null) return;
      output += chunk;
      if (output.includes('"msg":"dashboard listening')) {
        output = null;
        resolve(true);
      }
    });
    child.once('exit', () => resolve(false));
  });
  if (!up) {
    await stop();
    throw new Error(`the cached dashboard did not start on ${CACHED_BASE_URL}; see .cache/e2e-cached-server.log`);
  }
  return { whop, stop };
}
