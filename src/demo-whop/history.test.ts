import type { FriendlyReceiptStatus } from '@whop/sdk/resources/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYMENT_SUBSTATUSES, PaymentSchema } from '../contract/payment';
import { KNOWN_API_VERSIONS } from './answers';
import { DEMO_COMPANY, demoMembers } from './fixtures';
import {
  demoPayments,
  demoTokenTransactions,
  HISTORY_SPECIAL_IDS,
  HISTORY_SPECIAL_MEMBERS,
  standInUserId,
  TRANSFER_DIRECTIONS,
} from './history-fixtures';
import { type DemoWhop, startDemoWhop } from './server';

const KEY = 'test_key';
const now = Date.parse('2026-01-01T00:00:00Z');
let whop: DemoWhop | undefined;
afterEach(async () => {
  await whop?.close();
  whop = undefined;
});

async function call(path: string, version: string | null = KNOWN_API_VERSIONS[0] ?? null) {
  whop ??= await startDemoWhop({ apiKey: KEY, now });
  const res = await fetch(`${whop.baseURL}${path}`, {
    headers: { authorization: `Bearer ${KEY}`, ...(version ? { 'api-version-date': version } : {}) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const cents = (n: number) => Math.round(n * 100);
const specialMembers = HISTORY_SPECIAL_MEMBERS.map((s) => ({
  id: s.id,
  usd_total_spent: s.usd_total_spent,
  company_token_balance: s.company_token_balance,
}));
const figures = [...demoMembers(now), ...specialMembers];

describe('the history fixtures', () => {
  const payments = demoPayments(now);
  const tokens = demoTokenTransactions(now);

  it('hold every substatus the SDK lists, and the contract lists exactly those', () => {
    // A compile-time check both ways: the contract's list is the SDK's union.
    const sdk: readonly FriendlyReceiptStatus[] = PAYMENT_SUBSTATUSES;
    const all: Record<FriendlyReceiptStatus, true> = Object.fromEntries(sdk.map((s) => [s, true])) as Record<
      FriendlyReceiptStatus,
      true
    >;
    const seen = new Set(payments.map((p) => p.substatus));
    for (const substatus of Object.keys(all)) expect(seen, substatus).toContain(substatus);
  });

  it("parse as the contract reads them, without the phone number on the payment's membership", () => {
    for (const raw of payments) {
      const parsed = PaymentSchema.parse(raw);
      if (parsed.membership) expect(Object.keys(parsed.membership)).toEqual(['id']);
    }
    expect(payments.some((p) => p.membership !== null)).toBe(true);
  });

  it('hold several currencies', () => {
    expect(new Set(payments.map((p) => p.currency)).size).toBeGreaterThanOrEqual(5);
  });

  it("add up, per member: paid less refunds and lost disputes is the member's usd_total_spent", () => {
    for (const member of figures) {
      const mine = payments.filter((p) => p.member?.id === member.id);
      const net = mine
        .filter((p) => p.status === 'paid' && p.substatus !== 'dispute_lost' && p.substatus !== 'resolution_lost')
        .reduce((sum, p) => {
          const usd = p.usd_total ?? 0;
          const refundedUsd = p.refunded_amount && p.total ? (p.refunded_amount * usd) / p.total : 0;
          return sum + cents(usd) - cents(refundedUsd);
        }, 0);
      if (mine.length === 0) continue;
      expect(net, member.id).toBe(cents(member.usd_total_spent));
    }
  });

  it("add up, per member: tokens in less tokens out is the member's company_token_balance", () => {
    for (const member of figures) {
      const mine = tokens.filter((t) => t.member.id === member.id);
      if (mine.length === 0) continue;
      const balance = mine.reduce((sum, t) => {
        const inward =
          t.transaction_type === 'add' || (t.transaction_type === 'transfer' && TRANSFER_DIRECTIONS.get(t.id) === 'in');
        return sum + (inward ? cents(t.amount) : -cents(t.amount));
      }, 0);
      expect(balance, member.id).toBe(cents(member.company_token_balance));
    }
  });

  it('give the whale more than a page of each', () => {
    expect(payments.filter((p) => p.member?.id === 'mber_demoWhale').length).toBeGreaterThan(10);
    expect(tokens.filter((t) => t.member.id === 'mber_demoWhale').length).toBeGreaterThan(10);
  });
});

describe('the stand-in history endpoints', () => {
  const company = `company_id=${DEMO_COMPANY.id}`;

  it('answers 400 to a missing or unknown Api-Version-Date, as Whop does', async () => {
    expect((await call('/members/mber_demoAvaChen', null)).status).toBe(400);
    expect((await call('/members/mber_demoAvaChen', '2020-01-01')).status).toBe(400);
    expect((await call('/members/mber_demoAvaChen')).status).toBe(200);
  });

  it("searches payments the way Whop's query does: a user id also finds ids that contain it", async () => {
    const { body } = await call(`/payments?${company}&query=user_demoAva&first=100`);
    const users = new Set((body.data as Array<{ user: { id: string } }>).map((p) => p.user.id));
    expect(users).toEqual(new Set(['user_demoAva', 'user_demoAvaJunior']));
    const byEmail = await call(`/payments?${company}&query=AVA.JR@example.com`);
    expect(byEmail.body.data).toHaveLength(1);
  });

  it('lists payments newest first, or oldest first when asked, and needs the company', async () => {
    const newest = (await call(`/payments?${company}&query=user_demoWhale&first=3`)).body.data as Array<{
      created_at: string;
    }>;
    expect(Date.parse(newest[0]!.created_at)).toBeGreaterThan(Date.parse(newest[1]!.created_at));
    const oldest = (await call(`/payments?${company}&query=user_demoWhale&first=3&direction=asc`)).body.data as Array<{
      id: string;
    }>;
    expect(oldest[0]!.id).toBe('pay_demoWhale15');
    expect((await call('/payments?query=user_demoAva')).status).toBe(400);
  });

  it('filters token transactions by user exactly and pages them', async () => {
    const first = await call(`/company_token_transactions?${company}&user_id=user_demoWhale&first=10`);
    expect(first.body.data).toHaveLength(10);
    const info = first.body.page_info as { end_cursor: string; has_next_page: boolean };
    expect(info.has_next_page).toBe(true);
    const second = await call(`/company_token_transactions?${company}&user_id=user_demoWhale&after=${info.end_cursor}`);
    expect(second.body.data).toHaveLength(2);
    expect((await call(`/company_token_transactions?${company}&user_id=user_demoAv`)).body.data).toHaveLength(0);
  });

  it('fails each list for its special members', async () => {
    const payments = (id: string) => call(`/payments?${company}&query=${standInUserId(id)}`);
    const tokens = (id: string) => call(`/company_token_transactions?${company}&user_id=${standInUserId(id)}`);
    expect((await payments(HISTORY_SPECIAL_IDS.paymentsForbidden)).status).toBe(403);
    expect((await tokens(HISTORY_SPECIAL_IDS.paymentsForbidden)).status).toBe(200);
    expect((await tokens(HISTORY_SPECIAL_IDS.tokensForbidden)).status).toBe(403);
    expect((await payments(HISTORY_SPECIAL_IDS.tokensForbidden)).status).toBe(200);
    expect((await payments(HISTORY_SPECIAL_IDS.rateLimited)).status).toBe(429);
    expect((await tokens(HISTORY_SPECIAL_IDS.rateLimited)).status).toBe(429);
    expect((await payments(HISTORY_SPECIAL_IDS.junk)).body.data).toBe('not a list');
    expect((await payments(HISTORY_SPECIAL_IDS.oddCursor)).body).toHaveProperty(
      'page_info.end_cursor',
      '../not-a-cursor',
    );
    expect((await call(`/members/${HISTORY_SPECIAL_IDS.tokensForbidden}`)).body).toHaveProperty('usd_total_spent', 25);
  });
});
