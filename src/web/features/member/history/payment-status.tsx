import type { KnownPaymentSubstatus, Payment } from '../../../../contract/payment';
import { humanize } from '../../../lib/format/labels';
import { Badge, type BadgeTone } from '../../../lib/ui/badge';

/** Which payments a manager should see first: disputes (and resolution cases) and failures. */
export type Attention = 'dispute' | 'failed' | null;

export type PaymentStyle = { tone: BadgeTone; label: string; attention: Attention };

const style = (tone: BadgeTone, label: string, attention: Attention = null): PaymentStyle => ({
  tone,
  label,
  attention,
});

// Exhaustive over Whop's documented substatuses: a value the SDK adds is a type error here
// until it is styled. Anything else Whop sends is shown neutrally, as Whop wrote it.
export const PAYMENT_STYLES: Record<KnownPaymentSubstatus, PaymentStyle> = {
  succeeded: style('green', 'Succeeded'),
  pending: style('blue', 'Pending'),
  failed: style('red', 'Failed', 'failed'),
  past_due: style('red', 'Past due', 'failed'),
  canceled: style('gray', 'Canceled'),
  price_too_low: style('gray', 'Price too low'),
  uncollectible: style('red', 'Uncollectible', 'failed'),
  refunded: style('violet', 'Refunded'),
  auto_refunded: style('violet', 'Refunded automatically'),
  partially_refunded: style('violet', 'Partially refunded'),
  dispute_warning: style('amber', 'Dispute warning', 'dispute'),
  dispute_needs_response: style('red', 'Dispute: needs response', 'dispute'),
  dispute_warning_needs_response: style('red', 'Dispute warning: needs response', 'dispute'),
  resolution_needs_response: style('red', 'Resolution: needs response', 'dispute'),
  dispute_under_review: style('amber', 'Dispute: under review', 'dispute'),
  dispute_warning_under_review: style('amber', 'Dispute warning: under review', 'dispute'),
  resolution_under_review: style('amber', 'Resolution: under review', 'dispute'),
  dispute_won: style('green', 'Dispute won', 'dispute'),
  dispute_warning_closed: style('gray', 'Dispute warning closed', 'dispute'),
  resolution_won: style('green', 'Resolution won', 'dispute'),
  dispute_lost: style('red', 'Dispute lost', 'dispute'),
  dispute_closed: style('gray', 'Dispute closed', 'dispute'),
  resolution_lost: style('red', 'Resolution lost', 'dispute'),
  drafted: style('gray', 'Draft'),
  incomplete: style('amber', 'Incomplete'),
  unresolved: style('amber', 'Unresolved'),
  open_dispute: style('red', 'Open dispute', 'dispute'),
  open_resolution: style('red', 'Open resolution case', 'dispute'),
};

// The map's own keys say what is known (not the contract's list: this lazy chunk then
// shares no values with the member route's, see history-panels.tsx).
const isDocumented = (value: string): value is KnownPaymentSubstatus => Object.hasOwn(PAYMENT_STYLES, value);

/** The badge for a payment's substatus; an undocumented one in a neutral style, as Whop sent it. */
export function paymentStyle(payment: Pick<Payment, 'substatus' | 'status'>): PaymentStyle {
  if (isDocumented(payment.substatus)) return PAYMENT_STYLES[payment.substatus];
  // A failed receipt stays a failure, whatever new name Whop gives its substatus.
  const failed = payment.status === 'uncollectible';
  return style('neutral', humanize(payment.substatus), failed ? 'failed' : null);
}

export function PaymentStatusBadge({ payment }: { payment: Pick<Payment, 'substatus' | 'status'> }) {
  const s = paymentStyle(payment);
  const known = isDocumented(payment.substatus);
  return (
    <Badge tone={s.tone} title={known ? undefined : `Status not known to this dashboard: ${payment.substatus}`}>
      {s.label}
    </Badge>
  );
}
