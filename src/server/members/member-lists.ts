import type Whop from '@whop/sdk';
import type { Member } from '../../contract/member';
import type { FirstPaintLists, MemberListItem, MemberListName, MemberListPage } from '../../contract/member-lists';
import { FIRST_PAINT_LISTS, MEMBER_LIST_NAMES, MEMBER_LISTS } from '../../contract/member-lists';
import { problems } from '../../contract/problem';
import { createCoalescer } from '../upstream/coalesce';
import type { Limiter } from '../upstream/limiter';
import { pageParser } from '../upstream/list-page';
import {
  type CallOptions,
  createWhopUpstream,
  type RecordProblems,
  type SdkRequest,
  type UpstreamOptions,
  type UpstreamOutcome,
} from '../upstream/upstream-call';
import type { MemberGenerations } from './member-generations';

/** Whose records, in which company, from which page on. */
export type ListFilter = { companyId: string; memberId: string; userId: string; after?: string };

/** A member's lists in Whop (src/contract/member-lists.ts): memberships, payments, token transactions. */
export type MemberLists = {
  list<N extends MemberListName>(
    name: N,
    filter: ListFilter,
  ): Promise<UpstreamOutcome<MemberListPage<MemberListItem<N>>>>;
};

/**
 * Whose lists a member's panels show: null for a member without a Whop user, where there is
 * nothing to search for (never ask Whop with an empty query: it would list everyone's).
 */
export function listFilterFor(member: Member, companyId: string | null, after?: string): ListFilter | null {
  if (!member.user) return null;
  return { companyId: companyId ?? member.company.id, memberId: member.id, userId: member.user.id, after };
}

const EMPTY = { data: [], next_cursor: null };

/**
 * The first pages of the lists a deep link's page comes with (FIRST_PAINT_LISTS), for the
 * first paint (page/first-paint.ts), as the lists' routes answer them: each null when it is
 * not a page (a problem or a failure), which the app then asks for itself; null when none is.
 */
export function firstListPages(
  lists: MemberLists,
  companyId: string | null,
): (member: Member) => Promise<FirstPaintLists | null> {
  return async (member) => {
    const filter = listFilterFor(member, companyId);
    const pages = await Promise.all(
      FIRST_PAINT_LISTS.map(async (name) => {
        if (!filter) return EMPTY;
        const outcome = await lists.list(name, filter);
        return outcome.ok ? outcome.value : null;
      }),
    );
    if (pages.every((page) => page === null)) return null;
    return Object.fromEntries(FIRST_PAINT_LISTS.map((name, i) => [name, pages[i]])) as FirstPaintLists;
  };
}

type Owned = { member: { id: string } | null; user: { id: string } | null };

/**
 * Whop's payments `query` is a search (user id, membership id, email, name, username), so
 * it can match other people too: a user id that another's contains, an email that
 * mentions it. Only rows that are this member's, by member or user id, are kept.
 */
export function onlyThisMember<T extends Owned>(rows: readonly T[], who: { memberId: string; userId: string }): T[] {
  return rows.filter((row) => row.member?.id === who.memberId || row.user?.id === who.userId);
}

/**
 * How each list is asked of Whop. A record over every list name: a row added to the
 * contract's table without its call here does not compile.
 */
const WHOP_LIST_CALLS: { [N in MemberListName]: (client: Whop, f: ListFilter, o: CallOptions) => SdkRequest } = {
  memberships: (client, f, o) =>
    client.memberships.list(
      // user_ids is an exact filter.
      { company_id: f.companyId, user_ids: [f.userId], first: MEMBER_LISTS.memberships.pageSize, after: f.after },
      o,
    ),
  payments: (client, f, o) =>
    client.payments.list(
      {
        company_id: f.companyId,
        // A search, not a filter: onlyThisMember keeps this member's rows.
        query: f.userId,
        first: MEMBER_LISTS.payments.pageSize,
        order: 'created_at',
        direction: 'desc',
        // The SDK leaves an undefined cursor out of the query string.
        after: f.after,
      },
      o,
    ),
  tokenTransactions: (client, f, o) =>
    client.companyTokenTransactions.list(
      { company_id: f.companyId, user_id: f.userId, first: MEMBER_LISTS.tokenTransactions.pageSize, after: f.after },
      o,
    ),
};

/** How a list's failures read, from its row: a 403 names the permissions Whop lists for it. */
function problemsFor(name: MemberListName): RecordProblems {
  const row = MEMBER_LISTS[name];
  return {
    notFound: () => problems.upstreamError(`Whop could not list this member's ${row.records}.`),
    forbidden: () => problems.upstreamForbidden(row.permissions),
    what: `a list of ${row.records}`,
    endpoint: row.endpoint,
  };
}

export type WhopListsOptions = UpstreamOptions & {
  limiter: Limiter;
  /** Each member's and user's count of changes Whop reported (member-generations.ts). */
  generations?: MemberGenerations;
};

/** The lists on the official SDK, under the same deadline, retries, limiter and guarded fetch as every Whop call. */
export function createWhopLists(options: WhopListsOptions): MemberLists {
  const { client, call } = createWhopUpstream(options);
  // A page asked for after a change Whop reported never joins one asked for before it.
  const generation = (f: ListFilter) =>
    options.generations ? `${options.generations.of(f.memberId)}.${options.generations.of(f.userId)}` : '';
  const key = (name: MemberListName, f: ListFilter) =>
    `${name}|${f.companyId}|${f.memberId}|${f.userId}|${f.after ?? ''}|${generation(f)}`;
  const coalesce = createCoalescer<UpstreamOutcome<MemberListPage<Owned>>>();
  const parsers = Object.fromEntries(MEMBER_LIST_NAMES.map((n) => [n, pageParser(MEMBER_LISTS[n].item)])) as {
    [N in MemberListName]: (data: unknown) => MemberListPage<MemberListItem<N>> | undefined;
  };
  const records = Object.fromEntries(MEMBER_LIST_NAMES.map((n) => [n, problemsFor(n)])) as {
    [N in MemberListName]: RecordProblems;
  };

  return {
    list: <N extends MemberListName>(name: N, filter: ListFilter) =>
      coalesce(key(name, filter), async () => {
        const outcome = await call<MemberListPage<Owned>>(
          (o) => WHOP_LIST_CALLS[name](client, filter, o),
          parsers[name] as (data: unknown) => MemberListPage<Owned> | undefined,
          records[name],
        );
        // Exact filters cost nothing to check again, and guard a looser Whop.
        return outcome.ok
          ? { ...outcome, value: { ...outcome.value, data: onlyThisMember(outcome.value.data, filter) } }
          : outcome;
      }) as Promise<UpstreamOutcome<MemberListPage<MemberListItem<N>>>>,
  };
}
