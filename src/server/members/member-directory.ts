import { MEMBER_READ_PERMISSIONS, MEMBERSHIP_READ_PERMISSIONS } from '../../contract/api-error';
import { MemberListItemSchema, type MemberSearchPage, SEARCH_PAGE_SIZE } from '../../contract/member-search';
import { type Membership, MembershipSchema } from '../../contract/membership';
import { problems } from '../../contract/problem';
import type { Limiter } from '../upstream/limiter';
import { pageParser } from '../upstream/list-page';
import {
  createWhopUpstream,
  parserFor,
  type RecordProblems,
  type UpstreamOptions,
  type UpstreamOutcome,
} from '../upstream/upstream-call';

/** Finding members in one company: a search, or a membership's member. */
export type MemberDirectory = {
  /** Members matching a search text (name, username, email) or one user id. */
  searchMembers(filter: {
    companyId: string;
    query?: string;
    userId?: string;
    after?: string;
    /** The caller's own stop (a bulk list cancelled). */
    signal?: AbortSignal;
  }): Promise<UpstreamOutcome<MemberSearchPage>>;
  retrieveMembership(id: string, signal?: AbortSignal): Promise<UpstreamOutcome<Membership>>;
};

const parseMemberPage = pageParser(MemberListItemSchema);
const parseMembership = parserFor(MembershipSchema);

const MEMBER_LIST: RecordProblems = {
  // A list never answers 404 for "no matches"; a 404 here means the company is unknown.
  notFound: () =>
    problems.upstreamError('Whop does not know the company in WHOP_COMPANY_ID. An operator must check it.'),
  forbidden: () => problems.upstreamForbidden(MEMBER_READ_PERMISSIONS),
  what: 'a list of members',
  endpoint: 'members.list',
};
const MEMBERSHIP: RecordProblems = {
  notFound: problems.membershipNotFound,
  forbidden: () => problems.upstreamForbidden(MEMBERSHIP_READ_PERMISSIONS),
  what: 'a membership record',
  endpoint: 'memberships.retrieve',
};

export type WhopDirectoryOptions = UpstreamOptions & {
  /** Shared with the member lookup, so all Whop calls together respect one cap. */
  limiter: Limiter;
};

/** The directory on the official SDK, under the same deadline, retries and guarded fetch as lookups. */
export function createWhopDirectory(options: WhopDirectoryOptions): MemberDirectory {
  // The limiter goes into the call: each request waits for a slot, or answers busy.
  const { client, call } = createWhopUpstream(options);

  return {
    searchMembers: ({ companyId, query, userId, after, signal }) =>
      call(
        (o) =>
          client.members.list(
            {
              company_id: companyId,
              first: SEARCH_PAGE_SIZE,
              // The SDK leaves undefined parameters out of the query string.
              query,
              after,
              ...(userId !== undefined && { user_ids: [userId] }),
            },
            o,
          ),
        parseMemberPage,
        MEMBER_LIST,
        signal,
      ),
    retrieveMembership: (id, signal) =>
      call((o) => client.memberships.retrieve(id, o), parseMembership, MEMBERSHIP, signal),
  };
}
