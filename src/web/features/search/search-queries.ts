import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchMemberSearch } from '../../lib/api/fetch-directory';

/** Search results stay fresh briefly: going back to a results list shows it at once. */
export const SEARCH_STALE_TIME_MS = 30_000;

/** Members matching one search, page by page with the API's cursor. */
export function memberSearchQuery(query: string) {
  return infiniteQueryOptions({
    queryKey: ['member-search', query] as const,
    queryFn: ({ pageParam, signal }) => fetchMemberSearch(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: SEARCH_STALE_TIME_MS,
  });
}
