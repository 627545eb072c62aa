import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, MEMBER_STATUSES, type Member, MemberSchema, MOST_RECENT_ACTIONS } from '../contract/member';
import { MEMBERSHIP_STATUSES, MembershipSchema } from '../contract/membership';
import { demoMembers, demoMemberships } from './fixtures';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('demo members', () => {
  it('parses every demo fixture, and the fixtures cover every documented value and null', () => {
    const members = demoMembers(now);
    expect(members.length).toBeGreaterThanOrEqual(12);
    for (const m of members) expect(MemberSchema.safeParse(m).success).toBe(true);
    const seen = (pick: (m: Member) => unknown) => new Set(members.map(pick));
    for (const v of ACCESS_LEVELS) expect(seen((m) => m.access_level)).toContain(v);
    for (const v of MEMBER_STATUSES) expect(seen((m) => m.status)).toContain(v);
    for (const v of MOST_RECENT_ACTIONS) expect(seen((m) => m.most_recent_action)).toContain(v);
    expect(seen((m) => m.most_recent_action)).toContain(null);
    expect(seen((m) => m.user)).toContain(null);
    expect(seen((m) => m.user?.email)).toContain(null);
    expect(seen((m) => m.user?.name)).toContain(null);
    expect(seen((m) => m.phone)).toContain(null);
    expect(seen((m) => m.usd_total_spent)).toContain(0);
    expect(Math.max(...members.map((m) => m.usd_total_spent))).toBeGreaterThan(1_000_000);
  });
});

describe('demo memberships', () => {
  it('parses every demo membership and drops what the dashboard must not pass on', () => {
    for (const raw of demoMemberships(now)) {
      const parsed = MembershipSchema.parse(raw);
      expect(parsed).not.toHaveProperty('license_key');
      expect(parsed).not.toHaveProperty('metadata');
      expect(parsed).not.toHaveProperty('manage_url');
      expect(parsed.product).not.toHaveProperty('metadata');
    }
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
