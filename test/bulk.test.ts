import { afterEach, describe, expect, it } from 'vitest';
import {
  bulkApiPath,
  bulkCancelApiPath,
  bulkListApiPath,
  bulkRetryApiPath,
  memberApiPath,
} from '../src/contract/api-paths';
import { BULK_MAX_BODY_BYTES, type BulkList, BulkListSchema } from '../src/contract/bulk';
import { SPECIAL_IDS } from '../src/demo-whop/fixtures';
import { startTestApp, type TestApp } from './test-app';

/**
 * Many members at once over HTTP, the whole server as compose.ts builds it against the Whop
 * stand-in: the size limits, the answers and their codes, polling that spends no rate limit,
 * one running list per person, a 429 that pauses every bulk call without failing a row, and
 * single lookups that do not wait behind a list.
 */

const FAST = { flushMs: 20, heartbeatMs: 100, leaseMs: 1_000, cancelCheckMs: 50 };
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});
async function app(options: Parameters<typeof startTestApp>[0] = {}) {
  const started = await startTestApp({ bulkTimings: FAST, ...options });
  apps.push(started);
  return started;
}

const post = (t: TestApp, path: string, body: unknown, client = 'ana') => {
  const { type = 'application/json', ...rest } = (typeof body === 'object' && body) as { type?: string };
  return t.get(path, {
    method: 'POST',
    headers: { 'content-type': type, 'x-test-client': client },
    body: typeof body === 'string' ? body : JSON.stringify(rest),
  });
};
const error = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

async function untilDone(t: TestApp, id: string, ms = 5_000): Promise<BulkList> {
  const end = Date.now() + ms;
  for (;;) {
    const list = BulkListSchema.parse(await (await t.get(bulkListApiPath(id))).json());
    if (list.state !== 'running' || Date.now() > end) return list;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const notFoundIds = (n: number) => Array.from({ length: n }, (_, i) => `mber_nobody${i}`);

describe('POST /api/bulk refuses what it cannot run, before anything is sent to Whop', () => {
  const line513 = 'a'.repeat(513);
  it.each([
    ['bad JSON', '{"lines": [', 400, 'invalid_bulk_request', 'That is not JSON'],
    ['not sent as JSON', { type: 'text/plain', lines: ['mber_a'] }, 400, 'invalid_bulk_request', 'Content-Type'],
    ['not a list of lines', { lines: 'mber_a' }, 400, 'invalid_bulk_request', 'Send {"lines": [...]}'],
    ['no lines', { lines: [] }, 400, 'invalid_bulk_request', 'Paste at least one line.'],
    ['a blank line', { lines: ['mber_a', 'mber_b', '  '] }, 400, 'invalid_bulk_request', 'Line 3 is blank'],
    ['a line too long', { lines: ['mber_a', line513] }, 400, 'invalid_bulk_request', 'Line 2 is longer than 512'],
    [
      '1,001 lines',
      { lines: Array.from({ length: 1001 }, (_, i) => `mber_a${i}`) },
      413,
      'bulk_too_large',
      '1,001 lines; a list holds at most 1,000.',
    ],
    [
      'a body over the byte limit',
      { lines: ['x'.repeat(BULK_MAX_BODY_BYTES)] },
      413,
      'bulk_too_large',
      'larger than 1 MB',
    ],
  ])('%s: %i', async (_, body, status, code, message) => {
    const t = await app();
    const res = await post(t, bulkApiPath(), body);
    expect(res.status).toBe(status);
    const e = await error(res);
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
    expect(t.whop.requests).toEqual([]);
  });
});

describe('a list over HTTP', () => {
  it('201 with the list and its Location; GET answers it, with only the changed rows after `since`', async () => {
    const t = await app();
    const res = await post(t, bulkApiPath(), {
      lines: ['mber_demoAvaChen', SPECIAL_IDS.notFound, 'biz_abc', 'mber_demoAvaChen'],
    });
    expect(res.status).toBe(201);
    const created = BulkListSchema.parse(await res.json());
    expect(res.headers.get('location')).toBe(bulkListApiPath(created.id));
    expect(created.rows).toHaveLength(4);
    const done = await untilDone(t, created.id);
    expect(done.state).toBe('done');
    expect(done.rows.map((r) => r.outcome)).toEqual(['found', 'not_found', 'invalid', 'found']);
    expect(done.rows[0]).toMatchObject({ member: { id: 'mber_demoAvaChen' } });
    expect(t.whop.callsFor('mber_demoAvaChen')).toBe(1);
    const since = BulkListSchema.parse(await (await t.get(bulkListApiPath(created.id, done.version))).json());
    expect(since).toMatchObject({ state: 'done', version: done.version, rows: [] });
    // Log lines name the list and its counts, never a line's text.
    const logged = JSON.stringify(t.logs.filter((l) => String(l.event ?? '').startsWith('bulk_')));
    expect(logged).toContain(created.id);
    expect(logged).not.toContain('AvaChen');
  });

  it("a member in the single lookups' cache costs the list no Whop call", async () => {
    const t = await app({ lookup: { cacheTtlMs: 60_000 } });
    expect((await t.get(memberApiPath('mber_demoAvaChen'))).status).toBe(200);
    const created = BulkListSchema.parse(await (await post(t, bulkApiPath(), { lines: ['mber_demoAvaChen'] })).json());
    const done = await untilDone(t, created.id);
    expect(done.rows[0]).toMatchObject({ outcome: 'found', member: { id: 'mber_demoAvaChen' } });
    expect(t.whop.callsFor('mber_demoAvaChen')).toBe(1);
  });

  it('without a company to search in, email, name and user-id lines fail saying so; ids still work', async () => {
    const t = await app({ companyId: null });
    const lines = ['ava.chen@example.com', 'Ava Chen', 'user_abc', 'mber_demoAvaChen'];
    const created = BulkListSchema.parse(await (await post(t, bulkApiPath(), { lines })).json());
    const done = await untilDone(t, created.id);
    expect(done.rows.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed', 'found']);
    expect(done.rows[0]).toMatchObject({ message: expect.stringContaining('WHOP_COMPANY_ID') });
  });

  it.each([
    ['a malformed id', '/api/bulk/not-an-id'],
    ['an unknown (or expired) list', bulkListApiPath('3b241101-e2bb-4255-8caf-4136c566a962')],
  ])('%s: 404 "gone"', async (_, path) => {
    const t = await app();
    const res = await t.get(path);
    expect(res.status).toBe(404);
    expect(await error(res)).toMatchObject({
      code: 'bulk_list_gone',
      message: 'That list is gone: lists are kept for an hour. Paste it again.',
    });
  });

  it('since must be a version; a retry of a list still running is 409, of an unknown one 404', async () => {
    const t = await app({ requestsPerSecond: 2 });
    const created = BulkListSchema.parse(await (await post(t, bulkApiPath(), { lines: notFoundIds(10) })).json());
    const bad = await t.get(`${bulkListApiPath(created.id)}?since=soon`);
    expect(bad.status).toBe(400);
    expect((await error(bad)).code).toBe('invalid_bulk_request');
    const retry = await post(t, bulkRetryApiPath(created.id), {});
    expect(retry.status).toBe(409);
    expect(await error(retry)).toMatchObject({
      code: 'bulk_list_running',
      message: expect.stringContaining('still running'),
    });
    expect((await post(t, bulkRetryApiPath('3b241101-e2bb-4255-8caf-4136c566a962'), {})).status).toBe(404);
    expect((await post(t, bulkCancelApiPath('nope'), {})).status).toBe(404);
  });

  it.each(['cancel', 'retry'])(
    'POST …/%s takes only JSON: another site cannot send it without a preflight',
    async (what) => {
      const t = await app();
      const created = BulkListSchema.parse(
        await (await post(t, bulkApiPath(), { lines: ['mber_demoAvaChen'] })).json(),
      );
      const path = what === 'cancel' ? bulkCancelApiPath(created.id) : bulkRetryApiPath(created.id);
      const res = await post(t, path, { type: 'text/plain' });
      expect(res.status).toBe(400);
      expect(await error(res)).toMatchObject({
        code: 'invalid_bulk_request',
        message: expect.stringContaining('JSON'),
      });
      await untilDone(t, created.id);
    },
  );

  it("polling spends no rate limit; creating a list spends one of the person's requests", async () => {
    const t = await app({ rateLimitPerMinute: 3 });
    const created = BulkListSchema.parse(await (await post(t, bulkApiPath(), { lines: ['mber_demoAvaChen'] })).json());
    for (let i = 0; i < 10; i++) {
      const res = await t.get(bulkListApiPath(created.id), { headers: { 'x-test-client': 'ana' } });
      expect(res.status).toBe(200);
    }
    const lookups = [];
    for (let i = 0; i < 3; i++)
      lookups.push((await t.get(memberApiPath('mber_demoAvaChen'), { headers: { 'x-test-client': 'ana' } })).status);
    expect(lookups).toEqual([200, 200, 429]);
  });

  it('one running list per person: 409 naming it; cancel stops it and keeps the rows done', async () => {
    const t = await app({ requestsPerSecond: 4 });
    const first = BulkListSchema.parse(await (await post(t, bulkApiPath(), { lines: notFoundIds(40) })).json());
    const second = await post(t, bulkApiPath(), { lines: ['mber_demoAvaChen'] });
    expect(second.status).toBe(409);
    expect(await error(second)).toMatchObject({
      code: 'bulk_list_running',
      message: expect.stringContaining(first.id),
    });
    expect((await post(t, bulkApiPath(), { lines: ['mber_demoAvaChen'] }, 'ben')).status).toBe(201);

    const res = await post(t, bulkCancelApiPath(first.id), {});
    expect(res.status).toBe(200);
    const cancelled = BulkListSchema.parse(await res.json());
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.counts.cancelled).toBeGreaterThan(0);
    expect(cancelled.counts.done).toBe(40);
    const asked = t.whop.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(t.whop.requests.length).toBe(asked);
    expect((await post(t, bulkApiPath(), { lines: ['mber_demoAvaChen'] })).status).toBe(201);
  });
});

describe('the request budget under a list', () => {
  it('a 429 with Retry-After pauses every bulk call until it ends; no row fails for it, and single lookups go on', async () => {
    const t = await app();
    const lines = [SPECIAL_IDS.retryAfter1, ...notFoundIds(24)];
    const started = performance.now();
    const created = BulkListSchema.parse(await (await post(t, bulkApiPath(), { lines })).json());
    await new Promise((r) => setTimeout(r, 400));
    // Inside the 1 s pause: at most the first few calls (in flight before the 429 came) were made.
    const during = t.whop.requests.length;
    expect(during).toBeLessThanOrEqual(8);
    const mid = BulkListSchema.parse(await (await t.get(bulkListApiPath(created.id))).json());
    expect(mid.paused_until).not.toBeNull();
    const single = performance.now();
    expect((await t.get(memberApiPath('mber_demoAvaChen'))).status).toBe(200);
    expect(performance.now() - single).toBeLessThan(500);

    const done = await untilDone(t, created.id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(done.counts).toMatchObject({ total: 25, found: 1, not_found: 24, failed: 0 });
  });

  it('while a list uses the whole bulk budget, a single lookup is answered without waiting behind it', async () => {
    const t = await app({ requestsPerSecond: 4 });
    const created = BulkListSchema.parse(await (await post(t, bulkApiPath(), { lines: notFoundIds(30) })).json());
    await new Promise((r) => setTimeout(r, 300));
    // The window holds bulk's 3 of 4: the slot kept for single lookups is free at once. (A
    // second lookup in the same second may wait for the window, as any caller over the budget.)
    const single = performance.now();
    expect((await t.get(memberApiPath('mber_demoAvaChen'))).status).toBe(200);
    expect(performance.now() - single).toBeLessThan(700);
    const list = BulkListSchema.parse(await (await t.get(bulkListApiPath(created.id))).json());
    expect(list.state).toBe('running');
    await post(t, bulkCancelApiPath(created.id), {});
  });
});
