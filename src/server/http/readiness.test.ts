import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CookieJar, startSignInTestApp } from '../../../test/sign-in-app';
import { collectLogs, startTestApp, TEST_API_KEY, testEnv } from '../../../test/test-app';
import { buildServer } from '../compose';
import { checkReadiness } from './readiness';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The server as production builds it, with its SPA loaded from `staticDir` (no override). */
function serverWithStaticDir(staticDir: string) {
  const { sink } = collectLogs();
  return buildServer(
    {
      env: testEnv({ WHOP_API_KEY: TEST_API_KEY, STATIC_DIR: staticDir }),
      access: { kind: 'open', reason: 'loopback' },
    },
    { upstream: { apiKey: TEST_API_KEY, baseURL: 'http://127.0.0.1:9' }, logDestination: sink },
  );
}

function builtDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ready-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('GET /api/ready', () => {
  it('answers 200 when the built dashboard is there', async () => {
    const { app } = serverWithStaticDir(builtDir());
    const res = await app.request('/api/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', mode: 'live' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 not_ready naming STATIC_DIR when nothing is built, while health stays 200', async () => {
    const { app } = serverWithStaticDir('/nonexistent/dist/client');
    const res = await app.request('/api/ready');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = await res.json();
    expect(body.error.code).toBe('not_ready');
    expect(body.error.message).toContain('STATIC_DIR (/nonexistent/dist/client)');
    expect(body.error.request_id).toEqual(expect.any(String));
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('turns 503 when the built files disappear after start-up (a broken deploy)', async () => {
    const dir = builtDir();
    const { app } = serverWithStaticDir(dir);
    expect((await app.request('/api/ready')).status).toBe(200);
    rmSync(path.join(dir, 'index.html'));
    expect((await app.request('/api/ready')).status).toBe(503);
  });

  it('turns 503 "shutting down" once a stop signal has arrived, while health stays 200', async () => {
    const server = serverWithStaticDir(builtDir());
    server.markStopping();
    const res = await server.app.request('/api/ready');
    expect(res.status).toBe(503);
    expect((await res.json()).error.message).toContain('shutting down');
    expect((await server.app.request('/api/health')).status).toBe(200);
  });

  it('is ready when the caller chose to serve the API only (spa: null)', async () => {
    const t = await startTestApp();
    cleanups.push(() => t.close());
    expect((await t.get('/api/ready')).status).toBe(200);
  });

  it('is never rate limited', async () => {
    const t = await startTestApp({ rateLimitPerMinute: 1 });
    cleanups.push(() => t.close());
    for (let i = 0; i < 3; i++) expect((await t.get('/api/ready')).status).toBe(200);
  });

  it('needs no session with sign-in on, and no same-origin header', async () => {
    const t = await startSignInTestApp();
    cleanups.push(() => t.close());
    const res = await t.app.request('/api/ready');
    expect(res.status).toBe(200);
    // The gate still guards everything else.
    expect((await t.request('/api/members/mber_demoAvaChen', new CookieJar())).status).toBe(401);
  });
});

describe('checkReadiness', () => {
  it('collects every reason, and counts a check that throws as one', async () => {
    const result = await checkReadiness([
      () => null,
      () => 'redis is unreachable',
      async () => {
        throw new Error('boom');
      },
    ]);
    expect(result).toEqual({ ready: false, reasons: ['redis is unreachable', 'a readiness check failed'] });
  });

  it('counts a check that has not answered after 2 s as not ready', async () => {
    vi.useFakeTimers();
    cleanups.push(() => vi.useRealTimers());
    const result = checkReadiness([() => null, () => new Promise<string | null>(() => {})]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await result).toEqual({ ready: false, reasons: ['a readiness check did not answer in time'] });
  });

  it('is ready with no checks', async () => {
    expect(await checkReadiness([])).toEqual({ ready: true });
  });
});
