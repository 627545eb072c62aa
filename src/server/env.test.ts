import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

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
    ['MEMBER_CACHE_TTL_MS', '60000'],
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
