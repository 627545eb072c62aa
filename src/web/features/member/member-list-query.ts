import { infiniteQueryOptions, type QueryClient } from '@tanstack/react-query';
import type { FirstPaintLists } from '../../../contract/member-lists';
import { FIRST_PAINT_LISTS, MEMBER_LISTS, type MemberListName } from '../../../contract/member-lists';
import { fetchMemberList } from '../../lib/api/fetch-member-list';
import { MEMBER_STALE_TIME_MS } from './member-query';

// Keyed under the member (`['member', id, …]`), so Refresh refetches them with it; stale
// after the member's minute, so a revisit within it asks for nothing. No abort signal:
// leaving the page mid-load must not throw away an answer a revisit would reuse.

/** One of a member's lists (src/contract/member-lists.ts), page by page. */
export function memberListQuery<N extends MemberListName>(name: N, memberId: string) {
  return infiniteQueryOptions({
    queryKey: ['member', memberId, MEMBER_LISTS[name].path] as const,
    queryFn: ({ pageParam }) => fetchMemberList(name, memberId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: MEMBER_STALE_TIME_MS,
  });
}

/**
 * The lists' first pages, as if the panels had fetched them: from a deep link's page, which the
 * server rendered with them (app/first-paint.tsx, member-page.tsx). A list it did not have stays
 * unasked, and its panel loads it.
 */
export function seedFirstPaintLists(client: QueryClient, memberId: string, lists: FirstPaintLists): void {
  for (const name of FIRST_PAINT_LISTS) {
    const page = lists[name];
    if (page) client.setQueryData(memberListQuery(name, memberId).queryKey, { pages: [page], pageParams: [null] });
  }
}
