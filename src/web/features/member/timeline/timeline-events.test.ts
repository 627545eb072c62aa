import { describe, expect, it } from 'vitest';
import type { Membership } from '../../../../contract/membership';
import { testPayment } from '../../../../contract/test-records';
import type { TokenTransaction } from '../../../../contract/token-transaction';
import { testMember, testMemberships } from '../../../test-support/test-fixtures';
import { buildTimeline, type TimelineFilter, type TimelineInput } from './timeline-events';

const member = { ...testMember('mber_demoAvaChen'), joined_at: '2020-01-01T00:00:00.000Z' };
const baseMembership = testMemberships[2] as Membership;

function membership(fields: Partial<Membership>): Membership {
  return {
    ...baseMembership,
    id: 'mem_x',
    status: 'active',
    created_at: '2025-01-01T00:00:00.000Z',
    renewal_period_start: null,
    renewal_period_end: null,
    ...fields,
  };
}

function token(fields: Partial<TokenTransaction>): TokenTransaction {
  return {
    id: 'tt_x',
    amount: 10,
    created_at: '2025-03-01T00:00:00.000Z',
    description: null,
    transaction_type: 'add',
    linked_transaction_id: null,
    member: { id: member.id },
    user: { id: 'user_x' },
    ...fields,
  };
}

const input = (lists: Partial<TimelineInput>): TimelineInput => ({
  member,
  memberships: null,
  payments: null,
  tokens: null,
  ...lists,
});
const done = <T>(...items: T[]) => ({ items, hasMore: false });
const more = <T>(...items: T[]) => ({ items, hasMore: true });

/** Each event as `key @ date: title [detail] amount`, newest first, the joined date left out unless asked. */
function lines(timeline: ReturnType<typeof buildTimeline>, joined = false) {
  return timeline.events
    .filter((e) => joined || !e.key.endsWith(':joined'))
    .map((e) => {
      const amount = e.amount ? ` ${e.amount.unit === 'money' ? e.amount.currency : 'tokens'} ${e.amount.value}` : '';
      return `${e.key} @ ${e.at.slice(0, 10)}: ${e.title}${e.detail ? ` [${e.detail}]` : ''}${amount}${e.href ? ` ${e.href}` : ''}`;
    });
}

describe('buildTimeline', () => {
  it.each<{ name: string; lists: Partial<TimelineInput>; filter?: TimelineFilter; joined?: boolean; want: string[] }>([
    {
      name: 'the joined date',
      lists: {},
      joined: true,
      want: ['mber_demoAvaChen:joined @ 2020-01-01: Joined'],
    },
    {
      name: 'a membership start, and a renewal when the period starts later',
      lists: { memberships: done(membership({ renewal_period_start: '2025-06-01T00:00:00.000Z' })) },
      want: [
        'mem_x:renewed @ 2025-06-01: Daily Signals: renewed #membership-mem_x',
        'mem_x:start @ 2025-01-01: Daily Signals: membership started #membership-mem_x',
      ],
    },
    {
      name: 'a cancellation with the option and the member’s words, then the end at the period’s close',
      lists: {
        memberships: done(
          membership({
            status: 'canceled',
            cancel_at_period_end: true,
            canceled_at: '2025-02-01T00:00:00.000Z',
            cancel_option: 'too_expensive',
            cancellation_reason: 'Money is tight',
            renewal_period_start: '2025-01-01T00:00:00.000Z',
            renewal_period_end: '2025-03-01T00:00:00.000Z',
          }),
        ),
      },
      want: [
        'mem_x:end @ 2025-03-01: Daily Signals: access ended #membership-mem_x',
        'mem_x:canceled @ 2025-02-01: Daily Signals: canceled at period end [Too expensive: Money is tight] #membership-mem_x',
        'mem_x:start @ 2025-01-01: Daily Signals: membership started #membership-mem_x',
      ],
    },
    {
      name: 'an expired membership ends at its renewal period’s end',
      lists: { memberships: done(membership({ status: 'expired', renewal_period_end: '2025-02-01T00:00:00.000Z' })) },
      want: [
        'mem_x:end @ 2025-02-01: Daily Signals: expired #membership-mem_x',
        'mem_x:start @ 2025-01-01: Daily Signals: membership started #membership-mem_x',
      ],
    },
    {
      name: 'null dates cite nothing: no renewal, cancellation or end without their fields',
      lists: {
        memberships: done(membership({ status: 'expired', cancel_at_period_end: true, cancel_option: 'other' })),
      },
      want: ['mem_x:start @ 2025-01-01: Daily Signals: membership started #membership-mem_x'],
    },
    {
      name: 'payments: paid, failed with Whop’s message, refunded with its amount, disputed, pending',
      lists: {
        payments: done(
          testPayment({ id: 'pay_a', paid_at: '2025-05-01T00:00:00.000Z', created_at: '2025-05-01T00:00:00.000Z' }),
          testPayment({
            id: 'pay_b',
            status: 'open',
            substatus: 'failed',
            created_at: '2025-04-01T00:00:00.000Z',
            last_payment_attempt: '2025-04-03T00:00:00.000Z',
            failure_message: 'Card declined',
          }),
          testPayment({
            id: 'pay_c',
            substatus: 'partially_refunded',
            created_at: '2025-03-01T00:00:00.000Z',
            paid_at: '2025-03-01T00:00:00.000Z',
            refunded_at: '2025-03-10T00:00:00.000Z',
            refunded_amount: 19,
          }),
          testPayment({
            id: 'pay_d',
            substatus: 'dispute_needs_response',
            created_at: '2025-02-01T00:00:00.000Z',
            paid_at: '2025-02-01T00:00:00.000Z',
            dispute_alerted_at: '2025-02-05T00:00:00.000Z',
          }),
          testPayment({ id: 'pay_e', status: 'pending', substatus: 'pending', created_at: '2025-01-15T00:00:00.000Z' }),
        ),
      },
      want: [
        'pay_a:paid @ 2025-05-01: Paid usd 49 #payment-pay_a',
        'pay_b:failed @ 2025-04-03: Payment failed [Card declined] usd 49 #payment-pay_b',
        'pay_c:refunded @ 2025-03-10: Refunded usd 19 #payment-pay_c',
        'pay_c:paid @ 2025-03-01: Paid usd 49 #payment-pay_c',
        'pay_d:disputed @ 2025-02-05: Disputed [Dispute needs response] usd 49 #payment-pay_d',
        'pay_d:paid @ 2025-02-01: Paid usd 49 #payment-pay_d',
        'pay_e:created @ 2025-01-15: Payment pending usd 49 #payment-pay_e',
      ],
    },
    {
      name: 'a failure without a message or an attempt date cites neither; a refund without an amount shows none',
      lists: {
        payments: done(
          testPayment({ id: 'pay_f', status: 'open', substatus: 'failed', created_at: '2025-04-01T00:00:00.000Z' }),
          testPayment({
            id: 'pay_g',
            substatus: 'refunded',
            total: null,
            paid_at: '2025-02-01T00:00:00.000Z',
            refunded_at: '2025-03-01T00:00:00.000Z',
          }),
        ),
      },
      want: [
        'pay_f:failed @ 2025-04-01: Payment failed usd 49 #payment-pay_f',
        'pay_g:refunded @ 2025-03-01: Refunded #payment-pay_g',
        'pay_g:paid @ 2025-02-01: Paid #payment-pay_g',
      ],
    },
    {
      name: 'token transactions, with their descriptions',
      lists: {
        tokens: done(
          token({ id: 'tt_a', description: 'Referral bonus' }),
          token({ id: 'tt_b', transaction_type: 'subtract', amount: 5, created_at: '2025-02-01T00:00:00.000Z' }),
        ),
      },
      want: [
        'tt_a:tokens @ 2025-03-01: Tokens added [Referral bonus] tokens 10',
        'tt_b:tokens @ 2025-02-01: Tokens subtracted tokens 5',
      ],
    },
    {
      name: 'all kinds merged, newest first',
      lists: {
        memberships: done(membership({ created_at: '2025-02-15T00:00:00.000Z' })),
        payments: done(testPayment({ id: 'pay_a', paid_at: '2025-03-15T00:00:00.000Z' })),
        tokens: done(token({ id: 'tt_a' })),
      },
      joined: true,
      want: [
        'pay_a:paid @ 2025-03-15: Paid usd 49 #payment-pay_a',
        'tt_a:tokens @ 2025-03-01: Tokens added tokens 10',
        'mem_x:start @ 2025-02-15: Daily Signals: membership started #membership-mem_x',
        'mber_demoAvaChen:joined @ 2020-01-01: Joined',
      ],
    },
    {
      name: 'a list with more pages holds back older events of the others (and the joined date)',
      lists: {
        payments: more(
          testPayment({ id: 'pay_a', created_at: '2025-03-15T00:00:00.000Z', paid_at: '2025-03-15T00:00:00.000Z' }),
        ),
        tokens: done(token({ id: 'tt_new', created_at: '2025-04-01T00:00:00.000Z' }), token({ id: 'tt_old' })),
      },
      joined: true,
      want: [
        'tt_new:tokens @ 2025-04-01: Tokens added tokens 10',
        'pay_a:paid @ 2025-03-15: Paid usd 49 #payment-pay_a',
      ],
    },
    {
      name: 'a filter shows its kind, cut only by its own list',
      lists: {
        payments: more(
          testPayment({ id: 'pay_a', created_at: '2025-03-15T00:00:00.000Z', paid_at: '2025-03-15T00:00:00.000Z' }),
        ),
        tokens: done(token({ id: 'tt_new', created_at: '2025-04-01T00:00:00.000Z' }), token({ id: 'tt_old' })),
      },
      filter: 'tokens',
      want: [
        'tt_new:tokens @ 2025-04-01: Tokens added tokens 10',
        'tt_old:tokens @ 2025-03-01: Tokens added tokens 10',
      ],
    },
  ])('$name', ({ lists, filter, joined, want }) => {
    expect(lines(buildTimeline(input(lists), filter), joined)).toEqual(want);
  });

  it('says where it cut and how much it held back', () => {
    const timeline = buildTimeline(
      input({
        payments: more(testPayment({ id: 'pay_a', created_at: '2025-03-15T00:00:00.000Z' })),
        tokens: done(token({ id: 'tt_old' })),
      }),
    );
    expect(timeline.cutAt).toBe('2025-03-15T00:00:00.000Z');
    expect(timeline.heldBack).toBe(2);
    expect(buildTimeline(input({ tokens: done(token({})) })).cutAt).toBeNull();
  });
});
