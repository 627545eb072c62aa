// Live member pages (issue 28): Whop's webhooks tell the server that something about a
// member changed; the server drops what it holds for them and tells every open page of that
// member, which refetches the parts named here. What a page is told is which parts changed
// and what happened, never the webhook's data: the page shows Whop's answer to a fresh call.
/** Where Whop delivers webhooks (outside API_BASE and the sign-in gate: Whop cannot sign in). */
export const WEBHOOK_PATH = '/webhooks/whop';
/** A delivery's body at most, in bytes; a longer one is refused (413) before it is read whole. */
export const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** The parts of a member page a change can touch; each is refetched on its own. */
export const LIVE_PARTS = ['member', 'memberships', 'payments', 'tokenTransactions'] as const;
export type LivePart = (typeof LIVE_PARTS)[number];

/**
 * The webhook types that change what a member page shows: what the page says of each
 * ("New payment, just now") and the parts it refetches. A type not here is acknowledged
 * and ignored. The server checks every key against @whop/sdk's own event types.
 */
export const LIVE_EVENT_TYPES = {
  'payment.created': { label: 'New payment', parts: ['member', 'payments', 'memberships'] },
  'payment.succeeded': { label: 'New payment', parts: ['member', 'payments', 'memberships'] },
  'payment.failed': { label: 'Payment failed', parts: ['member', 'payments', 'memberships'] },
  'payment.pending': { label: 'Payment pending', parts: ['member', 'payments'] },
  'refund.created': { label: 'Refund', parts: ['member', 'payments'] },
  'refund.updated': { label: 'Refund updated', parts: ['member', 'payments'] },
  'dispute.created': { label: 'New dispute', parts: ['member', 'payments'] },
  'dispute.updated': { label: 'Dispute updated', parts: ['member', 'payments'] },
  'dispute_alert.created': { label: 'Dispute alert', parts: ['member', 'payments'] },
  'membership.activated': { label: 'Membership activated', parts: ['member', 'memberships'] },
  'membership.deactivated': { label: 'Membership deactivated', parts: ['member', 'memberships'] },
  'membership.cancel_at_period_end_changed': { label: 'Cancellation changed', parts: ['member', 'memberships'] },
} as const satisfies Record<string, { label: string; parts: readonly LivePart[] }>;
export type LiveEventType = keyof typeof LIVE_EVENT_TYPES;

export const isLiveEventType = (type: string): type is LiveEventType => Object.hasOwn(LIVE_EVENT_TYPES, type);

/** Server-Sent Events' `event:` names on a member's stream. */
export const LIVE_EVENTS = {
  /** Sent once when the stream is open and subscribed: the page may say "Live". Data: a LiveReady. */
  ready: 'ready',
  /** Something about this member changed: data is a LiveChange. */
  change: 'change',
} as const;

/**
 * What an open page is told of one change: no personal data, only what to refetch and what to
 * say. No zod here: the member page's live chunk reads this module, and a schema built at the
 * top of it comes along whether used or not (and costs `/`'s idle budget); the page checks the
 * type with isLiveEventType.
 */
export type LiveChange = {
  type: LiveEventType;
  /** When the server received the delivery (ISO 8601). */
  at: string;
};

/**
 * What `ready` says: the server's time, and when the latest change naming the member (or the
 * user given) was received, within the last hour, or null. A page that reconnects asks again
 * for what it shows only when that change is newer than the last it knew of.
 */
export type LiveReady = { now: string; changed_at: string | null };
