import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchMemberMemberships } from '../../../lib/api/fetch-directory';
import { MEMBER_STALE_TIME_MS } from '../member-query';

/**
 * A member's memberships, page by page. The key sits under the member's own, so
 * refreshing the member (`['member', id]`) refreshes these too.
 */
export function membershipsQuery(memberId: string) {
  return infiniteQueryOptions({
    queryKey: ['member', memberId, 'memberships'] as const,
    // No abort signal on purpose: leaving the page before the memberships arrive must not
    // cancel the request, or coming back within the minute would ask Whop again.
    queryFn: ({ pageParam }) => fetchMemberMemberships(memberId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: MEMBER_STALE_TIME_MS,
  });
}
