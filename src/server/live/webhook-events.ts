import type { UnwrapWebhookEvent } from '@whop/sdk/resources/webhooks';
import { isLiveEventType, type LiveEventType } from '../../contract/live';
import { parseMemberIdParam } from '../../contract/member-id';

/** Whom a delivery concerns: the member ids it names, and the user, if any. Nothing else is kept. */
export type EventTarget = { members: string[]; user: string | null };

type SdkType = UnwrapWebhookEvent['type'];
type DataOf<T extends SdkType> = Extract<UnwrapWebhookEvent, { type: T }>['data'];
type Ids = { member?: string | null | undefined; user?: string | null | undefined };

/**
 * Where each live type names its member and user, read from @whop/sdk's own event types. A type
 * in LIVE_EVENT_TYPES that the SDK does not know maps to `never` here, so it fails to compile;
 * a type the SDK knows but this table lacks fails too (the mapped type wants every key).
 */
const READERS: { [T in LiveEventType]: T extends SdkType ? (data: DataOf<T>) => Ids : never } = {
  'payment.created': (d) => ({ member: d.member?.id, user: d.user?.id }),
  'payment.succeeded': (d) => ({ member: d.member?.id, user: d.user?.id }),
  'payment.failed': (d) => ({ member: d.member?.id, user: d.user?.id }),
  'payment.pending': (d) => ({ member: d.member?.id, user: d.user?.id }),
  'refund.created': (d) => ({ member: d.payment?.member?.id, user: d.payment?.user?.id }),
  'refund.updated': (d) => ({ member: d.payment?.member?.id, user: d.payment?.user?.id }),
  'dispute.created': (d) => ({ member: d.payment?.member?.id, user: d.payment?.user?.id }),
  'dispute.updated': (d) => ({ member: d.payment?.member?.id, user: d.payment?.user?.id }),
  'dispute_alert.created': (d) => ({ member: d.payment?.member?.id, user: d.payment?.user?.id }),
  'membership.activated': (d) => ({ member: d.member?.id, user: d.user?.id }),
  'membership.deactivated': (d) => ({ member: d.member?.id, user: d.user?.id }),
  'membership.cancel_at_period_end_changed': (d) => ({ member: d.member?.id, user: d.user?.id }),
};

// Every live type is one the SDK knows: a compile error names any that is not.
type UnknownToSdk = Exclude<LiveEventType, SdkType>;
const _everyTypeKnown: [UnknownToSdk] extends [never] ? true : UnknownToSdk = true;
void _everyTypeKnown;

/** `user_` then letters and digits: the optional second key of a page's stream, and of a delivery. */
const USER_ID = /^user_[A-Za-z0-9]{1,60}$/;
export const isUserId = (value: unknown): value is string => typeof value === 'string' && USER_ID.test(value);

const isMemberId = (value: unknown): value is string => typeof value === 'string' && parseMemberIdParam(value).ok;

/**
 * What a verified delivery is: a type the pages react to and whom it concerns, or `ignored`
 * (a type they do not, or one that names nobody we could match). The data is only a hint of
 * whom: the ids are checked to be ids, and nothing else of it goes further.
 */
export type ReadEvent =
  | { kind: 'live'; type: LiveEventType; target: EventTarget }
  | { kind: 'ignored'; type: LiveEventType | null }
  | { kind: 'malformed' };

export function readEvent(body: unknown): ReadEvent {
  if (typeof body !== 'object' || body === null) return { kind: 'malformed' };
  const { type, data } = body as { type?: unknown; data?: unknown };
  if (typeof type !== 'string') return { kind: 'malformed' };
  if (!isLiveEventType(type)) return { kind: 'ignored', type: null };
  if (typeof data !== 'object' || data === null) return { kind: 'ignored', type };
  let ids: Ids;
  try {
    // The SDK's types say what Whop sends; a body that differs reads as naming nobody.
    ids = (READERS[type] as (d: unknown) => Ids)(data);
  } catch {
    return { kind: 'ignored', type };
  }
  const members = isMemberId(ids.member) ? [ids.member] : [];
  const user = isUserId(ids.user) ? ids.user : null;
  if (members.length === 0 && !user) return { kind: 'ignored', type };
  return { kind: 'live', type, target: { members, user } };
}
