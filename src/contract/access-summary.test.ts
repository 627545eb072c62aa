import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccessInput,
  type AccessSummary,
  type AccessVerdict,
  describeAccess,
  summarizeAccess,
} from './access-summary';
import { MEMBERSHIP_READ_PERMISSIONS } from './api-error';
import { ACCESS_LEVELS, MEMBER_STATUSES } from './member';
import { CANCEL_OPTIONS, MEMBERSHIP_STATUSES, type Membership } from './membership';
import { PAYMENT_SUBSTATUSES, type Payment } from './payment';
import { testPayment } from './test-records';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const iso = (offset: number) => new Date(NOW + offset).toISOString();
/** A date formatter that shows it was used: the UI passes its own. */
const fmt = (value: string) => `<${value.slice(0, 10)}>`;

const customer = { access_level: 'customer', status: 'joined' } as const;

function membership(fields: Partial<Membership> = {}): Membership {
  return {
    id: 'mem_1',
    status: 'active',
    cancel_at_period_end: false,
    canceled_at: null,
    cancel_option: null,
    cancellation_reason: null,
    payment_collection_paused: false,
    created_at: iso(-200 * DAY),
    renewal_period_start: iso(-20 * DAY),
    renewal_period_end: iso(10 * DAY),
    product: { id: 'prod_pro', title: 'Northwind Pro' },
    plan: { id: 'plan_1' },
    member: { id: 'mber_1' },
    user: null,
    ...fields,
  };
}

function payment(fields: Partial<Payment> = {}): Payment {
  return testPayment({
    id: 'pay_1',
    created_at: iso(-2 * DAY),
    product: { id: 'prod_pro', title: 'Northwind Pro' },
    membership: { id: 'mem_1' },
    ...fields,
  });
}

const summarize = (input: Partial<AccessInput>) =>
  summarizeAccess({ member: customer, memberships: [], payments: null, ...input }, NOW);
const say = (summary: AccessSummary) => describeAccess(summary, fmt);

// The latest payment's family, as the table varies it.
const FAMILIES = {
  none: null,
  succeeded: payment({ substatus: 'succeeded', paid_at: iso(-2 * DAY) }),
  failed: payment({
    status: 'open',
    substatus: 'past_due',
    failure_message: 'The card has expired.',
    last_payment_attempt: iso(-1 * DAY),
    next_payment_attempt: iso(2 * DAY),
    payments_failed: 3,
  }),
  refunded: payment({ substatus: 'refunded', refunded_amount: 49, refunded_at: iso(-1 * DAY) }),
  dispute_open: payment({ substatus: 'dispute_needs_response', dispute_alerted_at: iso(-1 * DAY) }),
  dispute_lost: payment({ substatus: 'dispute_lost' }),
} as const;
type Family = keyof typeof FAMILIES;

/** What each status means for access (decision 0028), written out apart from the module. */
function expectedVerdict(status: string, cancelAtPeriodEnd: boolean): AccessVerdict {
  if (status === 'active' || status === 'trialing') return 'has_access';
  if (status === 'canceling') return cancelAtPeriodEnd ? 'has_access' : 'cannot_tell';
  if (status === 'past_due') return 'past_due';
  if (status === 'canceled' || status === 'expired') return 'no_access';
  return 'cannot_tell';
}

const rows = [...MEMBERSHIP_STATUSES, 'on_hold'].flatMap((status) =>
  [true, false].flatMap((cancelAtPeriodEnd) =>
    (Object.keys(FAMILIES) as Family[]).map((family) => ({ status, cancelAtPeriodEnd, family })),
  ),
);

describe('summarizeAccess: every status × cancel at period end × the latest payment', () => {
  it.each(rows)(
    '$status, cancel at period end $cancelAtPeriodEnd, latest payment $family',
    ({ status, cancelAtPeriodEnd, family }) => {
      const latest = FAMILIES[family];
      const m = membership({
        status,
        cancel_at_period_end: cancelAtPeriodEnd,
        canceled_at: status === 'canceled' ? iso(-3 * DAY) : null,
        renewal_period_end: status === 'expired' || status === 'canceled' ? iso(-3 * DAY) : iso(10 * DAY),
      });
      const summary = summarize({ memberships: [m], payments: latest ? [latest] : [] });
      const verdict = expectedVerdict(status, cancelAtPeriodEnd);
      expect(summary.verdict).toBe(verdict);
      const { sentence } = say(summary);

      if (verdict === 'has_access' && cancelAtPeriodEnd) expect(sentence).toContain(`until ${fmt(iso(10 * DAY))}`);
      if (verdict === 'has_access' && !cancelAtPeriodEnd && status === 'active') expect(sentence).toContain('renews');
      if (verdict === 'past_due') {
        expect(sentence).toContain('your company’s setting');
        if (family === 'failed') expect(sentence).toContain('“The card has expired.”');
      }
      if (verdict === 'no_access') {
        const because: Record<Family, string | null> = {
          none: null,
          succeeded: null,
          failed: 'after failed payments (“The card has expired.”)',
          refunded: `refunded on ${fmt(iso(-1 * DAY))}`,
          dispute_open: 'chargeback on the last payment is open',
          dispute_lost: 'chargeback on the last payment was lost',
        };
        const expected = because[family];
        if (expected) expect(sentence).toContain(expected);
        else expect(sentence).not.toMatch(/failed|refunded|chargeback/);
      }
      if (verdict === 'cannot_tell') expect(sentence).toMatch(/^Cannot tell/);
      // Risks do not depend on the membership.
      expect(summary.risks.some((r) => r.kind === 'dispute_needs_response')).toBe(family === 'dispute_open');
      expect(summary.risks.some((r) => r.kind === 'repeated_failures')).toBe(family === 'failed');
    },
  );
});

describe('summarizeAccess: the stories', () => {
  it('an admin needs no membership', () => {
    const summary = summarizeAccess(
      { member: { access_level: 'admin', status: 'joined' }, memberships: [], payments: null },
      NOW,
    );
    expect(summary).toMatchObject({ verdict: 'has_access', reason: { kind: 'admin' } });
    expect(say(summary).sentence).toBe('Has access: an admin of the company, who needs no membership.');
  });

  it('active and renewing on a date, for one product', () => {
    const summary = summarize({ memberships: [membership()] });
    expect(say(summary).sentence).toBe(`Has access to Northwind Pro: active, renews on ${fmt(iso(10 * DAY))}.`);
    expect(summary.facts).toContainEqual({
      kind: 'renews_on',
      value: iso(10 * DAY),
      source: { kind: 'membership', id: 'mem_1', field: 'renewal_period_end' },
    });
  });

  it('trialing until a date', () => {
    const summary = summarize({ memberships: [membership({ status: 'trialing', renewal_period_end: iso(2 * DAY) })] });
    expect(say(summary).sentence).toBe(`Has access to Northwind Pro: on a trial until ${fmt(iso(2 * DAY))}.`);
  });

  it('canceled at period end: access ends on a date, with the reason picked and their words', () => {
    const m = membership({
      cancel_at_period_end: true,
      canceled_at: iso(-5 * DAY),
      cancel_option: 'too_expensive',
      cancellation_reason: 'Money is tight this month.',
    });
    const described = say(summarize({ memberships: [m] }));
    expect(described.sentence).toBe(
      `Has access to Northwind Pro until ${fmt(iso(10 * DAY))}: set to cancel at the end of the period.`,
    );
    expect(described.facts.map((f) => f.text)).toEqual(
      expect.arrayContaining([
        `Cancellation started on ${fmt(iso(-5 * DAY))}`,
        'Reason picked: too expensive',
        'In their words: “Money is tight this month.”',
      ]),
    );
  });

  it('payment collection paused by the company: access stays', () => {
    const summary = summarize({ memberships: [membership({ payment_collection_paused: true })] });
    expect(summary.verdict).toBe('has_access');
    expect(say(summary).sentence).toContain('the company paused collecting payments');
  });

  it("past due: the failed payment's date and Whop's message, the retry, and the company's setting", () => {
    const summary = summarize({ memberships: [membership({ status: 'past_due' })], payments: [FAMILIES.failed] });
    expect(say(summary).sentence).toBe(
      `Past due on Northwind Pro: a payment failed on ${fmt(iso(-1 * DAY))} (“The card has expired.”), and Whop retries it (next try ${fmt(iso(2 * DAY))}). Whether access continues meanwhile depends on your company’s setting.`,
    );
    expect(summary.facts.map((f) => f.source)).toContainEqual({
      kind: 'payment',
      id: 'pay_1',
      field: 'failure_message',
    });
  });

  it('expired at period end after failed payments, with the last failure message', () => {
    const m = membership({ status: 'expired', renewal_period_end: iso(-3 * DAY) });
    const old = payment({ id: 'pay_0', created_at: iso(-40 * DAY), substatus: 'succeeded' });
    const summary = summarize({ memberships: [m], payments: [FAMILIES.failed, old] });
    expect(say(summary).sentence).toBe(
      `No access: Northwind Pro expired on ${fmt(iso(-3 * DAY))} after failed payments (“The card has expired.”).`,
    );
  });

  it("canceled on a date by the member's choice, with their reason", () => {
    const m = membership({
      status: 'canceled',
      canceled_at: iso(-3 * DAY),
      cancel_option: 'switching',
      cancellation_reason: 'Moved to another desk.',
    });
    const described = say(summarize({ memberships: [m] }));
    expect(described.sentence).toBe(`No access: Northwind Pro was canceled on ${fmt(iso(-3 * DAY))} by the member.`);
    expect(described.facts.map((f) => f.text)).toContain('In their words: “Moved to another desk.”');
  });

  it('canceled without a reason: not said to be the member’s choice', () => {
    const m = membership({ status: 'canceled', canceled_at: iso(-3 * DAY) });
    expect(say(summarize({ memberships: [m] })).sentence).toBe(
      `No access: Northwind Pro was canceled on ${fmt(iso(-3 * DAY))}.`,
    );
  });

  it('refunded, chargeback lost', () => {
    const m = membership({ status: 'canceled', canceled_at: iso(-3 * DAY) });
    expect(say(summarize({ memberships: [m], payments: [FAMILIES.refunded] })).sentence).toContain(
      `the last payment was refunded on ${fmt(iso(-1 * DAY))}`,
    );
    expect(say(summarize({ memberships: [m], payments: [FAMILIES.dispute_lost] })).sentence).toContain(
      'a chargeback on the last payment was lost',
    );
  });

  it('left the company; never had a membership', () => {
    const left = summarize({ member: { access_level: 'no_access', status: 'left' }, memberships: [] });
    expect(say(left).sentence).toBe('No access: left the company.');
    expect(say(summarize({ memberships: [] })).sentence).toBe('No access: has never had a membership.');
  });

  it('several memberships: the one that grants access wins, the others in a short line', () => {
    const course = membership({
      id: 'mem_2',
      status: 'expired',
      product: { id: 'prod_c', title: 'Course' },
      renewal_period_end: iso(-90 * DAY),
    });
    const signals = membership({ id: 'mem_3', status: 'canceled', product: { id: 'prod_s', title: 'Signals' } });
    const summary = summarize({ memberships: [course, membership(), signals] });
    expect(summary.reason).toMatchObject({ kind: 'active', membershipId: 'mem_1' });
    expect(say(summary).others).toBe('Also: Course (expired), Signals (canceled).');
  });

  it('memberships forbidden to the key: names the permissions to grant, and never guesses', () => {
    const summary = summarize({ memberships: 'forbidden' });
    expect(summary.verdict).toBe('cannot_tell');
    for (const permission of MEMBERSHIP_READ_PERMISSIONS) expect(say(summary).sentence).toContain(permission);
  });

  it.each(['loading', 'failed'] as const)('memberships %s: cannot tell, never "no access"', (state) => {
    const summary = summarize({ member: { access_level: 'no_access', status: 'left' }, memberships: state });
    expect(summary.verdict).toBe('cannot_tell');
    expect(say(summary).sentence).toMatch(/^Cannot tell/);
  });

  it('flags repeated failures across payments in a row, and a dispute that needs a response', () => {
    const failed = (id: string, days: number) =>
      payment({ id, substatus: 'failed', created_at: iso(-days * DAY), payments_failed: 1 });
    const summary = summarize({ memberships: [membership()], payments: [failed('pay_a', 1), failed('pay_b', 31)] });
    expect(summary.risks).toEqual([{ kind: 'repeated_failures', paymentId: 'pay_a', attempts: 2 }]);
    expect(say(summary).risks).toEqual([
      { text: '2 failed payment attempts', source: { kind: 'payment', id: 'pay_a' } },
    ]);
    expect(summarize({ memberships: [membership()], payments: [failed('pay_a', 1)] }).risks).toEqual([]);
  });
});

// --- Properties over any member, memberships and payments -----------------------------------

const date = fc.integer({ min: -400, max: 400 }).map((days) => iso(days * DAY));
const status = fc.constantFrom(...MEMBERSHIP_STATUSES, 'on_hold');
const membershipArb = fc.record({
  id: fc.constantFrom('mem_a', 'mem_b', 'mem_c'),
  status,
  cancel_at_period_end: fc.boolean(),
  canceled_at: fc.option(date, { nil: null }),
  cancel_option: fc.option(fc.constantFrom(...CANCEL_OPTIONS, 'unused'), { nil: null }),
  cancellation_reason: fc.option(fc.constantFrom('Too pricey', ''), { nil: null }),
  payment_collection_paused: fc.boolean(),
  renewal_period_end: fc.option(date, { nil: null }),
  product: fc.constantFrom({ id: 'prod_a', title: 'A' }, { id: 'prod_b', title: 'B' }),
});
const paymentArb = fc.record({
  id: fc.constantFrom('pay_a', 'pay_b', 'pay_c', 'pay_d'),
  created_at: date,
  substatus: fc.constantFrom(...PAYMENT_SUBSTATUSES, 'payout_on_hold'),
  failure_message: fc.option(fc.constantFrom('The card was declined.', ''), { nil: null }),
  last_payment_attempt: fc.option(date, { nil: null }),
  next_payment_attempt: fc.option(date, { nil: null }),
  payments_failed: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  refunded_at: fc.option(date, { nil: null }),
  dispute_alerted_at: fc.option(date, { nil: null }),
  membership: fc.option(fc.record({ id: fc.constantFrom('mem_a', 'mem_b', 'mem_c') }), { nil: null }),
  product: fc.option(fc.constantFrom({ id: 'prod_a', title: 'A' }, { id: 'prod_b', title: 'B' }), { nil: null }),
});
const inputArb = fc.record({
  member: fc.record({
    access_level: fc.constantFrom(...ACCESS_LEVELS, 'vip_guest'),
    status: fc.constantFrom(...MEMBER_STATUSES, 'suspended'),
  }),
  memberships: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.uniqueArray(membershipArb, { maxLength: 3, selector: (m) => m.id }).map((l) => l.map(membership)),
    },
    { weight: 1, arbitrary: fc.constantFrom('forbidden' as const, 'loading' as const, 'failed' as const) },
  ),
  payments: fc.option(
    fc.uniqueArray(paymentArb, { maxLength: 4, selector: (p) => p.id }).map((l) => l.map(payment)),
    { nil: null },
  ),
});

/** Grants access by Whop's docs: active, trialing, or canceling at the end of a period not over yet. */
const grants = (m: Membership) =>
  m.status === 'active' ||
  m.status === 'trialing' ||
  (m.status === 'canceling' &&
    m.cancel_at_period_end &&
    m.renewal_period_end !== null &&
    Date.parse(m.renewal_period_end) > NOW);

describe('summarizeAccess: properties', () => {
  it('never claims access when no membership grants it and the member is not an admin', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { verdict } = summarizeAccess(input, NOW);
        if (verdict !== 'has_access' || input.member.access_level === 'admin') return;
        expect(Array.isArray(input.memberships) && input.memberships.some(grants)).toBe(true);
      }),
    );
  });

  it('never claims no access when an active or trialing membership exists, nor while memberships are unknown', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { verdict } = summarizeAccess(input, NOW);
        const list = input.memberships;
        if (!Array.isArray(list)) expect(verdict).not.toBe('no_access');
        else if (list.some((m) => m.status === 'active' || m.status === 'trialing')) expect(verdict).toBe('has_access');
      }),
    );
  });

  it('never cites a field that is null: each fact is its record’s field, as the record has it', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const summary = summarizeAccess(input, NOW);
        for (const fact of summary.facts) {
          const { source } = fact;
          const record: Record<string, unknown> | undefined =
            source.kind === 'member'
              ? input.member
              : source.kind === 'membership'
                ? (Array.isArray(input.memberships) ? input.memberships : []).find((m) => m.id === source.id)
                : (input.payments ?? []).find((p) => p.id === source.id);
          expect(record, JSON.stringify(fact)).toBeDefined();
          expect(record?.[source.field], JSON.stringify(fact)).not.toBeNull();
          expect(record?.[source.field]).toEqual(fact.value);
        }
        // And the words never show a missing value.
        const described = describeAccess(summary, fmt);
        for (const text of [described.sentence, ...described.facts.map((f) => f.text)])
          expect(text).not.toMatch(/null|undefined|NaN|Invalid/);
      }),
    );
  });
});
