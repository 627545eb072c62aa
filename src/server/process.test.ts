import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { childProcessEnv } from './config';

type Running = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

/** Starts the real server process (demo mode, API only) and waits for it to listen. */
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
  const deadline = Date.now() + 15_000;
  while (!/"url":"http:\/\/127\.0\.0\.1:(\d+)"/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = Number(/"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(output)![1]);
  return { child, port, output: () => output, exited };
}

let running: Running | undefined;
afterEach(() => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
});

describe('the server process', () => {
  it('on SIGTERM stops accepting, lets an in-flight lookup finish, then exits 0', async () => {
    running = await startServer();
    const base = `http://127.0.0.1:${running.port}`;
    const inFlight = fetch(`${base}/api/members/mber_demoSlow`);
    await new Promise((r) => setTimeout(r, 300));
    running.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'mber_demoSlow' });
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('"msg":"stopped"');
  });

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
    socket.on('data', (d) => (reply += d));
    await once(socket, 'close');
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  }, 15_000);
});
