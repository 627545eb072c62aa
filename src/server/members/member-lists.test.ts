import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_RETRIES, TEST_API_KEY } from '../../../test/test-app';
import { DEMO_COMPANY, demoMembers } from '../../demo-whop/fixtures';
import { type DemoWhop, startDemoWhop } from '../../demo-whop/server';
import { createLimiter } from '../upstream/limiter';
import { createMemberGenerations } from './member-generations';
import { createWhopLists, type ListFilter } from './member-lists';

let whop: DemoWhop;
beforeEach(async () => {
  whop = await startDemoWhop({ apiKey: TEST_API_KEY });
});
afterEach(() => whop.close());

const options = (baseURL = whop.baseURL) => ({
  apiKey: TEST_API_KEY,
  baseURL,
  deadlineMs: 3000,
  retry: FAST_RETRIES,
  limiter: createLimiter(16, 256),
});
const history = (baseURL = whop.baseURL) => createWhopLists(options(baseURL));

const filterFor = (memberId: string, after?: string): ListFilter => {
  const userId = demoMembers(0).find((m) => m.id === memberId)?.user?.id;
  if (!userId) throw new Error(`no demo member ${memberId} with a user`);
  return { companyId: DEMO_COMPANY.id, memberId, userId, ...(after !== undefined && { after }) };
};
/** The stand-in's cursor for "after the first n rows". */
const cursorAfter = (n: number) => Buffer.from(`o:${n}`).toString('base64url');
const ids = (outcome: { ok: boolean; value?: { data: Array<{ id: string }> } }) =>
  outcome.ok ? outcome.value!.data.map((row) => row.id) : null;
const queriesTo = (path: string) =>
  whop.requests.filter((r) => r.path === `/api/v1${path}`).map((r) => new URLSearchParams(r.query ?? ''));

describe.each([
  ['memberships', '/memberships', (h: ReturnType<typeof history>, f: ListFilter) => h.list('memberships', f)],
  ['payments', '/payments', (h: ReturnType<typeof history>, f: ListFilter) => h.list('payments', f)],
  [
    'token transactions',
    '/company_token_transactions',
    (h: ReturnType<typeof history>, f: ListFilter) => h.list('tokenTransactions', f),
  ],
])('%s', (_what, path, list) => {
  it('two members asked for at once each get their own rows (one call each)', async () => {
    const h = history();
    const [ava, whale] = await Promise.all([
      list(h, filterFor('mber_demoAvaChen')),
      list(h, filterFor('mber_demoWhale')),
    ]);
    const [alone] = [ids(await list(history(), filterFor('mber_demoWhale')))];
    expect(ids(whale)).toEqual(alone);
    expect(ids(ava)).not.toEqual(ids(whale));
    expect(ava).toMatchObject({ coalesced: false });
    expect(whale).toMatchObject({ coalesced: false });
  });

  it('pages of one member asked for at once are a call each, each from its own cursor', async () => {
    const h = history();
    const [first, second, third] = await Promise.all([
      list(h, filterFor('mber_demoWhale')),
      list(h, filterFor('mber_demoWhale', cursorAfter(1))),
      list(h, filterFor('mber_demoWhale', cursorAfter(2))),
    ]);
    expect(queriesTo(path).map((q) => q.get('after'))).toEqual([null, cursorAfter(1), cursorAfter(2)]);
    // Each is the page that cursor gives when asked for alone, and the three differ.
    const alone = [];
    for (const cursor of [undefined, cursorAfter(1), cursorAfter(2)]) {
      alone.push(ids(await list(history(), filterFor('mber_demoWhale', cursor))));
    }
    expect([ids(first), ids(second), ids(third)]).toEqual(alone);
    expect(new Set(alone.map((page) => page!.join())).size).toBe(3);
  });

  it('the same page asked for twice at once is one call, shared', async () => {
    const h = history();
    const [one, two] = await Promise.all([
      list(h, filterFor('mber_demoAvaChen')),
      list(h, filterFor('mber_demoAvaChen')),
    ]);
    expect(ids(two)).toEqual(ids(one));
    expect([one, two]).toMatchObject([{ coalesced: false }, { coalesced: true }]);
    expect(queriesTo(path)).toHaveLength(1);
  });

  it('the same page asked for after Whop reported a change to the member (or its user) is a call of its own', async () => {
    const generations = createMemberGenerations();
    const h = createWhopLists({ ...options(), generations });
    const filter = filterFor('mber_demoAvaChen');
    const before = list(h, filter);
    generations.bump([filter.memberId]);
    const afterMember = list(h, filter);
    generations.bump([filter.userId]);
    const afterUser = list(h, filter);
    const sameAsLast = list(h, filter);
    const answers = await Promise.all([before, afterMember, afterUser, sameAsLast]);
    expect(answers).toMatchObject([
      { coalesced: false },
      { coalesced: false },
      { coalesced: false },
      { coalesced: true },
    ]);
    expect(queriesTo(path)).toHaveLength(3);
  });
});

describe('a 404 from a list', () => {
  it.each([
    [
      'memberships',
      (h: ReturnType<typeof history>) => h.list('memberships', filterFor('mber_demoAvaChen')),
      "Whop could not list this member's memberships.",
    ],
    [
      'payments',
      (h: ReturnType<typeof history>) => h.list('payments', filterFor('mber_demoAvaChen')),
      "Whop could not list this member's payments.",
    ],
    [
      'token transactions',
      (h: ReturnType<typeof history>) => h.list('tokenTransactions', filterFor('mber_demoAvaChen')),
      "Whop could not list this member's token transactions.",
    ],
  ])('%s: a 502 that says what could not be listed', async (_what, list, message) => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'not_found', message: 'Resource not found' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const h = history(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`);
      expect(await list(h)).toMatchObject({
        ok: false,
        problem: { status: 502, code: 'upstream_error', message },
        upstreamStatus: 404,
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('memberships', () => {
  it("lists a user's memberships from the cursor given: the next page, not the first again", async () => {
    const first = await history().list('memberships', filterFor('mber_demoWhale'));
    const userId = filterFor('mber_demoWhale').userId;
    expect([...queriesTo('/memberships').at(-1)!]).toEqual([
      ['company_id', DEMO_COMPANY.id],
      ['user_ids[]', userId],
      ['first', '25'],
    ]);
    if (!first.ok) throw new Error('the first page failed');
    expect(first.value.data.length).toBeGreaterThan(1);
    const next = await history().list('memberships', filterFor('mber_demoWhale', cursorAfter(1)));
    expect(queriesTo('/memberships').at(-1)!.get('after')).toBe(cursorAfter(1));
    expect(next).toMatchObject({ ok: true, value: { data: first.value.data.slice(1) } });
  });
});
