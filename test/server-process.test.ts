import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SPECIAL_IDS } from '../src/demo-whop/fixtures';
import { type DemoWhop, startDemoWhop } from '../src/demo-whop/server';
import { childProcessEnv } from './programs';
import { TEST_API_KEY } from './test-app';

type Running = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

/** Resolves once `output()` matches `pattern`; rejects if the process exits first or after `ms`. */
function waitForOutput(
  child: ChildProcess,
  output: () => string,
  pattern: RegExp,
  ms = 20_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output());
      if (!match) return false;
      cleanup();
      resolve(match);
      return true;
    };
    const onExit = () => {
      if (!check()) {
        cleanup();
        reject(new Error(`process exited before ${pattern}:\n${output()}`));
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${pattern} within ${ms} ms:\n${output()}`));
    }, ms);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
    };
    // Registered after the collectors of startServer, so `output()` already holds the chunk.
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

/** Starts the real server process (demo mode, API only, unless `env` says otherwise) and waits for it to listen. */
async function startServer(env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
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
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const listening = await waitForOutput(child, () => output, /"url":"http:\/\/127\.0\.0\.1:(\d+)"/);
  return { child, port: Number(listening[1]), output: () => output, exited };
}

let running: Running | undefined;
let whop: DemoWhop | undefined;
afterEach(async () => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
  await whop?.close();
  whop = undefined;
});

describe('the server process', () => {
  it('on SIGTERM stops accepting, lets an in-flight lookup finish, then exits 0', async () => {
    // A stand-in in this process, so the test sees the moment the lookup is in flight.
    whop = await startDemoWhop({ apiKey: TEST_API_KEY });
    running = await startServer({ WHOP_API_KEY: TEST_API_KEY, WHOP_BASE_URL: whop.baseURL });
    const base = `http://127.0.0.1:${running.port}`;
    const inFlight = fetch(`${base}/api/members/${SPECIAL_IDS.slow}`);
    // The slow member answers SLOW_MS (2 s) after the stand-in has the call.
    await vi.waitFor(() => expect(whop!.callsFor(SPECIAL_IDS.slow)).toBe(1), { timeout: 10_000, interval: 20 });
    running.child.kill('SIGTERM');
    // Logged right before server.close(), in the same turn: the listener is gone once we read it.
    await waitForOutput(running.child, running.output, /shutting down/);
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: SPECIAL_IDS.slow });
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('"msg":"stopped"');
  }, 30_000);

  it('refuses to start on a bad value, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: childProcessEnv({ PORT: 'eighty', UPSTREAM_DEADLINE_MS: '5' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('UPSTREAM_DEADLINE_MS');
  });

  it('answers 431 to oversized headers', async () => {
    running = await startServer();
    const res = await fetch(`http://127.0.0.1:${running.port}/api/health`, {
      headers: { 'x-big': 'a'.repeat(20_000) },
    });
    expect(res.status).toBe(431);
  });

  it('drops a client that never finishes sending its headers', async () => {
    running = await startServer({ UPSTREAM_DEADLINE_MS: '100' }); // headers timeout = 5.1 s
    const socket = connect(running.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 500);
    const started = Date.now();
    let reply = '';
    // The server answers 408 and closes; a drip written just after that is refused with a
    // reset, which may arrive before (and discard) the 408. Either way the client was dropped.
    let socketError: NodeJS.ErrnoException | undefined;
    socket.on('error', (err) => {
      socketError = err;
    });
    socket.on('data', (d) => {
      reply += d;
      clearInterval(drip);
    });
    // Not events.once: it rejects on the 'error' a reset emits before 'close'.
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    clearInterval(drip);
    if (socketError) expect(socketError.code).toBe('ECONNRESET');
    if (!socketError || reply) expect(reply).toMatch(/^HTTP\/1\.1 408/);
    // 5.1 s, checked every second; the drip (a header every 0.5 s) would keep any idle timeout
    // from firing. The upper bound only tells this apart from the 10 s cap, with room for load.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(Date.now() - started).toBeLessThan(12_000);
  }, 30_000);
});
