import { queryOptions } from '@tanstack/react-query';
import { fetchMember } from '../../lib/api/fetch-member';

/** A member seen in the last minute renders at once, with no request. */
export const MEMBER_STALE_TIME_MS = 60_000;

/**
 * The one description of "member by id", shared by the route loader and the page. With
 * `fresh`, the fetch asks the server to skip its own cache: Refresh uses it, through
 * `fetchQuery`; every fetch the app makes by itself (loader, prefetch, refetch on
 * reconnect) uses the plain one.
 */
export function memberQuery(id: string, { fresh = false }: { fresh?: boolean } = {}) {
  return queryOptions({
    queryKey: ['member', id] as const,
    queryFn: ({ signal }) => fetchMember(id, signal, { fresh }),
    staleTime: MEMBER_STALE_TIME_MS,
  });
}
