import { describe, expect, it } from 'vitest';
import { type AccessSummary, describeAccess, summarizeAccess } from '../contract/access-summary';
import { MemberSchema } from '../contract/member';
import { MembershipSchema } from '../contract/membership';
import { PaymentSchema } from '../contract/payment';
import { demoMembers, demoMemberships, RESTRICTED_MEMBER_ID } from './fixtures';
import { demoPayments } from './history-fixtures';

const now = Date.parse('2026-01-01T00:00:00Z');
const members = demoMembers(now).map((m) => MemberSchema.parse(m));
const memberships = demoMemberships(now).map((m) => MembershipSchema.parse(m));
const payments = demoPayments(now).map((p) => PaymentSchema.parse(p));

/** A demo member's summary, from their records as our API would hand them to the page. */
function summaryOf(id: string): AccessSummary {
  const member = members.find((m) => m.id === id);
  if (!member) throw new Error(`No demo member ${id}`);
  return summarizeAccess(
    {
      member,
      memberships: id === RESTRICTED_MEMBER_ID ? 'forbidden' : memberships.filter((m) => m.member?.id === id),
      payments: payments.filter((p) => p.member?.id === id),
    },
    now,
  );
}

// The README's "Demo members worth knowing": each access story has a member that tells it.
const STORIES: Array<
  [id: string, verdict: AccessSummary['verdict'], reason: string, detail?: Record<string, unknown>]
> = [
  ['mber_demoAvaChen', 'has_access', 'active'],
  ['mber_demoPriyaNair', 'has_access', 'trialing'],
  ['mber_demoExpiring', 'has_access', 'ending'],
  ['mber_demoNoEmail', 'has_access', 'ending'],
  ['mber_demoPaused', 'has_access', 'paused'],
  ['mber_demoMarcusWeber', 'has_access', 'admin'],
  ['mber_demoTomasSilva', 'past_due', 'past_due', { failureMessage: 'The card has expired.' }],
  ['mber_demoExpiredAfterFailures', 'no_access', 'ended', { status: 'expired', cause: 'failed_payments' }],
  ['mber_demoCanceledByChoice', 'no_access', 'ended', { status: 'canceled', byMember: true, cause: null }],
  ['mber_demoRefunded', 'no_access', 'ended', { cause: 'refunded' }],
  ['mber_demoChargebackLost', 'no_access', 'ended', { cause: 'dispute_lost' }],
  ['mber_demoChargebackOpen', 'no_access', 'ended', { cause: 'dispute_open' }],
  ['mber_demoLeftUser', 'no_access', 'left'],
  ['mber_demoNoUser', 'no_access', 'never_member'],
  ['mber_demoWhale', 'has_access', 'active'],
  [RESTRICTED_MEMBER_ID, 'cannot_tell', 'forbidden'],
  ['mber_demoSplitPay', 'cannot_tell', 'unclear_status', { status: 'completed' }],
];

describe('the demo members tell each access story', () => {
  it.each(STORIES)('%s: %s (%s)', (id, verdict, reason, detail) => {
    const summary = summaryOf(id);
    expect(summary.verdict).toBe(verdict);
    expect(summary.reason).toMatchObject({ kind: reason, ...detail });
    expect(describeAccess(summary, (iso) => iso).sentence.length).toBeGreaterThan(0);
  });

  it('flags the risks: repeated failed payments (Tomás, Ingrid) and a dispute that needs a response (Chiara)', () => {
    expect(summaryOf('mber_demoTomasSilva').risks.map((r) => r.kind)).toContain('repeated_failures');
    expect(summaryOf('mber_demoExpiredAfterFailures').risks).toContainEqual(
      expect.objectContaining({ kind: 'repeated_failures', attempts: 4 }),
    );
    expect(summaryOf('mber_demoChargebackOpen').risks.map((r) => r.kind)).toEqual(['dispute_needs_response']);
  });

  it('says what the member who canceled picked and wrote', () => {
    const texts = describeAccess(summaryOf('mber_demoCanceledByChoice'), (iso) => iso).facts.map((f) => f.text);
    expect(texts).toContain('Reason picked: switching to something else');
    expect(texts).toContain('In their words: “Moving to a desk my employer pays for.”');
  });

  it('several memberships: the one that grants access wins, the others in a line', () => {
    expect(describeAccess(summaryOf('mber_demoWhale'), (iso) => iso).others).toBe(
      'Also: Northwind Pro (active), Trading Basics Course (completed).',
    );
  });
});
