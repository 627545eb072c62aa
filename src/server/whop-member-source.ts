import { MEMBER_READ_PERMISSIONS } from '../contract/api-error';
import { type Member, MemberSchema } from '../contract/member';
import { type Problem, problems } from './problem';
import { createUpstreamCall, createWhopClient, type RecordProblems, type RetryPolicy } from './upstream-call';

export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './upstream-call';

/** What one lookup against Whop came to, with what the log line needs. */
export type FetchOutcome = ({ ok: true; member: Member } | { ok: false; problem: Problem }) & {
  attempts: number;
  /** The last HTTP status Whop answered with; null when no answer arrived. */
  upstreamStatus: number | null;
};

export type MemberSource = (id: string) => Promise<FetchOutcome>;

export type WhopMemberSourceOptions = {
  apiKey: string;
  baseURL: string;
  /** Every lookup, retries and waits included, ends within this many ms. */
  deadlineMs: number;
  maxBodyBytes?: number;
  retry?: RetryPolicy;
};

export const MEMBER_RECORD: RecordProblems = {
  notFound: problems.memberNotFound,
  forbidden: () => problems.upstreamForbidden(MEMBER_READ_PERMISSIONS),
  what: 'a member record',
};

export function parseMember(data: unknown): Member | undefined {
  const parsed = MemberSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Looks members up through the official SDK under our own deadline and retry policy
 * (upstream-call.ts; docs/decisions/0001-own-retries-around-the-sdk.md).
 */
export function createWhopMemberSource(options: WhopMemberSourceOptions): MemberSource {
  const client = createWhopClient(options);
  const call = createUpstreamCall(options);
  return async function fetchMember(id) {
    const r = await call((o) => client.members.retrieve(id, o), parseMember, MEMBER_RECORD);
    if (!r.ok) return r;
    return { ok: true, member: r.value, attempts: r.attempts, upstreamStatus: r.upstreamStatus };
  };
}
