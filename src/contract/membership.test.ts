import { describe, expect, it } from 'vitest';
import { demoMemberships } from '../demo-whop/fixtures';
import { MEMBERSHIP_STATUSES, MembershipSchema } from './membership';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('MembershipSchema', () => {
  it('parses every demo membership and drops what the dashboard must not pass on', () => {
    for (const raw of demoMemberships(now)) {
      const parsed = MembershipSchema.parse(raw);
      expect(parsed).not.toHaveProperty('license_key');
      expect(parsed).not.toHaveProperty('metadata');
      expect(parsed).not.toHaveProperty('manage_url');
      expect(parsed.product).not.toHaveProperty('metadata');
    }
  });

  it('keeps an undocumented status instead of failing the membership', () => {
    const raw = demoMemberships(now)[0]!;
    expect(MembershipSchema.parse({ ...raw, status: 'on_hold' }).status).toBe('on_hold');
  });

  it.each(['id', 'status', 'cancel_at_period_end', 'product', 'plan', 'renewal_period_end'])(
    'rejects a membership missing %s',
    (field) => {
      const { [field]: _dropped, ...rest } = demoMemberships(now)[0]!;
      expect(MembershipSchema.safeParse(rest).success).toBe(false);
    },
  );

  it('rejects an unreadable renewal date', () => {
    expect(MembershipSchema.safeParse({ ...demoMemberships(now)[0]!, renewal_period_end: 'soon' }).success).toBe(false);
  });

  it('the fixtures show every documented status, cancel at period end, no renewal and no member', () => {
    const all = demoMemberships(now).map((m) => MembershipSchema.parse(m));
    const statuses = new Set(all.map((m) => m.status));
    for (const s of MEMBERSHIP_STATUSES) expect(statuses).toContain(s);
    expect(all.some((m) => m.cancel_at_period_end)).toBe(true);
    expect(all.some((m) => m.renewal_period_end === null)).toBe(true);
    expect(all.some((m) => m.member === null)).toBe(true);
  });
});
