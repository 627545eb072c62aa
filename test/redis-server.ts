import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/server/ops/logger';
import { createRedisClient, type Redis, waitForRedis } from '../src/server/redis';
import { collectLogs, TEST_REDIS_COMMAND_TIMEOUT_MS } from './test-app';

/**
 * A real redis-server for tests (Debian's redis-server 7), on a free loopback port, its
 * files in a temp dir of its own. Tests kill it and start it again on the same port to
 * see the dashboard lose Redis and get it back. With `persistent`, every write goes to an
 * append-only file first (fsync always), so a restart, even after SIGKILL, finds the data
 * again, as a production Redis with persistence would.
 *
 * When redis-server is not installed the start fails with what to install; the tests
 * never skip (`npm test` installs it when run as root: scripts/ensure-test-tools.mjs).
 */
export type RedisServer = {
  /** redis://127.0.0.1:<port>, with the password when there is one (redis://:<password>@…). */
  url: string;
  port: number;
  /** Kills the server (SIGKILL, as a crash) and resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port and dir; resolves once it answers PING. */
  restart(): Promise<void>;
  /** Kills it and removes its files (afterAll). */
  stop(): Promise<void>;
};

export const REDIS_SERVER_BIN = 'redis-server';
const INSTALL_HINT =
  'redis-server is not installed; the Redis tests need a real one. Install it with `apt-get install redis-server` (Debian), or run `node scripts/ensure-test-tools.mjs` as root.';
/** How long a start may take before the test fails (a loaded two-core machine, an AOF to load). */
const START_TIMEOUT_MS = 15_000;

type Running = { child: ChildProcess; output: () => string };

export async function startRedisServer(
  options: {
    /** Every write goes to an append-only file first, so a restart (even after SIGKILL) keeps the data. */
    persistent?: boolean;
    /** requirepass: clients must AUTH with it. */
    password?: string;
  } = {},
): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'redis-test-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    ...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
    ...(options.password ? ['--requirepass', options.password] : []),
  ];
  let running: Running | null = null;

  const start = async () => {
    running = await spawnRedis(args);
    await waitForPong(port, running, options.password);
  };
  const kill = async () => {
    const child = running?.child;
    running = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };

  try {
    await start();
  } catch (err) {
    await kill();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `redis://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}`,
    port,
    kill,
    restart: async () => {
      await kill();
      await start();
    },
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Spawns redis-server; rejects with the install hint when there is none. */
async function spawnRedis(args: string[]): Promise<Running> {
  const child = spawn(REDIS_SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? new Error(INSTALL_HINT) : err));
  });
  return { child, output: () => output };
}

/** Resolves once the server answers PING with PONG (not LOADING while it reads its AOF). */
async function waitForPong(port: number, running: Running, password: string | undefined): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (running.child.exitCode !== null) {
      throw new Error(`redis-server exited (${running.child.exitCode}) before answering:\n${running.output()}`);
    }
    if (await ping(port, password)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `redis-server on port ${port} did not answer PING within ${START_TIMEOUT_MS} ms:\n${running.output()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** One PING over a raw socket (after AUTH when there is a password): true on +PONG, false on anything else (refused, LOADING). */
function ping(port: number, password: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    const lines = password ? 2 : 1;
    socket.once('connect', () => socket.write(`${password ? `AUTH ${password}\r\n` : ''}PING\r\n`));
    socket.on('data', (d) => {
      reply += d;
      const answers = reply.split('\r\n').slice(0, -1);
      if (answers.length >= lines) done(answers[lines - 1] === '+PONG');
    });
  });
}

/** A port nobody listens on right now (the kernel's pick), for redis-server to take. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A client as the dashboard opens one (src/server/redis.ts), connected, with the log lines it wrote. */
export async function connectTestClient(
  url: string,
  prefix: string,
): Promise<{ client: Redis; logs: Array<Record<string, unknown>> }> {
  const { logs, sink } = collectLogs();
  const client = createRedisClient({
    url,
    prefix,
    logger: createLogger('info', sink),
    commandTimeoutMs: TEST_REDIS_COMMAND_TIMEOUT_MS,
  });
  const reached = await waitForRedis(client, START_TIMEOUT_MS);
  if (!reached.ok) {
    client.disconnect();
    throw new Error(`could not connect to the test Redis: ${reached.reason}`);
  }
  return { client, logs };
}
