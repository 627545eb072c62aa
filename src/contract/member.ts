import { z } from './zod';

/** Documented values, in the order Whop's reference lists them. */
export const ACCESS_LEVELS = ['no_access', 'admin', 'customer'] as const;
export const MEMBER_STATUSES = ['drafted', 'joined', 'left'] as const;
export const MOST_RECENT_ACTIONS = [
  'canceling',
  'churned',
  'finished_split_pay',
  'paused',
  'paid_subscriber',
  'paid_once',
  'expiring',
  'joined',
  'drafted',
  'left',
  'trialing',
  'pending_entry',
  'renewing',
  'past_due',
] as const;

export type KnownAccessLevel = (typeof ACCESS_LEVELS)[number];
export type KnownMemberStatus = (typeof MEMBER_STATUSES)[number];
export type KnownMostRecentAction = (typeof MOST_RECENT_ACTIONS)[number];

/**
 * Whop adds enum values over time. A documented value parses as itself; any other
 * string is kept as-is (rendered neutrally) instead of failing the whole member.
 * `string & {}` keeps editor completion for the known values.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string()]) as unknown as z.ZodMiniType<T[number] | (string & {})>;
}

export function isKnown<const T extends readonly string[]>(values: T, value: string): value is T[number] {
  return (values as readonly string[]).includes(value);
}

/** An ISO 8601 timestamp as Whop sends it; anything Date can't read is rejected. */
export const DateTime = z
  .string()
  .check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'Expected an ISO 8601 date-time'));

export const MemberUserSchema = z.object({
  id: z.string(),
  email: z.nullable(z.string()),
  name: z.nullable(z.string()),
  username: z.string(),
});

export const MemberCompanySchema = z.object({
  id: z.string(),
  title: z.string(),
  route: z.string(),
});

/** Mirrors `components.schemas.Member` in Whop's reference, nullability included. */
export const MemberSchema = z.object({
  id: z.string(),
  created_at: DateTime,
  updated_at: DateTime,
  joined_at: DateTime,
  access_level: openEnum(ACCESS_LEVELS),
  status: openEnum(MEMBER_STATUSES),
  most_recent_action: z.nullable(openEnum(MOST_RECENT_ACTIONS)),
  most_recent_action_at: z.nullable(DateTime),
  user: z.nullable(MemberUserSchema),
  phone: z.nullable(z.string()),
  usd_total_spent: z.number(),
  company_token_balance: z.number(),
  company: MemberCompanySchema,
});

export type Member = z.infer<typeof MemberSchema>;
export type MemberUser = z.infer<typeof MemberUserSchema>;
