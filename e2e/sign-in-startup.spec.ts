import { spawn } from 'node:child_process';
import { expect, test } from './fixtures';
import { AUTH_PORTS } from './support/sign-in-env';

/** Runs the real server with `env` and reports how it ended (it must end by itself). */
function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(WHOP_|PUBLIC_URL|SESSION_|TRUST_UPSTREAM_AUTH|HOST|PORT)/.test(name),
    ),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...clean, PORT: String(AUTH_PORTS.refusal), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit by itself; output:\n${output}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test('refuses to start on 0.0.0.0 with live data and no sign-in, naming the variables to set', async () => {
  const { code, output } = await runServer({ HOST: '0.0.0.0', WHOP_API_KEY: 'key_live_for_refusal_test' });
  expect(code).toBe(1);
  expect(output).toContain('Refusing to start: HOST=0.0.0.0');
  for (const name of [
    'WHOP_CLIENT_ID',
    'WHOP_CLIENT_SECRET',
    'WHOP_COMPANY_ID',
    'PUBLIC_URL',
    'SESSION_SECRET',
    'TRUST_UPSTREAM_AUTH',
  ]) {
    expect(output).toContain(name);
  }
  expect(output).not.toContain('key_live_for_refusal_test');
});

test('refuses to start with sign-in half configured, naming what is missing', async () => {
  const { code, output } = await runServer({
    HOST: '127.0.0.1',
    WHOP_API_KEY: 'key',
    WHOP_CLIENT_ID: 'app_x',
    WHOP_COMPANY_ID: 'biz_x',
  });
  expect(code).toBe(1);
  expect(output).toContain('set WHOP_CLIENT_SECRET, PUBLIC_URL, SESSION_SECRET');
});
