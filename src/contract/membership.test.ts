import type { CancelOptions, MembershipListResponse } from '@whop/sdk/resources/memberships';
import type { MembershipStatus } from '@whop/sdk/resources/shared';
import { describe, expect, it } from 'vitest';
import {
  CANCEL_OPTIONS,
  type KnownCancelOption,
  type KnownMembershipStatus,
  MEMBERSHIP_STATUSES,
  MembershipSchema,
} from './membership';

// Whop's membership statuses, copied by hand from @whop/sdk's MembershipStatus
// (resources/shared.d.ts; the seed spec covers members only), never from the module under test.
const SDK_MEMBERSHIP_STATUSES = [
  'trialing',
  'active',
  'past_due',
  'completed',
  'canceled',
  'expired',
  'unresolved',
  'drafted',
  'canceling',
];

// The typecheck fails when our list and the SDK's union disagree in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sdkAgrees: [
  Same<KnownMembershipStatus, MembershipStatus>,
  Same<KnownMembershipStatus, MembershipListResponse['status']>,
] = [true, true];
const cancelOptionsAgree: Same<KnownCancelOption, CancelOptions> = true;

/** A membership as Whop's API sends it, extra fields and all. */
const raw = {
  id: 'mem_abc123',
  status: 'active',
  cancel_at_period_end: false,
  cancel_option: null,
  canceled_at: null,
  cancellation_reason: null,
  checkout_configuration_id: null,
  company: { id: 'biz_xxxxxxxxxxxxxx', title: 'Co' },
  created_at: '2023-12-01T05:00:00.401Z',
  updated_at: '2023-12-01T05:00:00.401Z',
  currency: 'usd',
  custom_field_responses: [],
  joined_at: '2023-12-01T05:00:00.401Z',
  license_key: 'LIC-ABC123-SECRET',
  manage_url: 'https://whop.com/billing/manage/mem_abc123',
  metadata: { hwid: 'secret-hardware-id' },
  member: { id: 'mber_abc123' },
  payment_collection_paused: false,
  plan: { id: 'plan_abc', metadata: null },
  product: { id: 'prod_abc', title: 'Pro', metadata: { tier: 'secret' } },
  promo_code: null,
  renewal_period_end: '2024-01-01T05:00:00.401Z',
  renewal_period_start: '2023-12-01T05:00:00.401Z',
  user: { id: 'user_1', username: 'a', name: 'A', email: 'a@example.com' },
};

describe('MembershipSchema', () => {
  it('drops what the dashboard must not pass on', () => {
    const parsed = MembershipSchema.parse(raw);
    expect(parsed).not.toHaveProperty('license_key');
    expect(parsed).not.toHaveProperty('metadata');
    expect(parsed).not.toHaveProperty('manage_url');
    expect(parsed.product).not.toHaveProperty('metadata');
  });

  it('knows exactly the statuses of the SDK, in its order', () => {
    expect(sdkAgrees).toEqual([true, true]);
    expect([...MEMBERSHIP_STATUSES]).toEqual(SDK_MEMBERSHIP_STATUSES);
  });

  it.each(SDK_MEMBERSHIP_STATUSES)('accepts documented status %s', (value) => {
    expect(MembershipSchema.parse({ ...raw, status: value }).status).toBe(value);
  });

  it('keeps an undocumented status instead of failing the membership', () => {
    expect(MembershipSchema.parse({ ...raw, status: 'on_hold' }).status).toBe('on_hold');
  });

  it('knows the cancel options of the SDK, and keeps one it does not know', () => {
    expect(cancelOptionsAgree).toBe(true);
    for (const option of CANCEL_OPTIONS)
      expect(MembershipSchema.parse({ ...raw, cancel_option: option }).cancel_option).toBe(option);
    // Whop's reference lists `unused`, which SDK 0.0.42 does not.
    expect(MembershipSchema.parse({ ...raw, cancel_option: 'unused' }).cancel_option).toBe('unused');
  });

  it('carries why and when a membership was canceled, and whether collection is paused', () => {
    const parsed = MembershipSchema.parse({
      ...raw,
      status: 'canceled',
      canceled_at: '2024-01-02T05:00:00.401Z',
      cancel_option: 'too_expensive',
      cancellation_reason: 'I found a better alternative.',
      payment_collection_paused: true,
    });
    expect(parsed).toMatchObject({
      canceled_at: '2024-01-02T05:00:00.401Z',
      cancel_option: 'too_expensive',
      cancellation_reason: 'I found a better alternative.',
      payment_collection_paused: true,
    });
  });

  it.each([
    'id',
    'status',
    'cancel_at_period_end',
    'canceled_at',
    'payment_collection_paused',
    'product',
    'plan',
    'renewal_period_end',
  ] as const)('rejects a membership missing %s', (field) => {
    const { [field]: _dropped, ...rest } = raw;
    expect(MembershipSchema.safeParse(rest).success).toBe(false);
  });

  it('rejects an unreadable renewal date', () => {
    expect(MembershipSchema.safeParse({ ...raw, renewal_period_end: 'soon' }).success).toBe(false);
  });
});
