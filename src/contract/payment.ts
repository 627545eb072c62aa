import { DateTime, openEnum } from './member';
import { z } from './zod';

/** Whop's payment (receipt) statuses, as `@whop/sdk` 0.0.42 lists `ReceiptStatus`. */
export const PAYMENT_STATUSES = ['draft', 'open', 'paid', 'pending', 'uncollectible', 'unresolved', 'void'] as const;
export type KnownPaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * Whop's "friendly" payment statuses (`FriendlyReceiptStatus`), in the SDK's order. The
 * status badge styles each one; anything Whop adds later is shown neutrally.
 */
export const PAYMENT_SUBSTATUSES = [
  'succeeded',
  'pending',
  'failed',
  'past_due',
  'canceled',
  'price_too_low',
  'uncollectible',
  'refunded',
  'auto_refunded',
  'partially_refunded',
  'dispute_warning',
  'dispute_needs_response',
  'dispute_warning_needs_response',
  'resolution_needs_response',
  'dispute_under_review',
  'dispute_warning_under_review',
  'resolution_under_review',
  'dispute_won',
  'dispute_warning_closed',
  'resolution_won',
  'dispute_lost',
  'dispute_closed',
  'resolution_lost',
  'drafted',
  'incomplete',
  'unresolved',
  'open_dispute',
  'open_resolution',
] as const;
export type KnownPaymentSubstatus = (typeof PAYMENT_SUBSTATUSES)[number];

/** What Whop's list-payments endpoint needs (the SDK's doc comment); named in its 403 message. */
export const PAYMENT_READ_PERMISSIONS = [
  'payment:basic:read',
  'plan:basic:read',
  'access_pass:basic:read',
  'member:email:read',
  'member:basic:read',
  'member:phone:read',
  'promo_code:basic:read',
] as const;

/** How many payments one page holds. */
export const PAYMENTS_PAGE_SIZE = 10;

/**
 * The part of Whop's `PaymentListResponse` the payments panel shows, plus the member and
 * user ids the server filters on. Unknown fields are dropped: addresses, emails, phone
 * numbers and metadata never leave the server.
 */
export const PaymentSchema = z.object({
  id: z.string(),
  created_at: DateTime,
  paid_at: z.nullable(DateTime),
  /** Lower-case ISO 4217 code as Whop sends it (`usd`, `eur`, `jpy`). */
  currency: z.string(),
  total: z.nullable(z.number()),
  usd_total: z.nullable(z.number()),
  refunded_amount: z.nullable(z.number()),
  refunded_at: z.nullable(DateTime),
  status: z.nullable(openEnum(PAYMENT_STATUSES)),
  substatus: openEnum(PAYMENT_SUBSTATUSES),
  failure_message: z.nullable(z.string()),
  /** When Whop last tried to charge, and when it will try next (null: no retry scheduled). */
  last_payment_attempt: z.nullable(DateTime),
  next_payment_attempt: z.nullable(DateTime),
  /** How many attempts to charge this payment failed. */
  payments_failed: z.nullable(z.number()),
  dispute_alerted_at: z.nullable(DateTime),
  card_brand: z.nullable(z.string()),
  card_last4: z.nullable(z.string()),
  payment_method_type: z.nullable(z.string()),
  product: z.nullable(z.object({ id: z.string(), title: z.string() })),
  plan: z.nullable(z.object({ id: z.string() })),
  /** The membership the payment was for (its phone number is dropped). */
  membership: z.nullable(z.object({ id: z.string() })),
  member: z.nullable(z.object({ id: z.string() })),
  user: z.nullable(z.object({ id: z.string() })),
});
export type Payment = z.infer<typeof PaymentSchema>;

/** One page of a member's payments, newest first, as our API answers it. */
export const PaymentPageSchema = z.object({
  data: z.array(PaymentSchema),
  next_cursor: z.nullable(z.string()),
});
export type PaymentPage = z.infer<typeof PaymentPageSchema>;
