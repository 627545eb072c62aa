import { queryOptions } from '@tanstack/react-query';
import type { BulkList } from '../../../contract/bulk';
import { fetchBulkList } from './bulk-api';
import { mergeList } from './bulk-merge';

/** How often a running list is asked for its changes. */
export const BULK_POLL_MS = 1000;

export const bulkListKey = (id: string) => ['bulk-list', id] as const;

/**
 * One list, kept current while it runs: each poll asks only for the rows changed since the
 * version held and merges them in. A reload starts with nothing held, so its first fetch
 * brings every row. Polling stops once the list is done, cancelled or stalled; a retry's
 * answer (set into the cache) starts it again.
 */
export function bulkListQuery(id: string) {
  return queryOptions({
    queryKey: bulkListKey(id),
    queryFn: async ({ signal, client, queryKey }) => {
      const since = client.getQueryData<BulkList>(queryKey)?.version ?? null;
      const next = await fetchBulkList(id, since, signal);
      // Read again: a cancel's or retry's answer may have been merged while this one was out.
      return mergeList(client.getQueryData<BulkList>(queryKey), next);
    },
    refetchInterval: (query) => (query.state.data?.state === 'running' ? BULK_POLL_MS : false),
    // The list changes only through polls and our own actions: no refetch on mount or focus.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
