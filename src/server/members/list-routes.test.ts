import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { ApiErrorEnvelopeSchema } from '../../contract/api-error';
import { PAYMENT_READ_PERMISSIONS, PaymentPageSchema } from '../../contract/payment';
import { TOKEN_TRANSACTION_READ_PERMISSIONS, TokenTransactionPageSchema } from '../../contract/token-transaction';
import { HISTORY_SPECIAL_IDS } from '../../demo-whop/history-fixtures';
import { onlyThisMember } from './member-lists';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const errorOf = async (res: Response) => ApiErrorEnvelopeSchema.parse(await res.json()).error;
const payments = async (id: string, cursor?: string) => {
  const res = await t.get(`/api/members/${id}/payments${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
  return { res, page: res.ok ? PaymentPageSchema.parse(await res.clone().json()) : null };
};
const tokens = async (id: string, cursor?: string) => {
  const res = await t.get(
    `/api/members/${id}/token-transactions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  return { res, page: res.ok ? TokenTransactionPageSchema.parse(await res.clone().json()) : null };
};
const whopCallsTo = (path: string) => t.whop.requests.filter((r) => r.path === `/api/v1${path}`);

describe('onlyThisMember (the exact-member filter)', () => {
  const row = (member: string | null, user: string | null) => ({
    member: member ? { id: member } : null,
    user: user ? { id: user } : null,
  });
  it('keeps rows whose member or user is this member’s, drops what a search also matched', () => {
    const rows = [
      row('mber_a', 'user_a'),
      row('mber_a', null),
      row(null, 'user_a'),
      row('mber_aJunior', 'user_aJunior'),
      row('mber_b', 'user_b'),
      row(null, null),
    ];
    expect(onlyThisMember(rows, { memberId: 'mber_a', userId: 'user_a' })).toEqual(rows.slice(0, 3));
  });
});

describe('GET /api/members/:id/payments', () => {
  it("lists the member's payments, newest first, searching Whop by user id in the company", async () => {
    const { res, page } = await payments('mber_demoAvaChen');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(page?.data.map((p) => p.id)).toEqual([
      'pay_demoAva01',
      'pay_demoAva02',
      'pay_demoAva03',
      'pay_demoAva04',
      'pay_demoAva05',
      'pay_demoAva06',
      'pay_demoAva07',
      'pay_demoAva08',
      'pay_demoAva09',
    ]);
    const sent = new URLSearchParams(whopCallsTo('/payments').at(-1)?.query);
    expect(Object.fromEntries(sent)).toMatchObject({
      company_id: 'biz_demoNorthwind',
      query: 'user_demoAva',
      order: 'created_at',
      direction: 'desc',
      first: '10',
    });
  });

  it('drops the payments Whop’s search matched for someone else (user_demoAvaJunior)', async () => {
    const { page } = await payments('mber_demoAvaChen');
    expect(page?.data.some((p) => p.user?.id === 'user_demoAvaJunior')).toBe(false);
  });

  it('never passes on what the panel does not show (emails, metadata, plan notes)', async () => {
    const { res } = await payments('mber_demoAvaChen');
    const text = await res.text();
    expect(text).not.toContain('ava.chen@example.com');
    expect(text).not.toContain('secret-payment-metadata');
    expect(text).not.toContain('never shown');
  });

  it('pages with the cursor Whop handed out', async () => {
    const first = await payments('mber_demoWhale');
    expect(first.page?.data).toHaveLength(10);
    expect(first.page?.next_cursor).toEqual(expect.any(String));
    const second = await payments('mber_demoWhale', first.page!.next_cursor!);
    expect(second.page?.data.map((p) => p.id)).toEqual([
      'pay_demoWhale11',
      'pay_demoWhale12',
      'pay_demoWhale13',
      'pay_demoWhale14',
      'pay_demoWhale15',
    ]);
    expect(second.page?.next_cursor).toBeNull();
  });

  it('answers a member without a user with an empty page, without asking Whop', async () => {
    const { res, page } = await payments('mber_demoNoUser');
    expect(res.status).toBe(200);
    expect(page).toEqual({ data: [], next_cursor: null });
    const tokenPage = await tokens('mber_demoNoUser');
    expect(tokenPage.page).toEqual({ data: [], next_cursor: null });
    expect(whopCallsTo('/payments')).toHaveLength(0);
    expect(whopCallsTo('/company_token_transactions')).toHaveLength(0);
  });

  it('names the permissions Whop lists for payments on a 403, and only for payments', async () => {
    const { res } = await payments(HISTORY_SPECIAL_IDS.paymentsForbidden);
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_forbidden');
    for (const permission of PAYMENT_READ_PERMISSIONS) expect(error.message).toContain(permission);
    expect((await tokens(HISTORY_SPECIAL_IDS.paymentsForbidden)).res.status).toBe(200);
  });

  it.each([
    [HISTORY_SPECIAL_IDS.rateLimited, 429, 'upstream_rate_limited'],
    [HISTORY_SPECIAL_IDS.junk, 502, 'upstream_error'],
  ])('passes %s on as %i %s', async (id, status, code) => {
    const { res } = await payments(id);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
  });

  it('shows the rows and stops paging when Whop’s cursor is not one we know', async () => {
    const { res, page } = await payments(HISTORY_SPECIAL_IDS.oddCursor);
    expect(res.status).toBe(200);
    expect(page?.data).toHaveLength(1);
    expect(page?.next_cursor).toBeNull();
  });

  it.each([
    ['a membership id', '/api/members/mem_abc/payments', 'invalid_member_id'],
    ['a path trick', '/api/members/mber_..%2F..%2Fx/payments', 'invalid_member_id'],
    ['spaces around the id', '/api/members/%20mber_demoAvaChen/payments', 'invalid_member_id'],
    ['a cursor we never handed out', '/api/members/mber_demoAvaChen/payments?cursor=..%2Fevil', 'invalid_query'],
    ['a cursor on tokens too', '/api/members/mber_demoAvaChen/token-transactions?cursor=%00', 'invalid_query'],
  ])('refuses %s before Whop sees it', async (_what, path, code) => {
    const res = await t.get(path);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe(code);
    expect(whopCallsTo('/payments')).toHaveLength(0);
  });

  it('answers 404 for a member that does not exist', async () => {
    const { res } = await payments('mber_demoNotFound');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('member_not_found');
  });

  it('asks Whop once for two identical requests in flight (coalesced)', async () => {
    await Promise.all([payments(HISTORY_SPECIAL_IDS.slow), payments(HISTORY_SPECIAL_IDS.slow)]);
    expect(whopCallsTo('/payments')).toHaveLength(1);
  });
});

describe('GET /api/members/:id/token-transactions', () => {
  it("lists the member's token transactions by exact user id, a page at a time", async () => {
    const first = await tokens('mber_demoWhale');
    expect(first.page?.data).toHaveLength(10);
    const sent = new URLSearchParams(whopCallsTo('/company_token_transactions').at(-1)?.query);
    expect(sent.get('user_id')).toBe('user_demoWhale');
    expect(sent.get('company_id')).toBe('biz_demoNorthwind');
    const second = await tokens('mber_demoWhale', first.page!.next_cursor!);
    expect(second.page?.data).toHaveLength(2);
    expect(second.page?.next_cursor).toBeNull();
  });

  it('names the permissions Whop lists for token transactions on a 403, and only for tokens', async () => {
    const { res } = await tokens(HISTORY_SPECIAL_IDS.tokensForbidden);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_forbidden');
    for (const permission of TOKEN_TRANSACTION_READ_PERMISSIONS) expect(error.message).toContain(permission);
    expect((await payments(HISTORY_SPECIAL_IDS.tokensForbidden)).res.status).toBe(200);
  });
});

describe('the Whop API version', () => {
  it('is the pinned one on every call, whatever WHOP_API_VERSION says', async () => {
    vi.stubEnv('WHOP_API_VERSION', '2099-01-01');
    // A fresh app, so its SDK client is built while the variable is set.
    const fresh = await startTestApp();
    try {
      expect((await fresh.get('/api/members/mber_demoAvaChen')).status).toBe(200);
      expect((await fresh.get('/api/members/mber_demoAvaChen/payments')).status).toBe(200);
    } finally {
      await fresh.close();
      vi.unstubAllEnvs();
    }
  });
});
