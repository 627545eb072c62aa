import { MEMBER_READ_PERMISSIONS } from '../../contract/api-error';
import { type Member, MemberSchema } from '../../contract/member';
import { problems } from '../../contract/problem';
import {
  createWhopUpstream,
  parserFor,
  type RecordProblems,
  type UpstreamOptions,
  type UpstreamOutcome,
} from '../upstream/upstream-call';

/** One lookup against Whop. Its cap on calls in flight is the member lookup's (member-lookup.ts). */
/** `signal`: the caller's own stop (a bulk list cancelled). */
export type MemberSource = (id: string, signal?: AbortSignal) => Promise<UpstreamOutcome<Member>>;

export type WhopMemberSourceOptions = Omit<UpstreamOptions, 'limiter'>;

export const MEMBER_RECORD: RecordProblems = {
  notFound: problems.memberNotFound,
  forbidden: () => problems.upstreamForbidden(MEMBER_READ_PERMISSIONS),
  what: 'a member record',
  endpoint: 'members.retrieve',
};

export const parseMember = parserFor(MemberSchema);

/**
 * Looks members up through the official SDK under our own deadline and retry policy
 * (upstream-call.ts; docs/decisions/0001-own-retries-around-the-sdk.md).
 */
export function createWhopMemberSource(options: WhopMemberSourceOptions): MemberSource {
  const { client, call } = createWhopUpstream(options);
  return function fetchMember(id, signal) {
    return call((o) => client.members.retrieve(id, o), parseMember, MEMBER_RECORD, signal);
  };
}
