import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_RETRIES, TEST_API_KEY } from '../../../test/test-app';
import { DEMO_COMPANY, SPECIAL_QUERIES } from '../../demo-whop/fixtures';
import { type DemoWhop, startDemoWhop } from '../../demo-whop/server';
import { createLimiter } from '../upstream/limiter';
import { createWhopDirectory } from './member-directory';

let whop: DemoWhop;
beforeEach(async () => {
  whop = await startDemoWhop({ apiKey: TEST_API_KEY });
});
const answering: Server[] = [];
afterEach(async () => {
  await whop.close();
  for (const server of answering.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const directory = (options: { concurrency?: number; queue?: number; deadlineMs?: number } = {}) =>
  createWhopDirectory({
    apiKey: TEST_API_KEY,
    baseURL: whop.baseURL,
    deadlineMs: options.deadlineMs ?? 3000,
    retry: FAST_RETRIES,
    limiter: createLimiter(options.concurrency ?? 16, options.queue ?? 256),
  });

/** A directory whose Whop answers every request with `status` and `body` (the demo Whop is stopped). */
async function directoryAnswering(status: number, body: unknown) {
  await whop.close();
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  answering.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return createWhopDirectory({
    apiKey: TEST_API_KEY,
    baseURL: `http://127.0.0.1:${port}/api/v1`,
    deadlineMs: 2000,
    retry: FAST_RETRIES,
    limiter: createLimiter(1, 1),
  });
}

describe('createWhopDirectory', () => {
  it('answers busy at once when the shared limiter is full', async () => {
    const d = directory({ concurrency: 1, queue: 0 });
    const slow = d.searchMembers({ companyId: DEMO_COMPANY.id, query: SPECIAL_QUERIES.slow });
    const second = await d.retrieveMembership('mem_demoAvaPro');
    expect(second).toMatchObject({ ok: false, problem: { status: 503, code: 'busy' }, attempts: 0 });
    expect((await slow).ok).toBe(true);
  });

  it('ends a slow search at the deadline with upstream_timeout', async () => {
    const result = await directory({ deadlineMs: 300 }).searchMembers({
      companyId: DEMO_COMPANY.id,
      query: SPECIAL_QUERIES.slow,
    });
    expect(result).toMatchObject({ ok: false, problem: { status: 504, code: 'upstream_timeout' } });
  });

  it('a company the key cannot see is a permission problem, named for the operator', async () => {
    const result = await directory().searchMembers({ companyId: 'biz_someoneElse', query: 'ava' });
    expect(result).toMatchObject({ ok: false, problem: { code: 'upstream_forbidden' } });
  });

  it.each([
    ['search', (d: ReturnType<typeof directory>) => d.searchMembers({ companyId: DEMO_COMPANY.id, query: 'ava' })],
  ])('%s: a cursor we could not accept back shows the rows and ends the paging, not a 502', async (_what, list) => {
    const d = await directoryAnswering(200, { data: [], page_info: { end_cursor: '../evil', has_next_page: true } });
    // Rows are not checked here (an empty page parses as any list); the cursor is what matters.
    const result = await list(d);
    expect(result).toMatchObject({ ok: true, value: { data: [], next_cursor: null } });
  });

  /** The query string of the stand-in's last request, as Whop would read it. */
  const lastQuery = () => new URLSearchParams(whop.requests.at(-1)?.query ?? '');
  /** The stand-in's cursor for "after the first n rows". */
  const cursorAfter = (n: number) => Buffer.from(`o:${n}`).toString('base64url');

  it('searches with exactly the filters given: nothing Whop could read as an empty filter', async () => {
    await directory().searchMembers({ companyId: DEMO_COMPANY.id, query: 'ava' });
    expect([...lastQuery()]).toEqual([
      ['company_id', DEMO_COMPANY.id],
      ['first', '10'],
      ['query', 'ava'],
    ]);
    await directory().searchMembers({ companyId: DEMO_COMPANY.id, userId: 'user_demoAva', after: cursorAfter(10) });
    expect([...lastQuery()]).toEqual([
      ['company_id', DEMO_COMPANY.id],
      ['first', '10'],
      ['after', cursorAfter(10)],
      ['user_ids[]', 'user_demoAva'],
    ]);
  });

  it.each([
    [
      'search',
      (d: ReturnType<typeof directory>) => d.searchMembers({ companyId: DEMO_COMPANY.id, query: 'ava' }),
      'Whop does not know the company in WHOP_COMPANY_ID. An operator must check it.',
    ],
  ])('%s: a 404 from a list is a 502 that says what could not be listed', async (_what, list, message) => {
    const d = await directoryAnswering(404, { error: { type: 'not_found', message: 'Resource not found' } });
    expect(await list(d)).toMatchObject({
      ok: false,
      problem: { status: 502, code: 'upstream_error', message },
      attempts: 1,
      upstreamStatus: 404,
    });
  });
});
