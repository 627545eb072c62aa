import { DateTime, openEnum } from './member';
import { z } from './zod';

/** Whop's documented membership statuses, in the order its reference lists them. */
export const MEMBERSHIP_STATUSES = [
  'trialing',
  'active',
  'past_due',
  'completed',
  'canceled',
  'expired',
  'unresolved',
  'drafted',
  'canceling',
] as const;
export type KnownMembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** The reasons a member can pick when canceling (`CancelOptions` in @whop/sdk 0.0.42, memberships.d.ts). */
export const CANCEL_OPTIONS = [
  'too_expensive',
  'switching',
  'missing_features',
  'technical_issues',
  'bad_experience',
  'other',
  'testing',
] as const;
export type KnownCancelOption = (typeof CANCEL_OPTIONS)[number];

/**
 * The part of Whop's `Membership` this dashboard shows: what was bought, where it stands,
 * and whose it is. Unknown fields are dropped, so metadata and license keys never leave
 * the server.
 */
export const MembershipSchema = z.object({
  id: z.string(),
  status: openEnum(MEMBERSHIP_STATUSES),
  cancel_at_period_end: z.boolean(),
  /** When the customer started canceling; null: not canceled. */
  canceled_at: z.nullable(DateTime),
  /** The reason picked from Whop's list; Whop's docs already name one the SDK lacks (`unused`). */
  cancel_option: z.nullable(openEnum(CANCEL_OPTIONS)),
  /** The customer's own words when canceling; null: none given. */
  cancellation_reason: z.nullable(z.string()),
  /** The company paused collecting this membership's renewals. */
  payment_collection_paused: z.boolean(),
  created_at: DateTime,
  renewal_period_start: z.nullable(DateTime),
  renewal_period_end: z.nullable(DateTime),
  product: z.object({ id: z.string(), title: z.string() }),
  plan: z.object({ id: z.string() }),
  member: z.nullable(z.object({ id: z.string() })),
  user: z.nullable(
    z.object({
      id: z.string(),
      username: z.string(),
      name: z.nullable(z.string()),
      email: z.nullable(z.string()),
    }),
  ),
});
export type Membership = z.infer<typeof MembershipSchema>;

/** One page of a member's memberships, as our API answers it. */
export const MembershipPageSchema = z.object({
  data: z.array(MembershipSchema),
  next_cursor: z.nullable(z.string()),
});
export type MembershipPage = z.infer<typeof MembershipPageSchema>;
