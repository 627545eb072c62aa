import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Env, isLoopbackHost, parseEnv, processEnv, readConfig, resolveAccessMode } from './config';
import { COMMAND_TIMEOUT_MS } from './redis';

describe('parseEnv', () => {
  it('defaults to demo mode on 127.0.0.1:3000 with a 10 s deadline', () => {
    const result = parseEnv({});
    expect(result.ok && result.env.WHOP_API_KEY).toBeUndefined();
    expect(result).toMatchObject({
      ok: true,
      env: {
        WHOP_BASE_URL: 'https://api.whop.com/api/v1',
        HOST: '127.0.0.1',
        PORT: 3000,
        UPSTREAM_DEADLINE_MS: 10_000,
        UPSTREAM_CONCURRENCY: 16,
        RATE_LIMIT_PER_MINUTE: 120,
      },
    });
  });

  it('treats an empty key as unset (demo mode)', () => {
    const result = parseEnv({ WHOP_API_KEY: '' });
    expect(result.ok && result.env.WHOP_API_KEY).toBeUndefined();
  });

  it('strips a trailing slash from the base URL', () => {
    expect(parseEnv({ WHOP_BASE_URL: 'https://api.example.com/v1/' })).toMatchObject({
      ok: true,
      env: { WHOP_BASE_URL: 'https://api.example.com/v1' },
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['UPSTREAM_DEADLINE_MS', '-5'],
    ['UPSTREAM_DEADLINE_MS', '10s'],
    ['MEMBER_CACHE_TTL_MS', '600001'],
    ['WHOP_BASE_URL', 'not a url'],
    ['WHOP_BASE_URL', 'http://api.whop.com/api/v1'],
    ['WHOP_BASE_URL', 'ftp://127.0.0.1/x'],
    ['HSTS', 'yes please'],
    ['LOG_LEVEL', 'loud'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    const result = parseEnv({ [name]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(name);
  });

  it('allows plain http only for loopback base URLs', () => {
    expect(parseEnv({ WHOP_BASE_URL: 'http://127.0.0.1:4010/api/v1' }).ok).toBe(true);
    expect(parseEnv({ WHOP_BASE_URL: 'http://localhost:4010/api/v1' }).ok).toBe(true);
    expect(parseEnv({ WHOP_BASE_URL: 'http://[::1]:4010/api/v1' }).ok).toBe(true);
    expect(parseEnv({ WHOP_BASE_URL: 'http://10.0.0.5/api/v1' }).ok).toBe(false);
  });
});

describe('MEMBER_CACHE_TTL_MS and WHOP_WEBHOOK_SECRET', () => {
  const key = { WHOP_API_KEY: 'apik_a-key' };
  const secret = { ...key, WHOP_WEBHOOK_SECRET: 'ws_a-secret-as-whop-shows-it' };
  it.each([
    ['30000', key, true],
    ['30001', key, false],
    ['600000', key, false],
    ['30001', secret, true],
    ['600000', secret, true],
    ['600001', secret, false],
    // Demo mode (no key) makes a secret of its own and is live (start.ts).
    ['600000', {}, true],
    ['600001', {}, false],
  ])('MEMBER_CACHE_TTL_MS=%s with %o: ok is %s', (ttl, more, ok) => {
    expect(parseEnv({ MEMBER_CACHE_TTL_MS: ttl, ...more }).ok).toBe(ok);
  });

  it('names both settings when the cache would outlive what changes without webhooks', () => {
    expect(parseEnv({ MEMBER_CACHE_TTL_MS: '600000', WHOP_API_KEY: 'apik_a-key' })).toEqual({
      ok: false,
      message:
        "Invalid configuration:\n  MEMBER_CACHE_TTL_MS: must be at most 30000 without WHOP_WEBHOOK_SECRET (up to 600000 with it, when Whop's webhooks say when a member changes)",
    });
  });

  it('reads an empty secret as unset (webhooks off)', () => {
    expect(parseEnv({ WHOP_WEBHOOK_SECRET: '' })).toMatchObject({ ok: true, env: { WHOP_WEBHOOK_SECRET: undefined } });
  });
});

describe('WHOP_REQUESTS_PER_SECOND', () => {
  it('is 10 unless set (empty counts as unset)', () => {
    expect(parseEnv({})).toMatchObject({ ok: true, env: { WHOP_REQUESTS_PER_SECOND: 10 } });
    expect(parseEnv({ WHOP_REQUESTS_PER_SECOND: '' })).toMatchObject({
      ok: true,
      env: { WHOP_REQUESTS_PER_SECOND: 10 },
    });
  });

  it.each([
    ['2', 2],
    [' 20 ', 20],
    ['1000', 1000],
  ])('takes %j', (value, perSecond) => {
    expect(parseEnv({ WHOP_REQUESTS_PER_SECOND: value })).toMatchObject({
      ok: true,
      env: { WHOP_REQUESTS_PER_SECOND: perSecond },
    });
  });

  it.each([
    ['0', 'must be at least 2 (one request a second is always kept for single lookups)'],
    ['1', 'must be at least 2 (one request a second is always kept for single lookups)'],
    ['1001', 'must be at most 1000'],
    ['-5', 'must be a whole number of requests a second, from 2 to 1000'],
    ['2.5', 'must be a whole number of requests a second, from 2 to 1000'],
    ['ten', 'must be a whole number of requests a second, from 2 to 1000'],
  ])('refuses %j at start-up, naming the variable and what it must be', (value, why) => {
    expect(parseEnv({ WHOP_REQUESTS_PER_SECOND: value })).toEqual({
      ok: false,
      message: `Invalid configuration:\n  WHOP_REQUESTS_PER_SECOND: ${why}`,
    });
  });
});

describe('WHOP_COMPANY_ID', () => {
  it('is optional (text search off) and empty counts as unset', () => {
    for (const value of [undefined, '']) {
      const result = parseEnv({ WHOP_COMPANY_ID: value });
      expect(result.ok).toBe(true);
      expect(result.ok && result.env.WHOP_COMPANY_ID).toBeUndefined();
    }
  });

  it('accepts a biz_ id, trimmed', () => {
    expect(parseEnv({ WHOP_COMPANY_ID: ' biz_abc123 ' })).toMatchObject({
      ok: true,
      env: { WHOP_COMPANY_ID: 'biz_abc123' },
    });
  });

  it.each(['abc', 'mber_abc', 'biz_', 'biz_a-b', 'biz_a/b'])(
    'rejects %j with a message naming the variable',
    (value) => {
      const result = parseEnv({ WHOP_COMPANY_ID: value });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('WHOP_COMPANY_ID');
    },
  );
});

const SIGN_IN = {
  WHOP_CLIENT_ID: 'app_abc',
  WHOP_CLIENT_SECRET: 'secret',
  WHOP_COMPANY_ID: 'biz_abc',
  PUBLIC_URL: 'https://lookup.example.com',
  SESSION_SECRET: 's'.repeat(32),
};

function env(source: Record<string, string | undefined>): Env {
  const result = parseEnv(source);
  if (!result.ok) throw new Error(result.message);
  return result.env;
}

describe('parseEnv: sign-in variables', () => {
  it('defaults: Whop issuer, 30 min idle, 8 h absolute, 15 min admin re-check, no upstream trust', () => {
    expect(env({})).toMatchObject({
      WHOP_OAUTH_ISSUER: 'https://api.whop.com',
      SESSION_IDLE_TIMEOUT_S: 1800,
      SESSION_ABSOLUTE_TIMEOUT_S: 28_800,
      ADMIN_RECHECK_S: 900,
      TRUST_UPSTREAM_AUTH: false,
    });
  });

  it('keeps only the origin of PUBLIC_URL', () => {
    expect(env({ PUBLIC_URL: 'https://lookup.example.com/' }).PUBLIC_URL).toBe('https://lookup.example.com');
  });

  it.each([
    ['PUBLIC_URL', 'http://lookup.example.com'],
    ['PUBLIC_URL', 'https://lookup.example.com/dashboard'],
    ['PUBLIC_URL', 'lookup.example.com'],
    ['WHOP_OAUTH_ISSUER', 'http://issuer.example.com'],
    ['WHOP_COMPANY_ID', 'company_1'],
    ['SESSION_SECRET', 'too-short'],
    ['SESSION_IDLE_TIMEOUT_S', '3600'],
    ['SESSION_ABSOLUTE_TIMEOUT_S', '86400'],
    ['ADMIN_RECHECK_S', '901'],
    ['TRUST_UPSTREAM_AUTH', 'yes'],
  ])('rejects %s=%j with a message naming it', (name, value) => {
    const result = parseEnv({ [name]: value });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(name);
  });

  it('allows plain http for loopback addresses (tests, local use)', () => {
    expect(env({ PUBLIC_URL: 'http://127.0.0.1:3000', WHOP_OAUTH_ISSUER: 'http://localhost:9000' })).toMatchObject({
      PUBLIC_URL: 'http://127.0.0.1:3000',
      WHOP_OAUTH_ISSUER: 'http://localhost:9000',
    });
  });
});

describe('resolveAccessMode', () => {
  const live = { apiKey: 'key' };

  it('turns sign-in on when all five variables are set, anywhere', () => {
    const mode = resolveAccessMode(env(SIGN_IN), { host: '0.0.0.0', ...live });
    expect(mode).toMatchObject({
      kind: 'sign-in',
      config: {
        clientId: 'app_abc',
        companyId: 'biz_abc',
        publicUrl: 'https://lookup.example.com',
        issuer: 'https://api.whop.com',
        idleTimeoutMs: 1_800_000,
      },
    });
  });

  it('refuses to start on a non-loopback address with live data and no sign-in, naming the variables', () => {
    const mode = resolveAccessMode(env({}), { host: '0.0.0.0', ...live });
    expect(mode.kind).toBe('refuse');
    const message = mode.kind === 'refuse' ? mode.message : '';
    for (const name of [
      'HOST=0.0.0.0',
      'WHOP_CLIENT_ID',
      'WHOP_CLIENT_SECRET',
      'WHOP_COMPANY_ID',
      'PUBLIC_URL',
      'SESSION_SECRET',
      'TRUST_UPSTREAM_AUTH',
    ]) {
      expect(message).toContain(name);
    }
  });

  it.each(['::', '192.168.1.10', 'dashboard.internal'])('treats HOST=%s as reachable from other machines', (host) => {
    expect(resolveAccessMode(env({}), { host, ...live }).kind).toBe('refuse');
  });

  it('starts without sign-in behind an authenticating proxy the operator vouches for', () => {
    expect(resolveAccessMode(env({ TRUST_UPSTREAM_AUTH: 'true' }), { host: '0.0.0.0', ...live })).toEqual({
      kind: 'trust-upstream',
    });
  });

  it.each(['127.0.0.1', 'localhost', '::1', '127.0.0.2'])('runs open on loopback (%s)', (host) => {
    expect(resolveAccessMode(env({}), { host, ...live })).toEqual({ kind: 'open', reason: 'loopback' });
  });

  it('runs open on demo data, wherever it listens', () => {
    expect(resolveAccessMode(env({}), { host: '0.0.0.0', apiKey: undefined })).toEqual({
      kind: 'open',
      reason: 'demo',
    });
  });

  it('refuses a half-configured sign-in, naming what is missing', () => {
    const mode = resolveAccessMode(env({ WHOP_CLIENT_ID: 'app_abc', WHOP_COMPANY_ID: 'biz_abc' }), {
      host: '127.0.0.1',
      ...live,
    });
    expect(mode.kind).toBe('refuse');
    expect(mode.kind === 'refuse' && mode.message).toMatch(/set WHOP_CLIENT_SECRET, PUBLIC_URL, SESSION_SECRET/);
  });

  it('does not count WHOP_COMPANY_ID alone as a half-configured sign-in', () => {
    expect(resolveAccessMode(env({ WHOP_COMPANY_ID: 'biz_abc' }), { host: '127.0.0.1', ...live }).kind).toBe('open');
  });
});

describe('readConfig', () => {
  it('names every bad variable at once, the sign-in ones included', () => {
    const result = readConfig({ PORT: 'eighty', PUBLIC_URL: 'http://lookup.example.com', WHOP_COMPANY_ID: 'biz_a-b' });
    expect(result.ok).toBe(false);
    for (const name of ['PORT', 'PUBLIC_URL', 'WHOP_COMPANY_ID']) expect(!result.ok && result.message).toContain(name);
  });

  it('refuses what resolveAccessMode refuses, with its message', () => {
    const result = readConfig({ WHOP_API_KEY: 'key', HOST: '0.0.0.0' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('HOST=0.0.0.0');
  });

  it('starts open on demo data by default', () => {
    expect(readConfig({})).toMatchObject({ ok: true, config: { access: { kind: 'open', reason: 'demo' } } });
  });
});

describe('REDIS_URL, REDIS_PREFIX and REDIS_COMMAND_TIMEOUT_MS', () => {
  it('keeps state in memory unless REDIS_URL is set; the prefix defaults to wml:', () => {
    for (const source of [{}, { REDIS_URL: '' }]) {
      const result = parseEnv(source);
      expect(result).toMatchObject({ ok: true, env: { REDIS_PREFIX: 'wml:' } });
      expect(result.ok && result.env.REDIS_URL).toBeUndefined();
    }
  });

  it.each(['redis://127.0.0.1:6379', 'rediss://:secret@redis.example.com:6380/2', 'redis://app:secret@redis'])(
    'accepts %s',
    (url) => {
      expect(parseEnv({ REDIS_URL: url })).toMatchObject({ ok: true, env: { REDIS_URL: url } });
    },
  );

  it.each(['http://:hunter2@127.0.0.1:6379', 'redis127.0.0.1', 'redis://', 'unix:///run/redis.sock'])(
    'refuses %s with a message naming REDIS_URL and never the password',
    (url) => {
      const result = parseEnv({ REDIS_URL: url });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toContain('REDIS_URL: must be a redis:// or rediss:// URL');
        expect(result.message).not.toContain('hunter2');
      }
    },
  );

  it('takes a prefix of letters, digits and : _ . -, and refuses SCAN wildcards', () => {
    expect(parseEnv({ REDIS_PREFIX: 'team-a:lookup.' })).toMatchObject({
      ok: true,
      env: { REDIS_PREFIX: 'team-a:lookup.' },
    });
    for (const prefix of ['wml*', 'a?', '[x]', 'with space', 'x'.repeat(65)]) {
      const result = parseEnv({ REDIS_PREFIX: prefix });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('REDIS_PREFIX');
    }
  });

  it('waits COMMAND_TIMEOUT_MS for a Redis reply unless told otherwise, 10 ms to 60 s', () => {
    expect(parseEnv({})).toMatchObject({ ok: true, env: { REDIS_COMMAND_TIMEOUT_MS: COMMAND_TIMEOUT_MS } });
    expect(parseEnv({ REDIS_COMMAND_TIMEOUT_MS: '' })).toMatchObject({
      ok: true,
      env: { REDIS_COMMAND_TIMEOUT_MS: COMMAND_TIMEOUT_MS },
    });
    for (const ms of [10, 5000, 60_000]) {
      expect(parseEnv({ REDIS_COMMAND_TIMEOUT_MS: String(ms) })).toMatchObject({
        ok: true,
        env: { REDIS_COMMAND_TIMEOUT_MS: ms },
      });
    }
    for (const value of ['9', '60001', '1.5', '-1', 'soon']) {
      const result = parseEnv({ REDIS_COMMAND_TIMEOUT_MS: value });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('REDIS_COMMAND_TIMEOUT_MS');
    }
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.10.200.3', 'localhost', '::1', '[::1]'])('counts %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['10.127.0.0.1', '127.0.0.1.example.com', '127.0.0.1000', '0.0.0.0', 'example.com'])(
    'does not count %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('true or false variables', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads HSTS=%s as %s', (value, expected) => {
    expect(env({ HSTS: value }).HSTS).toBe(expected);
  });

  it('are off when unset or empty', () => {
    expect(env({}).HSTS).toBe(false);
    expect(env({ HSTS: '' }).HSTS).toBe(false);
    expect(env({})).toMatchObject({ TRUST_PROXY: false, TRUST_UPSTREAM_AUTH: false });
  });
});

describe('the configuration messages', () => {
  it('names each bad variable on a line of its own, with what it must be', () => {
    expect(parseEnv({ PORT: 'abc', HSTS: 'yes' })).toEqual({
      ok: false,
      message: 'Invalid configuration:\n  PORT: must be a whole number\n  HSTS: must be true or false',
    });
  });

  it('says what a half-configured sign-in lacks, and what it needs', () => {
    expect(
      resolveAccessMode(env({ WHOP_CLIENT_ID: 'app_abc', WHOP_COMPANY_ID: 'biz_abc' }), {
        host: '127.0.0.1',
        apiKey: 'key',
      }),
    ).toEqual({
      kind: 'refuse',
      message:
        'Sign in with Whop is half configured: set WHOP_CLIENT_SECRET, PUBLIC_URL, SESSION_SECRET as well (sign-in needs all of WHOP_CLIENT_ID, WHOP_CLIENT_SECRET, WHOP_COMPANY_ID, PUBLIC_URL, SESSION_SECRET).',
    });
  });

  it('gives the three ways out of a refusal to start, one per line', () => {
    expect(resolveAccessMode(env({}), { host: '0.0.0.0', apiKey: 'key' })).toEqual({
      kind: 'refuse',
      message: [
        'Refusing to start: HOST=0.0.0.0 is reachable from other machines, and nobody would have to sign in to see member data.',
        'Turn on Sign in with Whop by setting WHOP_CLIENT_ID, WHOP_CLIENT_SECRET, WHOP_COMPANY_ID, PUBLIC_URL, SESSION_SECRET (see the README),',
        'or set TRUST_UPSTREAM_AUTH=true if an authenticating proxy in front of this server already lets only your team through,',
        'or listen on a loopback address (HOST=127.0.0.1) for local use.',
      ].join('\n'),
    });
  });
});

describe('processEnv', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'config-env-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a .env file in the working directory, the real environment winning', () => {
    writeFileSync(path.join(dir, '.env'), 'WML_CONFIG_TEST_VAR=from-file\nPATH=from-file\n');
    const source = processEnv(path.join(dir, '.env'));
    try {
      expect(source.WML_CONFIG_TEST_VAR).toBe('from-file');
      expect(source.PATH).not.toBe('from-file');
    } finally {
      // It is the process's own environment: leave it as it was for the next test.
      delete source.WML_CONFIG_TEST_VAR;
    }
  });

  it('is the environment alone when there is no .env file', () => {
    const source = processEnv(path.join(dir, '.env'));
    expect(source.PATH).toEqual(expect.any(String));
    expect(source.WML_CONFIG_TEST_VAR).toBeUndefined();
  });

  it('fails on a .env it cannot read, rather than starting without it', () => {
    mkdirSync(path.join(dir, '.env'));
    expect(() => processEnv(path.join(dir, '.env'))).toThrow();
  });
});
