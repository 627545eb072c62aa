import { queryOptions } from '@tanstack/react-query';
import { fetchMembership } from './api/fetch-directory';

/** As long as search results stay fresh: a membership is only looked up to find its member. */
export const MEMBERSHIP_STALE_TIME_MS = 30_000;

/**
 * A membership, looked up to find its member: by the search route when someone searches
 * for a `mem_…` id, and by the member route when it fetches one ahead of Enter.
 */
export function membershipQuery(id: string) {
  return queryOptions({
    queryKey: ['membership', id] as const,
    queryFn: ({ signal }) => fetchMembership(id, signal),
    staleTime: MEMBERSHIP_STALE_TIME_MS,
  });
}
