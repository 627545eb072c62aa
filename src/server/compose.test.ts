import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startRedisServer } from '../../test/redis-server';
import { collectLogs, testEnv } from '../../test/test-app';
import type { Session } from './app-env';
import { createMemorySessionStore } from './auth/session-store';
import { type BuiltServer, buildServer, type ServerOverrides } from './compose';
import type { ServerAccess, SignInConfig } from './config';
import { NO_COUNTS } from './ops/counts';

const emptyDir = mkdtempSync(path.join(tmpdir(), 'compose-test-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

const UPSTREAM = { apiKey: 'test-key', baseURL: 'http://127.0.0.1:9/api/v1' };

function build(
  options: { env?: Parameters<typeof testEnv>[0]; access?: ServerAccess; overrides?: ServerOverrides } = {},
) {
  const { logs, sink } = collectLogs();
  const built = buildServer(
    {
      env: testEnv({ STATIC_DIR: emptyDir, ...options.env }),
      access: options.access ?? { kind: 'open', reason: 'demo' },
    },
    { upstream: UPSTREAM, spa: null, logDestination: sink, ...options.overrides },
  );
  const warnings = () => logs.filter((l) => l.level === 40).map((l) => l.msg as string);
  return { built, logs, warnings };
}

const SIGN_IN: SignInConfig = {
  clientId: 'app_abc',
  clientSecret: 'secret',
  companyId: 'biz_abc',
  publicUrl: 'https://lookup.example.com',
  sessionSecret: 's'.repeat(32),
  issuer: 'https://api.whop.com',
  idleTimeoutMs: 1_800_000,
  absoluteTimeoutMs: 28_800_000,
  adminRecheckMs: 900_000,
};

describe('buildServer', () => {
  it('warns, naming the host, that sign-in is off when the operator trusts a proxy in front', () => {
    const { logs } = build({ env: { HOST: '0.0.0.0' }, access: { kind: 'trust-upstream' } });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 40, host: '0.0.0.0', msg: expect.stringMatching(/^sign-in is off/) }),
    );
  });

  it('gives no such warning when it runs open for a reason of its own', () => {
    const { warnings } = build({ env: { WHOP_COMPANY_ID: 'biz_abc' } });
    expect(warnings()).toEqual([]);
  });

  it.each([
    [{ WHOP_WEBHOOK_SECRET: 'ws_secret' }, true, /^live member pages are on: .* POST \/webhooks\/whop$/],
    [{}, undefined, /^live member pages are off: WHOP_WEBHOOK_SECRET is not set/],
  ])('with %o: meta.live is %s and the start-up log says so', async (env, live, line) => {
    const { built, logs } = build({ env });
    expect(built.meta.live).toBe(live);
    expect(built.live.on).toBe(live === true);
    expect(logs).toContainEqual(expect.objectContaining({ level: 30, msg: expect.stringMatching(line) }));
    expect(JSON.stringify(logs)).not.toContain('ws_secret');
    await built.close();
  });

  it('refuses to build with no Whop key and no stand-in to talk to', () => {
    expect(() => buildServer({ env: testEnv(), access: { kind: 'open', reason: 'demo' } }, { spa: null })).toThrow(
      /no WHOP_API_KEY/,
    );
  });

  it('builds from WHOP_API_KEY alone, live, with no demo members', () => {
    const { built } = build({ env: { WHOP_API_KEY: 'live-key' }, overrides: { upstream: undefined } });
    expect(built.meta).toEqual({ mode: 'live', demoMembers: [] });
  });

  it('warns, naming STATIC_DIR, when there is no built SPA to serve', async () => {
    const { logs, built } = build({ overrides: { spa: undefined } });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 40, static_dir: emptyDir, msg: expect.stringMatching(/no built SPA/) }),
    );
    expect((await built.app.request('/api/ready')).status).toBe(503);
  });

  it('does not warn about the SPA when asked for the API only', () => {
    const { warnings } = build({ overrides: { spa: null }, env: { WHOP_COMPANY_ID: 'biz_abc' } });
    expect(warnings()).toEqual([]);
  });

  it('searches the company in WHOP_COMPANY_ID, and warns when there is none', () => {
    expect(build({ env: { WHOP_COMPANY_ID: 'biz_abc' } }).warnings()).toEqual([]);
    expect(build().warnings()).toEqual([
      'WHOP_COMPANY_ID is not set: search by email, username, name or user id is off',
    ]);
  });

  it('reports the count of live sessions when the store can count them, and not when it cannot', async () => {
    const tracked: Array<() => Promise<number>> = [];
    const metrics = { ...NO_COUNTS, trackSessions: (count: () => Promise<number>) => tracked.push(count) };
    build({ access: { kind: 'sign-in', config: SIGN_IN }, overrides: { metrics } });
    expect(tracked).toHaveLength(1);
    expect(await tracked[0]!()).toBe(0);

    const { count: _, ...uncounted } = createMemorySessionStore<Session>();
    build({ access: { kind: 'sign-in', config: SIGN_IN }, overrides: { metrics, stores: { sessions: uncounted } } });
    expect(tracked).toHaveLength(1);
  });
});

describe('buildServer with REDIS_URL', () => {
  it('opens its connection with REDIS_COMMAND_TIMEOUT_MS, closes it, and leaves one it was given open', async () => {
    const redis = await startRedisServer();
    const opened: BuiltServer[] = [];
    try {
      const own = build({ env: { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: 1234 } }).built;
      opened.push(own);
      expect(own.redis?.options.commandTimeout, 'REDIS_COMMAND_TIMEOUT_MS').toBe(1234);
      await vi.waitFor(() => expect(own.redis?.status).toBe('ready'), { timeout: 15_000, interval: 20 });
      await own.close();
      await vi.waitFor(() => expect(own.redis?.status).toBe('end'), { timeout: 5_000, interval: 20 });

      const lender = build({ env: { REDIS_URL: redis.url } }).built;
      opened.push(lender);
      const borrower = build({ overrides: { redis: lender.redis! } }).built;
      await vi.waitFor(() => expect(lender.redis?.status).toBe('ready'), { timeout: 15_000, interval: 20 });
      await borrower.close();
      expect(lender.redis?.status).toBe('ready');
    } finally {
      await Promise.all(opened.map((b) => b.close()));
      await redis.stop();
    }
  }, 60_000);
});
