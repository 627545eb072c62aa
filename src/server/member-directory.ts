import { MEMBER_READ_PERMISSIONS, MEMBERSHIP_READ_PERMISSIONS } from '../contract/api-error';
import {
  CURSOR_PATTERN,
  MemberListItemSchema,
  type MemberSearchPage,
  SEARCH_PAGE_SIZE,
} from '../contract/member-search';
import { type Membership, type MembershipPage, MembershipSchema } from '../contract/membership';
import { z } from '../contract/zod';
import type { Limiter } from './limiter';
import { problems } from './problem';
import {
  createWhopUpstream,
  parserFor,
  type RecordProblems,
  type UpstreamOptions,
  type UpstreamOutcome,
} from './upstream-call';

/** Whop's list endpoints within one company: finding members and their memberships. */
export type MemberDirectory = {
  /** Members matching a search text (name, username, email) or one user id. */
  searchMembers(filter: {
    companyId: string;
    query?: string;
    userId?: string;
    after?: string;
  }): Promise<UpstreamOutcome<MemberSearchPage>>;
  retrieveMembership(id: string): Promise<UpstreamOutcome<Membership>>;
  listMemberships(filter: {
    companyId: string;
    userId: string;
    after?: string;
  }): Promise<UpstreamOutcome<MembershipPage>>;
};

export const MEMBERSHIPS_PAGE_SIZE = 25;

/** A page as Whop sends it. A cursor we could not accept back from the browser is refused here. */
function whopPage<T extends z.ZodMiniType>(item: T) {
  return z.object({
    data: z.array(item),
    page_info: z.object({
      end_cursor: z.optional(z.nullable(z.string().check(z.regex(CURSOR_PATTERN)))),
      has_next_page: z.optional(z.nullable(z.boolean())),
    }),
  });
}

/** Our page: the items, and the cursor of the next page, null on the last one. */
function pageParser<T extends z.ZodMiniType>(item: T) {
  const schema = whopPage(item);
  return (data: unknown) => {
    // The SDK hands back a page object; its `data` and `page_info` are Whop's JSON.
    const page = data as { data?: unknown; page_info?: unknown } | null;
    const parsed = schema.safeParse({ data: page?.data, page_info: page?.page_info ?? {} });
    if (!parsed.success) return undefined;
    const { end_cursor, has_next_page } = parsed.data.page_info;
    const more = has_next_page !== false && parsed.data.data.length > 0;
    return { data: parsed.data.data as z.infer<T>[], next_cursor: more && end_cursor ? end_cursor : null };
  };
}

const parseMemberPage = pageParser(MemberListItemSchema);
const parseMembershipPage = pageParser(MembershipSchema);
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
const MEMBERSHIP_LIST: RecordProblems = {
  notFound: () => problems.upstreamError("Whop could not list this member's memberships."),
  forbidden: () => problems.upstreamForbidden(MEMBERSHIP_READ_PERMISSIONS),
  what: 'a list of memberships',
  endpoint: 'memberships.list',
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
    searchMembers: ({ companyId, query, userId, after }) =>
      call(
        (o) =>
          client.members.list(
            {
              company_id: companyId,
              first: SEARCH_PAGE_SIZE,
              ...(query !== undefined && { query }),
              ...(userId !== undefined && { user_ids: [userId] }),
              ...(after !== undefined && { after }),
            },
            o,
          ),
        parseMemberPage,
        MEMBER_LIST,
      ),
    retrieveMembership: (id) => call((o) => client.memberships.retrieve(id, o), parseMembership, MEMBERSHIP),
    listMemberships: ({ companyId, userId, after }) =>
      call(
        (o) =>
          client.memberships.list(
            {
              company_id: companyId,
              user_ids: [userId],
              first: MEMBERSHIPS_PAGE_SIZE,
              ...(after !== undefined && { after }),
            },
            o,
          ),
        parseMembershipPage,
        MEMBERSHIP_LIST,
      ),
  };
}
