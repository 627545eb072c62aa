import { cleanup, render, screen } from '@testing-library/react';
import type { FriendlyReceiptStatus } from '@whop/sdk/resources/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYMENT_SUBSTATUSES } from '../../../../contract/payment';
import { PAYMENT_STYLES, PaymentStatusBadge, paymentStyle } from './payment-status';

afterEach(cleanup);

// The SDK's union, written out as an exhaustive record: a substatus the SDK adds is a type
// error here, and one it drops is too.
const SDK_SUBSTATUSES: Record<FriendlyReceiptStatus, true> = {
  succeeded: true,
  pending: true,
  failed: true,
  past_due: true,
  canceled: true,
  price_too_low: true,
  uncollectible: true,
  refunded: true,
  auto_refunded: true,
  partially_refunded: true,
  dispute_warning: true,
  dispute_needs_response: true,
  dispute_warning_needs_response: true,
  resolution_needs_response: true,
  dispute_under_review: true,
  dispute_warning_under_review: true,
  resolution_under_review: true,
  dispute_won: true,
  dispute_warning_closed: true,
  resolution_won: true,
  dispute_lost: true,
  dispute_closed: true,
  resolution_lost: true,
  drafted: true,
  incomplete: true,
  unresolved: true,
  open_dispute: true,
  open_resolution: true,
};

describe('the payment status badge map', () => {
  it("styles exactly the SDK's substatuses, each with its own words", () => {
    expect(Object.keys(PAYMENT_STYLES).sort()).toEqual(Object.keys(SDK_SUBSTATUSES).sort());
    expect([...PAYMENT_SUBSTATUSES].sort()).toEqual(Object.keys(SDK_SUBSTATUSES).sort());
    const labels = Object.values(PAYMENT_STYLES).map((s) => s.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each(Object.keys(SDK_SUBSTATUSES) as FriendlyReceiptStatus[])('%s has a badge', (substatus) => {
    const s = paymentStyle({ substatus, status: 'paid' });
    expect(s.tone).not.toBe('neutral');
    expect(s.label).not.toMatch(/_/);
  });

  it('makes every dispute and resolution state and every failure stand out, and nothing else', () => {
    for (const [substatus, s] of Object.entries(PAYMENT_STYLES)) {
      const expected = /dispute|resolution/.test(substatus)
        ? 'dispute'
        : ['failed', 'past_due', 'uncollectible'].includes(substatus)
          ? 'failed'
          : null;
      expect(s.attention, substatus).toBe(expected);
    }
  });

  it.each([
    ['succeeded', 'green', 'Succeeded'],
    ['pending', 'blue', 'Pending'],
    ['failed', 'red', 'Failed'],
    ['refunded', 'violet', 'Refunded'],
    ['partially_refunded', 'violet', 'Partially refunded'],
    ['dispute_needs_response', 'red', 'Dispute: needs response'],
    ['dispute_under_review', 'amber', 'Dispute: under review'],
    ['dispute_won', 'green', 'Dispute won'],
    ['dispute_lost', 'red', 'Dispute lost'],
    ['dispute_closed', 'gray', 'Dispute closed'],
  ] as const)('%s reads %s "%s"', (substatus, tone, label) => {
    expect(paymentStyle({ substatus, status: 'paid' })).toMatchObject({ tone, label });
  });

  it('shows a substatus Whop adds later neutrally, as Whop wrote it', () => {
    render(<PaymentStatusBadge payment={{ substatus: 'payout_on_hold', status: 'paid' }} />);
    const badge = screen.getByText('Payout on hold');
    expect(badge).toHaveAttribute('title', 'Status not known to this dashboard: payout_on_hold');
    expect(paymentStyle({ substatus: 'payout_on_hold', status: 'paid' }).tone).toBe('neutral');
    expect(paymentStyle({ substatus: 'written_off', status: 'uncollectible' }).attention).toBe('failed');
  });
});
