import type { Member } from '../../../../contract/member';
import type { Membership } from '../../../../contract/membership';
import type { Payment } from '../../../../contract/payment';
import type { TokenTransaction } from '../../../../contract/token-transaction';
import { humanize } from '../../../lib/format/labels';

/** What the timeline's filter tells apart; the member's joined date counts as a membership event. */
export type TimelineKind = 'memberships' | 'payments' | 'tokens';
export type TimelineFilter = 'all' | TimelineKind;
export const TIMELINE_KINDS: readonly TimelineKind[] = ['memberships', 'payments', 'tokens'];

export type TimelineAmount =
  | { unit: 'money'; value: number; currency: string }
  /** Signed (+ added, − subtracted); a transfer's direction is not in Whop's record, so `sign` is null. */
  | { unit: 'tokens'; value: number; sign: 1 | -1 | null };

export type TimelineEvent = {
  /** Unique in one timeline: the record's id and what happened to it. */
  key: string;
  kind: TimelineKind;
  /** When it happened (or, for a scheduled end, will): an ISO date-time from Whop's record. */
  at: string;
  /** One short line: "Northwind Pro: membership started", "Payment failed". */
  title: string;
  /** Whop's own words where it has them: a failure message, a cancel reason, a description. */
  detail: string | null;
  amount: TimelineAmount | null;
  /** The record's row on this page (`#payment-<id>`, `#membership-<id>`), where it has one. */
  href: string | null;
  /** A date still to come (an end at the period's close). */
  upcoming: boolean;
  /** A failed payment or a dispute: what a manager looks for first. */
  attention?: boolean;
};

/** One list as the timeline gets it: what has loaded, and whether Whop has older pages. */
export type TimelineList<T> = { items: readonly T[]; hasMore: boolean };

export type TimelineInput = {
  member: Member;
  /** Null: the list has not loaded (or could not): it contributes nothing and cuts nothing. */
  memberships: TimelineList<Membership> | null;
  payments: TimelineList<Payment> | null;
  tokens: TimelineList<TokenTransaction> | null;
};

export type Timeline = {
  events: TimelineEvent[];
  /**
   * The oldest moment the shown events are complete back to, when a list (of those the filter
   * shows) has older pages not loaded yet; null when everything is in. Events older than it
   * are held back, so the merged order never skips an unloaded record.
   */
  cutAt: string | null;
  /** How many loaded events the cut holds back. */
  heldBack: number;
};

/** A renewal period that starts this long after the membership itself is a renewal, not the first period. */
const RENEWAL_GAP_MS = 24 * 3_600_000;

const time = (iso: string) => Date.parse(iso);

function membershipEvents(m: Membership): TimelineEvent[] {
  const product = m.product.title;
  const base = { kind: 'memberships' as const, href: `#membership-${m.id}`, amount: null, upcoming: false };
  const events: TimelineEvent[] = [
    { ...base, key: `${m.id}:start`, at: m.created_at, title: `${product}: membership started`, detail: null },
  ];
  const start = m.renewal_period_start;
  if (start && time(start) - time(m.created_at) > RENEWAL_GAP_MS) {
    events.push({ ...base, key: `${m.id}:renewed`, at: start, title: `${product}: renewed`, detail: null });
  }
  if (m.canceled_at) {
    const words = [m.cancel_option ? humanize(m.cancel_option) : null, m.cancellation_reason]
      .filter((w): w is string => Boolean(w))
      .join(': ');
    const when = m.cancel_at_period_end ? 'canceled at period end' : 'canceled';
    events.push({
      ...base,
      key: `${m.id}:canceled`,
      at: m.canceled_at,
      title: `${product}: ${when}`,
      detail: words || null,
    });
  }
  const end = m.renewal_period_end;
  if (end) {
    if (m.status === 'expired' || m.status === 'completed') {
      events.push({ ...base, key: `${m.id}:end`, at: end, title: `${product}: ${m.status}`, detail: null });
    } else if (m.status === 'canceled' && m.cancel_at_period_end) {
      events.push({ ...base, key: `${m.id}:end`, at: end, title: `${product}: access ended`, detail: null });
    } else if (m.cancel_at_period_end && m.status !== 'canceled') {
      events.push({
        ...base,
        key: `${m.id}:end`,
        at: end,
        title: `${product}: access ends`,
        detail: null,
        upcoming: true,
      });
    }
  }
  return events;
}

const DISPUTE = /dispute|resolution/;

function paymentEvents(p: Payment): TimelineEvent[] {
  const product = p.product?.title ?? null;
  const base = { kind: 'payments' as const, href: `#payment-${p.id}`, upcoming: false };
  const total = p.total === null ? null : ({ unit: 'money', value: p.total, currency: p.currency } as const);
  const of = product ? ` for ${product}` : '';
  const events: TimelineEvent[] = [];
  if (p.paid_at) {
    events.push({ ...base, key: `${p.id}:paid`, at: p.paid_at, title: `Paid${of}`, detail: null, amount: total });
  }
  const failed = p.substatus === 'failed' || p.substatus === 'past_due' || p.substatus === 'uncollectible';
  if (failed) {
    events.push({
      ...base,
      key: `${p.id}:failed`,
      at: p.last_payment_attempt ?? p.created_at,
      title: p.substatus === 'uncollectible' ? `Payment uncollectible${of}` : `Payment failed${of}`,
      detail: p.failure_message,
      amount: total,
      attention: true,
    });
  }
  if (p.refunded_at) {
    const refunded =
      p.refunded_amount === null ? null : ({ unit: 'money', value: p.refunded_amount, currency: p.currency } as const);
    events.push({
      ...base,
      key: `${p.id}:refunded`,
      at: p.refunded_at,
      title: `Refunded${of}`,
      detail: null,
      amount: refunded,
    });
  }
  if (p.dispute_alerted_at) {
    const state = DISPUTE.test(p.substatus) ? humanize(p.substatus) : null;
    events.push({
      ...base,
      key: `${p.id}:disputed`,
      at: p.dispute_alerted_at,
      title: `Disputed${of}`,
      detail: state,
      amount: total,
      // A dispute won or closed is history; an open or lost one is what a manager looks for.
      attention: !/won|closed/.test(p.substatus),
    });
  }
  // None of those (pending, open, draft, void): the payment itself, so nothing the panel lists is missing here.
  if (events.length === 0) {
    events.push({
      ...base,
      key: `${p.id}:created`,
      at: p.created_at,
      title: `Payment ${humanize(p.substatus).toLowerCase()}${of}`,
      detail: null,
      amount: total,
    });
  }
  return events;
}

const TOKEN_TITLES: Record<string, { title: string; sign: 1 | -1 | null }> = {
  add: { title: 'Tokens added', sign: 1 },
  subtract: { title: 'Tokens subtracted', sign: -1 },
  transfer: { title: 'Tokens transferred', sign: null },
};

function tokenEvent(t: TokenTransaction): TimelineEvent {
  const type = Object.hasOwn(TOKEN_TITLES, t.transaction_type)
    ? (TOKEN_TITLES[t.transaction_type] as { title: string; sign: 1 | -1 | null })
    : { title: `Tokens: ${humanize(t.transaction_type).toLowerCase()}`, sign: null };
  return {
    key: `${t.id}:tokens`,
    kind: 'tokens',
    at: t.created_at,
    title: type.title,
    detail: t.description,
    amount: { unit: 'tokens', value: t.amount, sign: type.sign },
    href: null,
    upcoming: false,
  };
}

/** The oldest `created_at` a list has loaded: records before it may still be on a later page. */
function oldestLoaded(list: TimelineList<{ created_at: string }> | null): number | null {
  if (!list?.hasMore || list.items.length === 0) return null;
  return Math.min(...list.items.map((item) => time(item.created_at)));
}

/**
 * The member's events, newest first, of the kinds `filter` shows. When a list still has pages,
 * events older than its oldest loaded record are held back: a record on its next page may be
 * newer than them (docs/decisions/0030-timeline.md).
 */
export function buildTimeline(input: TimelineInput, filter: TimelineFilter = 'all'): Timeline {
  const shows = (kind: TimelineKind) => filter === 'all' || filter === kind;
  const all: TimelineEvent[] = [];
  const cuts: number[] = [];
  if (shows('memberships')) {
    all.push({
      key: `${input.member.id}:joined`,
      kind: 'memberships',
      at: input.member.joined_at,
      title: 'Joined',
      detail: null,
      amount: null,
      href: null,
      upcoming: false,
    });
    for (const m of input.memberships?.items ?? []) all.push(...membershipEvents(m));
    cuts.push(oldestLoaded(input.memberships) ?? Number.NEGATIVE_INFINITY);
  }
  if (shows('payments')) {
    for (const p of input.payments?.items ?? []) all.push(...paymentEvents(p));
    cuts.push(oldestLoaded(input.payments) ?? Number.NEGATIVE_INFINITY);
  }
  if (shows('tokens')) {
    for (const t of input.tokens?.items ?? []) all.push(tokenEvent(t));
    cuts.push(oldestLoaded(input.tokens) ?? Number.NEGATIVE_INFINITY);
  }
  const cut = Math.max(...cuts);
  const events = all
    .filter((e) => time(e.at) >= cut)
    .sort((a, b) => time(b.at) - time(a.at) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    events,
    cutAt: Number.isFinite(cut) ? new Date(cut).toISOString() : null,
    heldBack: all.length - events.length,
  };
}
