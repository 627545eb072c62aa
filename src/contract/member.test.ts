import type { MemberRetrieveResponse } from '@whop/sdk/resources/members';
import type { AccessLevel, MemberMostRecentActions, MemberStatuses } from '@whop/sdk/resources/shared';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_LEVELS,
  type KnownAccessLevel,
  type KnownMemberStatus,
  type KnownMostRecentAction,
  MEMBER_STATUSES,
  type Member,
  MemberSchema,
  MOST_RECENT_ACTIONS,
} from './member';

// The documented values, copied by hand from the seed spec (seeds/whop-retrieve-member.md:
// AccessLevel, MemberStatuses, MemberMostRecentActions), never from the module under test.
const SPEC_ACCESS_LEVELS = ['no_access', 'admin', 'customer'];
const SPEC_MEMBER_STATUSES = ['drafted', 'joined', 'left'];
const SPEC_MOST_RECENT_ACTIONS = [
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
];

// And the SDK's own unions: the typecheck fails when our lists and @whop/sdk disagree in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sdkAgrees: [
  Same<KnownAccessLevel, AccessLevel>,
  Same<KnownMemberStatus, MemberStatuses>,
  Same<KnownMostRecentAction, MemberMostRecentActions>,
  Same<KnownAccessLevel, MemberRetrieveResponse['access_level']>,
] = [true, true, true, true];

const base: Member = {
  id: 'mber_abc123',
  created_at: '2023-12-01T05:00:00.401Z',
  updated_at: '2023-12-01T05:00:00.401Z',
  joined_at: '2023-12-01T05:00:00.401Z',
  access_level: 'customer',
  status: 'joined',
  most_recent_action: 'paid_subscriber',
  most_recent_action_at: '2023-12-01T05:00:00.401Z',
  user: { id: 'user_1', email: 'a@example.com', name: 'A', username: 'a' },
  phone: '+15555550100',
  usd_total_spent: 6.9,
  company_token_balance: 6.9,
  company: { id: 'biz_xxxxxxxxxxxxxx', title: 'Co', route: 'co' },
};

describe('MemberSchema', () => {
  it('parses the reference example shape', () => {
    expect(MemberSchema.parse(base)).toEqual(base);
  });

  it('knows exactly the documented enum values of the seed spec, in its order', () => {
    expect(sdkAgrees).toEqual([true, true, true, true]);
    expect([...ACCESS_LEVELS]).toEqual(SPEC_ACCESS_LEVELS);
    expect([...MEMBER_STATUSES]).toEqual(SPEC_MEMBER_STATUSES);
    expect([...MOST_RECENT_ACTIONS]).toEqual(SPEC_MOST_RECENT_ACTIONS);
  });

  it.each(SPEC_ACCESS_LEVELS)('accepts documented access level %s', (value) => {
    expect(MemberSchema.parse({ ...base, access_level: value }).access_level).toBe(value);
  });

  it.each(SPEC_MEMBER_STATUSES)('accepts documented status %s', (value) => {
    expect(MemberSchema.parse({ ...base, status: value }).status).toBe(value);
  });

  it.each(SPEC_MOST_RECENT_ACTIONS)('accepts documented most recent action %s', (value) => {
    expect(MemberSchema.parse({ ...base, most_recent_action: value }).most_recent_action).toBe(value);
  });

  it('keeps undocumented enum strings instead of failing', () => {
    const parsed = MemberSchema.parse({
      ...base,
      access_level: 'vip',
      status: 'suspended',
      most_recent_action: 'upgraded',
    });
    expect(parsed).toMatchObject({ access_level: 'vip', status: 'suspended', most_recent_action: 'upgraded' });
  });

  it('accepts every documented null', () => {
    const parsed = MemberSchema.parse({
      ...base,
      most_recent_action: null,
      most_recent_action_at: null,
      user: null,
      phone: null,
    });
    expect(parsed).toMatchObject({ most_recent_action: null, most_recent_action_at: null, user: null, phone: null });
    expect(MemberSchema.parse({ ...base, user: { ...base.user!, email: null, name: null } }).user).toMatchObject({
      email: null,
      name: null,
    });
  });

  it('ignores fields it does not know', () => {
    const parsed = MemberSchema.parse({ ...base, brand_new_field: 1, user: { ...base.user!, avatar: 'x' } });
    expect(parsed).not.toHaveProperty('brand_new_field');
    expect(parsed.user).not.toHaveProperty('avatar');
  });

  it.each(['id', 'created_at', 'access_level', 'status', 'user', 'phone', 'usd_total_spent', 'company'] as const)(
    'rejects a member missing required field %s',
    (field) => {
      const { [field]: _dropped, ...rest } = base;
      expect(MemberSchema.safeParse(rest).success).toBe(false);
    },
  );

  it('rejects wrong types: a non-numeric spend, a non-string enum, a user without username, a bad date', () => {
    expect(MemberSchema.safeParse({ ...base, usd_total_spent: '6.90' }).success).toBe(false);
    expect(MemberSchema.safeParse({ ...base, status: 3 }).success).toBe(false);
    expect(MemberSchema.safeParse({ ...base, user: { id: 'u', email: null, name: null } }).success).toBe(false);
    expect(MemberSchema.safeParse({ ...base, joined_at: 'yesterday' }).success).toBe(false);
    expect(MemberSchema.safeParse({ ...base, usd_total_spent: Number.NaN }).success).toBe(false);
  });
});
