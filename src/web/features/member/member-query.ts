import { queryOptions } from '@tanstack/react-query';
import { fetchMember } from '../../api/fetch-member';

/** A member seen in the last minute renders at once, with no request. */
export const MEMBER_STALE_TIME_MS = 60_000;

/** The one description of "member by id", shared by the route loader and the page. */
export function memberQuery(id: string) {
  return queryOptions({
    queryKey: ['member', id] as const,
    queryFn: ({ signal }) => fetchMember(id, signal),
    staleTime: MEMBER_STALE_TIME_MS,
  });
}
