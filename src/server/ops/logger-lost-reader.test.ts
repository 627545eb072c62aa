import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { childProcessEnv } from '../../../test/programs';

/**
 * The log reader is a process of its own (a log shipper, a terminal), as in production:
 * the server's stdout and stderr are a pipe into it, and the test reads the server's
 * output through it. Ending or pausing that reader must not stop the server from working
 * or from shutting down.
 */
type Stack = { reader: ChildProcess; server: ChildProcess; port: number; serverExit: Promise<number | null> };

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  }
});

async function startBehindReader(): Promise<Stack> {
  // Copies its stdin to its stdout, like any log shipper would take it in.
  const reader = spawn(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  started.push(reader);
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: childProcessEnv({
      WHOP_API_KEY: '',
      PORT: '0',
      STATIC_DIR: 'dist/none',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
    }),
    stdio: ['ignore', reader.stdin!, reader.stdin!],
  });
  started.push(server);
  // Only the server and the reader hold the pipe now.
  reader.stdin!.destroy();
  const serverExit = once(server, 'exit').then(([code]) => code as number | null);
  let output = '';
  reader.stdout!.on('data', (d) => (output += d));
  const listening = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/;
  const deadline = Date.now() + 15_000;
  while (!listening.test(output)) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { reader, server, port: Number(listening.exec(output)![1]), serverExit };
}

async function health(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`);
  await res.arrayBuffer();
  return res.status;
}

describe('a lost log reader', () => {
  it('exits 0 on SIGTERM once the reader is gone (the shutdown lines are the first to meet the broken pipe)', async () => {
    const { reader, server, serverExit } = await startBehindReader();
    reader.kill('SIGKILL');
    await once(reader, 'exit');
    server.kill('SIGTERM');
    expect(await serverExit).toBe(0);
  }, 30_000);

  it('keeps serving once the reader is gone, and still exits 0 on SIGTERM', async () => {
    const { reader, server, port, serverExit } = await startBehindReader();
    reader.kill('SIGKILL');
    await once(reader, 'exit');
    // Each answer writes a log line into the broken pipe.
    for (let i = 0; i < 5; i++) expect(await health(port)).toBe(200);
    server.kill('SIGTERM');
    expect(await serverExit).toBe(0);
  }, 30_000);

  it('drops lines rather than stalling while the reader is paused, and still exits 0', async () => {
    const { reader, server, port, serverExit } = await startBehindReader();
    reader.kill('SIGSTOP');
    // Far more than a pipe buffer (64 KiB) of log lines: a blocking write would stall here.
    for (let i = 0; i < 800; i++) expect(await health(port)).toBe(200);
    server.kill('SIGTERM');
    expect(await serverExit).toBe(0);
  }, 60_000);
});
