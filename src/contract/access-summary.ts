import { MEMBERSHIP_READ_PERMISSIONS } from './api-error';
import type { Member } from './member';
import type { Membership } from './membership';
import type { Payment } from './payment';

/*
 * "Why can't this person get in?" answered from Whop's own records, by the rules in
 * docs/decisions/0028-access-rules-from-whops-docs.md. Pure: the same input and `now` give
 * the same summary. Dates stay ISO strings here; `describeAccess` puts them into words with
 * the reader's own date formatting.
 */

/** The one-word answer. `past_due`: whether access continues is the company's own setting. */
export type AccessVerdict = 'has_access' | 'no_access' | 'past_due' | 'cannot_tell';

/** The member's memberships as the page has them: the list, or why it has none. */
export type MembershipsState = Membership[] | 'forbidden' | 'loading' | 'failed';

export type AccessInput = {
  member: Pick<Member, 'access_level' | 'status'>;
  memberships: MembershipsState;
  /** The member's payments, newest first as Whop lists them; null: not (yet) readable. */
  payments: Payment[] | null;
};

/** The record and field a fact rests on: `record[field]` is the fact's value, never null. */
export type FactSource =
  | { kind: 'member'; id: null; field: 'access_level' | 'status' }
  | { kind: 'membership'; id: string; field: keyof Membership }
  | { kind: 'payment'; id: string; field: keyof Payment };

/** Facts whose value is an ISO date-time, for the UI to format. */
export const DATE_FACTS = [
  'renews_on',
  'trial_ends_on',
  'access_ends_on',
  'period_ended_on',
  'canceled_on',
  'failed_on',
  'next_attempt_on',
  'refunded_on',
  'dispute_alerted_on',
] as const;
export type DateFactKind = (typeof DATE_FACTS)[number];

export type AccessFact =
  | { kind: DateFactKind; value: string; source: FactSource }
  | {
      kind: 'status' | 'cancel_option' | 'cancellation_reason' | 'failure_message' | 'payment_substatus';
      value: string;
      source: FactSource;
    }
  | { kind: 'attempts_failed'; value: number; source: FactSource }
  | { kind: 'collection_paused' | 'cancel_at_period_end'; value: true; source: FactSource }
  | { kind: 'admin'; value: 'admin'; source: FactSource }
  | { kind: 'left'; value: 'left'; source: FactSource };

/** What a payment says about how a membership ended. */
export type EndCause = 'failed_payments' | 'refunded' | 'dispute_lost' | 'dispute_open' | null;

type Product = { membershipId: string; product: string };

/** Why the verdict is what it is, with the fields a sentence needs (dates as ISO strings). */
export type AccessReason =
  | { kind: 'admin' }
  | ({ kind: 'active'; renewsOn: string | null } & Product)
  | ({ kind: 'trialing'; trialEndsOn: string | null } & Product)
  | ({ kind: 'ending'; endsOn: string | null } & Product)
  | ({ kind: 'paused'; periodEndsOn: string | null } & Product)
  | ({
      kind: 'past_due';
      failedOn: string | null;
      failureMessage: string | null;
      nextAttemptOn: string | null;
    } & Product)
  | ({
      kind: 'ended';
      status: 'canceled' | 'expired';
      /** When the customer started canceling (canceled) or the period ended (expired). */
      endedOn: string | null;
      byMember: boolean;
      cause: EndCause;
      causeOn: string | null;
      failureMessage: string | null;
    } & Product)
  | ({ kind: 'unclear_status'; status: string } & Product)
  | { kind: 'left' }
  | { kind: 'never_member' }
  | { kind: 'forbidden'; permissions: readonly string[] }
  | { kind: 'loading' }
  | { kind: 'failed' };

export type AccessRisk =
  | { kind: 'dispute_needs_response'; paymentId: string; substatus: string; alertedOn: string | null }
  | { kind: 'repeated_failures'; paymentId: string; attempts: number };

export type OtherMembership = { membershipId: string; product: string; status: string };

export type AccessSummary = {
  verdict: AccessVerdict;
  reason: AccessReason;
  /** The facts the reason rests on, each pointing at its record and field. */
  facts: AccessFact[];
  /** The member's other memberships, when there are several. */
  others: OtherMembership[];
  risks: AccessRisk[];
};

const FAILED = new Set(['failed', 'past_due', 'uncollectible']);
const REFUNDED = new Set(['refunded', 'auto_refunded']);
const DISPUTE_LOST = new Set(['dispute_lost', 'resolution_lost']);
const DISPUTE_OPEN = new Set([
  'dispute_warning',
  'dispute_needs_response',
  'dispute_warning_needs_response',
  'resolution_needs_response',
  'dispute_under_review',
  'dispute_warning_under_review',
  'resolution_under_review',
  'open_dispute',
  'open_resolution',
]);
const NEEDS_RESPONSE = new Set([
  'dispute_needs_response',
  'dispute_warning_needs_response',
  'resolution_needs_response',
]);

/** How a membership's own record stands, by Whop's documented meaning of its status. */
type Standing = 'grants' | 'past_due' | 'ended' | 'unclear';

function standing(m: Membership, now: number): Standing {
  if (m.status === 'active' || m.status === 'trialing') return 'grants';
  if (m.status === 'past_due') return 'past_due';
  if (m.status === 'canceled' || m.status === 'expired') return 'ended';
  // "canceling" is not described by Whop; a cancellation at period end is: access until the period ends.
  if (m.status === 'canceling' && m.cancel_at_period_end && isAfter(m.renewal_period_end, now)) return 'grants';
  return 'unclear';
}

const time = (iso: string | null) => (iso === null ? Number.NaN : Date.parse(iso));
const isAfter = (iso: string | null, now: number) => time(iso) > now;
const newestFirst = (a: Payment, b: Payment) => Date.parse(b.created_at) - Date.parse(a.created_at);

/** A membership's payments, newest first: those that name it, or (naming none) its product. */
function paymentsOf(m: Membership, payments: Payment[] | null): Payment[] {
  return (payments ?? [])
    .filter((p) => (p.membership ? p.membership.id === m.id : p.product?.id === m.product.id))
    .sort(newestFirst);
}

const ms = (m: Membership, field: keyof Membership): FactSource => ({ kind: 'membership', id: m.id, field });
const pay = (p: Payment, field: keyof Payment): FactSource => ({ kind: 'payment', id: p.id, field });

/** A fact from a field, or nothing when the field is null. */
function dateFact(kind: DateFactKind, value: string | null, source: FactSource): AccessFact[] {
  return value === null ? [] : [{ kind, value, source }];
}

function cancellationFacts(m: Membership): AccessFact[] {
  return [
    ...dateFact('canceled_on', m.canceled_at, ms(m, 'canceled_at')),
    ...(m.cancel_option === null
      ? []
      : [{ kind: 'cancel_option', value: m.cancel_option, source: ms(m, 'cancel_option') } as const]),
    ...(m.cancellation_reason === null
      ? []
      : [{ kind: 'cancellation_reason', value: m.cancellation_reason, source: ms(m, 'cancellation_reason') } as const]),
  ];
}

/** When a failed payment failed: its last attempt, else when it was created. */
function failedFact(p: Payment): AccessFact {
  return p.last_payment_attempt === null
    ? { kind: 'failed_on', value: p.created_at, source: pay(p, 'created_at') }
    : { kind: 'failed_on', value: p.last_payment_attempt, source: pay(p, 'last_payment_attempt') };
}

function failureFacts(p: Payment): AccessFact[] {
  return [
    failedFact(p),
    ...(p.failure_message === null
      ? []
      : [{ kind: 'failure_message', value: p.failure_message, source: pay(p, 'failure_message') } as const]),
    ...(p.payments_failed !== null && p.payments_failed > 1
      ? [{ kind: 'attempts_failed', value: p.payments_failed, source: pay(p, 'payments_failed') } as const]
      : []),
  ];
}

/** The membership that grants access, most generous first: renewing, then paused, trialing, ending. */
function grantRank(m: Membership): number {
  if (m.status === 'active' && !m.cancel_at_period_end) return m.payment_collection_paused ? 1 : 0;
  if (m.status === 'trialing' && !m.cancel_at_period_end) return 2;
  return 3;
}

function byEnd(a: Membership, b: Membership): number {
  return (time(b.renewal_period_end) || 0) - (time(a.renewal_period_end) || 0);
}

function granted(m: Membership, now: number): Pick<AccessSummary, 'verdict' | 'reason' | 'facts'> {
  const product = { membershipId: m.id, product: m.product.title };
  const status: AccessFact = { kind: 'status', value: m.status, source: ms(m, 'status') };
  const end = isAfter(m.renewal_period_end, now) ? m.renewal_period_end : null;
  if (m.cancel_at_period_end || m.status === 'canceling') {
    return {
      verdict: 'has_access',
      reason: { kind: 'ending', endsOn: end, ...product },
      facts: [
        status,
        ...(m.cancel_at_period_end
          ? [{ kind: 'cancel_at_period_end', value: true, source: ms(m, 'cancel_at_period_end') } as const]
          : []),
        ...dateFact('access_ends_on', end, ms(m, 'renewal_period_end')),
        ...cancellationFacts(m),
      ],
    };
  }
  if (m.status === 'trialing') {
    return {
      verdict: 'has_access',
      reason: { kind: 'trialing', trialEndsOn: end, ...product },
      facts: [status, ...dateFact('trial_ends_on', end, ms(m, 'renewal_period_end'))],
    };
  }
  if (m.payment_collection_paused) {
    return {
      verdict: 'has_access',
      reason: { kind: 'paused', periodEndsOn: end, ...product },
      facts: [
        status,
        { kind: 'collection_paused', value: true, source: ms(m, 'payment_collection_paused') },
        ...dateFact('access_ends_on', end, ms(m, 'renewal_period_end')),
      ],
    };
  }
  return {
    verdict: 'has_access',
    reason: { kind: 'active', renewsOn: end, ...product },
    facts: [status, ...dateFact('renews_on', end, ms(m, 'renewal_period_end'))],
  };
}

function pastDue(m: Membership, payments: Payment[] | null): Pick<AccessSummary, 'verdict' | 'reason' | 'facts'> {
  const failed = paymentsOf(m, payments).find((p) => FAILED.has(p.substatus));
  return {
    verdict: 'past_due',
    reason: {
      kind: 'past_due',
      membershipId: m.id,
      product: m.product.title,
      failedOn: failed ? (failed.last_payment_attempt ?? failed.created_at) : null,
      failureMessage: failed?.failure_message ?? null,
      nextAttemptOn: failed?.next_payment_attempt ?? null,
    },
    facts: [
      { kind: 'status', value: m.status, source: ms(m, 'status') },
      ...(failed
        ? [
            ...failureFacts(failed),
            ...dateFact('next_attempt_on', failed.next_payment_attempt, pay(failed, 'next_payment_attempt')),
          ]
        : []),
    ],
  };
}

/** The latest payment of a membership that explains its end, if one does. */
function endCause(m: Membership, payments: Payment[] | null): { cause: EndCause; payment: Payment | null } {
  const latest = paymentsOf(m, payments)[0];
  if (!latest) return { cause: null, payment: null };
  if (FAILED.has(latest.substatus)) return { cause: 'failed_payments', payment: latest };
  if (REFUNDED.has(latest.substatus) && latest.refunded_at !== null) return { cause: 'refunded', payment: latest };
  if (DISPUTE_LOST.has(latest.substatus)) return { cause: 'dispute_lost', payment: latest };
  if (DISPUTE_OPEN.has(latest.substatus)) return { cause: 'dispute_open', payment: latest };
  return { cause: null, payment: null };
}

function causeFacts(cause: EndCause, p: Payment | null): AccessFact[] {
  if (!p || cause === null) return [];
  if (cause === 'failed_payments') return failureFacts(p);
  if (cause === 'refunded') return dateFact('refunded_on', p.refunded_at, pay(p, 'refunded_at'));
  return [
    { kind: 'payment_substatus', value: p.substatus, source: pay(p, 'substatus') },
    ...dateFact('dispute_alerted_on', p.dispute_alerted_at, pay(p, 'dispute_alerted_at')),
  ];
}

function causeDate(cause: EndCause, p: Payment | null): string | null {
  if (!p) return null;
  if (cause === 'failed_payments') return p.last_payment_attempt ?? p.created_at;
  if (cause === 'refunded') return p.refunded_at;
  return p.dispute_alerted_at;
}

function ended(m: Membership, payments: Payment[] | null): Pick<AccessSummary, 'verdict' | 'reason' | 'facts'> {
  const status = m.status === 'canceled' ? 'canceled' : 'expired';
  const { cause, payment } = endCause(m, payments);
  const endedOn = status === 'canceled' ? (m.canceled_at ?? m.renewal_period_end) : m.renewal_period_end;
  return {
    verdict: 'no_access',
    reason: {
      kind: 'ended',
      membershipId: m.id,
      product: m.product.title,
      status,
      endedOn,
      byMember: m.cancel_option !== null || m.cancellation_reason !== null,
      cause,
      causeOn: causeDate(cause, payment),
      failureMessage: cause === 'failed_payments' ? (payment?.failure_message ?? null) : null,
    },
    facts: [
      { kind: 'status', value: m.status, source: ms(m, 'status') },
      ...(status === 'expired' || m.canceled_at === null
        ? dateFact('period_ended_on', m.renewal_period_end, ms(m, 'renewal_period_end'))
        : []),
      ...cancellationFacts(m),
      ...causeFacts(cause, payment),
    ],
  };
}

/** When a membership ended, for picking the latest: cancellation, else period end, else creation. */
function endTime(m: Membership): number {
  return time(m.canceled_at) || time(m.renewal_period_end) || time(m.created_at) || 0;
}

function risksOf(payments: Payment[] | null): AccessRisk[] {
  const sorted = [...(payments ?? [])].sort(newestFirst);
  const risks: AccessRisk[] = sorted
    .filter((p) => NEEDS_RESPONSE.has(p.substatus))
    .map((p) => ({
      kind: 'dispute_needs_response',
      paymentId: p.id,
      substatus: p.substatus,
      alertedOn: p.dispute_alerted_at,
    }));
  // Failed attempts: one payment tried several times, or several payments failing in a row.
  const inARow = sorted.findIndex((p) => !FAILED.has(p.substatus));
  const streak = inARow === -1 ? sorted.length : inARow;
  const newestFailed = sorted[0];
  if (newestFailed && FAILED.has(newestFailed.substatus)) {
    const attempts = Math.max(newestFailed.payments_failed ?? 0, streak);
    if (attempts > 1) risks.push({ kind: 'repeated_failures', paymentId: newestFailed.id, attempts });
  }
  return risks;
}

const other = (m: Membership): OtherMembership => ({ membershipId: m.id, product: m.product.title, status: m.status });

/**
 * The access summary of a member: has access, no access, past due, or cannot tell, with the
 * reason, the facts it rests on, the member's other memberships and the risks to watch.
 */
export function summarizeAccess(input: AccessInput, now: Date | number): AccessSummary {
  const at = typeof now === 'number' ? now : now.getTime();
  const { member, memberships, payments } = input;
  const risks = risksOf(payments);
  const list = Array.isArray(memberships) ? memberships : [];
  const pick = (
    chosen: Membership | null,
    result: Pick<AccessSummary, 'verdict' | 'reason' | 'facts'>,
  ): AccessSummary => ({ ...result, others: list.filter((m) => m !== chosen).map(other), risks });

  if (member.access_level === 'admin') {
    return pick(null, {
      verdict: 'has_access',
      reason: { kind: 'admin' },
      facts: [{ kind: 'admin', value: 'admin', source: { kind: 'member', id: null, field: 'access_level' } }],
    });
  }
  if (memberships === 'loading') return pick(null, cannotTell({ kind: 'loading' }));
  if (memberships === 'failed') return pick(null, cannotTell({ kind: 'failed' }));
  if (memberships === 'forbidden')
    return pick(null, cannotTell({ kind: 'forbidden', permissions: MEMBERSHIP_READ_PERMISSIONS }));

  const grants = list
    .filter((m) => standing(m, at) === 'grants')
    .sort((a, b) => grantRank(a) - grantRank(b) || byEnd(a, b));
  const winner = grants[0];
  if (winner) return pick(winner, granted(winner, at));

  const due = list.filter((m) => m.status === 'past_due').sort(byEnd)[0];
  if (due) return pick(due, pastDue(due, payments));

  const unclear = list.find((m) => standing(m, at) === 'unclear');
  if (member.status === 'left') {
    return pick(null, {
      verdict: 'no_access',
      reason: { kind: 'left' },
      facts: [{ kind: 'left', value: 'left', source: { kind: 'member', id: null, field: 'status' } }],
    });
  }
  if (unclear) {
    return pick(
      unclear,
      cannotTell(
        { kind: 'unclear_status', status: unclear.status, membershipId: unclear.id, product: unclear.product.title },
        [{ kind: 'status', value: unclear.status, source: ms(unclear, 'status') }],
      ),
    );
  }
  const last = [...list].sort((a, b) => endTime(b) - endTime(a))[0];
  if (last) return pick(last, ended(last, payments));
  return pick(null, { verdict: 'no_access', reason: { kind: 'never_member' }, facts: [] });
}

function cannotTell(
  reason: AccessReason,
  facts: AccessFact[] = [],
): Pick<AccessSummary, 'verdict' | 'reason' | 'facts'> {
  return { verdict: 'cannot_tell', reason, facts };
}

// ---------------------------------------------------------------------------------------------
// In words. The UI passes its own date formatting (the reader's locale and time zone).

export type DescribedAccess = {
  sentence: string;
  facts: Array<{ text: string; source: FactSource }>;
  /** The other memberships in one short line; null: none. */
  others: string | null;
  risks: Array<{ text: string; source: { kind: 'payment'; id: string } }>;
};

const CANCEL_OPTION_WORDS: Record<string, string> = {
  too_expensive: 'too expensive',
  switching: 'switching to something else',
  missing_features: 'missing features',
  technical_issues: 'technical issues',
  bad_experience: 'a bad experience',
  unused: 'not using it',
  other: 'other',
  testing: 'testing',
};

const words = (value: string) => value.replaceAll('_', ' ');
export const cancelOptionInWords = (option: string) => CANCEL_OPTION_WORDS[option] ?? words(option);

const quoted = (text: string | null) => (text === null ? '' : ` (“${text}”)`);

function sentenceOf(reason: AccessReason, date: (iso: string) => string): string {
  const on = (iso: string | null, prefix = ' on ') => (iso === null ? '' : `${prefix}${date(iso)}`);
  switch (reason.kind) {
    case 'admin':
      return 'Has access: an admin of the company, who needs no membership.';
    case 'active':
      return `Has access to ${reason.product}: active${reason.renewsOn ? `, renews${on(reason.renewsOn)}` : ''}.`;
    case 'trialing':
      return `Has access to ${reason.product}: on a trial${on(reason.trialEndsOn, ' until ')}.`;
    case 'ending':
      return `Has access to ${reason.product} ${reason.endsOn ? `until ${date(reason.endsOn)}` : 'for now'}: set to cancel at the end of the period.`;
    case 'paused':
      return `Has access to ${reason.product}: active, but the company paused collecting payments${on(reason.periodEndsOn, '; the current period ends ')}.`;
    case 'past_due':
      return (
        `Past due on ${reason.product}: ${reason.failedOn ? `a payment failed${on(reason.failedOn)}${quoted(reason.failureMessage)}` : 'a payment failed'}` +
        `, and Whop retries it${reason.nextAttemptOn ? ` (next try ${date(reason.nextAttemptOn)})` : ''}. ` +
        'Whether access continues meanwhile depends on your company’s setting.'
      );
    case 'ended': {
      const what =
        reason.status === 'expired'
          ? `${reason.product} expired${on(reason.endedOn)}`
          : `${reason.product} was canceled${on(reason.endedOn)}${reason.byMember ? ' by the member' : ''}`;
      const because: Record<NonNullable<EndCause>, string> = {
        failed_payments: ` after failed payments${quoted(reason.failureMessage)}`,
        refunded: `; the last payment was refunded${on(reason.causeOn)}`,
        dispute_lost: '; a chargeback on the last payment was lost',
        dispute_open: '; a chargeback on the last payment is open',
      };
      return `No access: ${what}${reason.cause ? because[reason.cause] : ''}.`;
    }
    case 'unclear_status':
      return `Cannot tell: ${reason.product} is “${words(reason.status)}”, and Whop’s docs do not say whether that grants access.`;
    case 'left':
      return 'No access: left the company.';
    case 'never_member':
      return 'No access: has never had a membership.';
    case 'forbidden':
      return `Cannot tell: the API key may not read memberships. Grant it ${reason.permissions.join(' and ')}.`;
    case 'loading':
      return 'Cannot tell yet: the memberships are loading.';
    case 'failed':
      return 'Cannot tell: the memberships could not be loaded.';
  }
}

function factText(fact: AccessFact, date: (iso: string) => string): string {
  switch (fact.kind) {
    case 'renews_on':
      return `Renews on ${date(fact.value)}`;
    case 'trial_ends_on':
      return `Trial ends on ${date(fact.value)}`;
    case 'access_ends_on':
      return `Access ends on ${date(fact.value)}`;
    case 'period_ended_on':
      return `Period ended on ${date(fact.value)}`;
    case 'canceled_on':
      return `Cancellation started on ${date(fact.value)}`;
    case 'failed_on':
      return `Payment failed on ${date(fact.value)}`;
    case 'next_attempt_on':
      return `Whop tries again on ${date(fact.value)}`;
    case 'refunded_on':
      return `Refunded on ${date(fact.value)}`;
    case 'dispute_alerted_on':
      return `Dispute alert on ${date(fact.value)}`;
    case 'status':
      return `Membership status: ${words(fact.value)}`;
    case 'cancel_option':
      return `Reason picked: ${cancelOptionInWords(fact.value)}`;
    case 'cancellation_reason':
      return `In their words: “${fact.value}”`;
    case 'failure_message':
      return `Whop says: “${fact.value}”`;
    case 'payment_substatus':
      return `Payment: ${words(fact.value)}`;
    case 'attempts_failed':
      return `${fact.value} attempts failed`;
    case 'collection_paused':
      return 'Payment collection paused by the company';
    case 'cancel_at_period_end':
      return 'Set to cancel at the end of the period';
    case 'admin':
      return 'Admin of the company';
    case 'left':
      return 'Left the company';
  }
}

function riskText(risk: AccessRisk, date: (iso: string) => string): string {
  if (risk.kind === 'repeated_failures') return `${risk.attempts} failed payment attempts`;
  return `A dispute needs your response${risk.alertedOn ? ` (alert on ${date(risk.alertedOn)})` : ''}`;
}

/** The summary in words, dates formatted by `formatDate` (the reader's locale). */
export function describeAccess(summary: AccessSummary, formatDate: (iso: string) => string): DescribedAccess {
  return {
    sentence: sentenceOf(summary.reason, formatDate),
    facts: summary.facts.map((fact) => ({ text: factText(fact, formatDate), source: fact.source })),
    others:
      summary.others.length === 0
        ? null
        : `Also: ${summary.others.map((o) => `${o.product} (${words(o.status)})`).join(', ')}.`,
    risks: summary.risks.map((risk) => ({
      text: riskText(risk, formatDate),
      source: { kind: 'payment', id: risk.paymentId },
    })),
  };
}
