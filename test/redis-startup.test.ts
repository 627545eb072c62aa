import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { childProcessEnv } from './programs';
import { freePort, type RedisServer, startRedisServer } from './redis-server';

/**
 * The built server (`npm run build`, then what `npm start` runs) with REDIS_URL, as a real
 * process: it starts only once Redis answers, exits 1 naming REDIS_URL when it cannot,
 * never prints the password, and stops cleanly on SIGTERM.
 */
const BUILT = 'dist/server/main.js';
const PASSWORD = 'pa55-word-never-logged';

let redis: RedisServer;
beforeAll(async () => {
  for (const file of [BUILT, 'dist/client/index.html'])
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first (npm test does)`);
  redis = await startRedisServer({ password: PASSWORD });
});
afterAll(async () => {
  await redis?.stop();
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startBuilt(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--enable-source-maps', BUILT], {
    env: childProcessEnv({
      WHOP_API_KEY: '',
      PORT: '0',
      STATIC_DIR: 'dist/none',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => output, exited };
}

/** Resolves with the port once the process logs that it listens; rejects if it exits first. */
async function listening(run: ReturnType<typeof startBuilt>): Promise<number> {
  const pattern = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/;
  const found = new Promise<number>((resolve) => {
    const check = () => {
      const match = pattern.exec(run.output());
      if (match) resolve(Number(match[1]));
    };
    run.child.stdout!.on('data', check);
    check();
  });
  return Promise.race([
    found,
    run.exited.then((code) => {
      throw new Error(`exited (${code}) before listening:\n${run.output()}`);
    }),
  ]);
}

describe('the built server with REDIS_URL', () => {
  it('exits 1 at start-up when Redis cannot be reached, naming REDIS_URL and host:port but not the password', async () => {
    const port = await freePort();
    const run = startBuilt({ REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${port}` });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      `Cannot reach Redis at REDIS_URL=redis://:***@127.0.0.1:${port} (127.0.0.1:${port})`,
    );
    expect(run.output()).not.toContain(PASSWORD);
    expect(run.output()).not.toContain('listening');
  }, 30_000);

  it('exits 1 when REDIS_URL is not a redis:// or rediss:// URL, without repeating it', async () => {
    const run = startBuilt({ REDIS_URL: `http://:${PASSWORD}@127.0.0.1:6379` });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('REDIS_URL: must be a redis:// or rediss:// URL');
    expect(run.output()).not.toContain(PASSWORD);
  }, 30_000);

  it('starts once Redis answers, is ready, and on SIGTERM exits 0 without calling Redis lost', async () => {
    // The built SPA too, so readiness depends on Redis alone.
    const run = startBuilt({ REDIS_URL: redis.url, REDIS_PREFIX: 'startup-test:', STATIC_DIR: 'dist/client' });
    const port = await listening(run);
    expect(run.output()).toContain(`"event":"redis_connected","redis":"redis://:***@127.0.0.1:${redis.port}"`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
    expect(ready.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('"msg":"stopped"');
    // A connection that ended on purpose is not reported as lost.
    expect(run.output()).not.toContain('redis_lost');
    expect(run.output()).not.toContain(PASSWORD);
  }, 30_000);
});
