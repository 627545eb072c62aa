import { infiniteQueryOptions, type QueryClient } from '@tanstack/react-query';
import type { FirstPaintHistory } from '../../../../contract/first-paint';
import { fetchMemberPayments, fetchMemberTokenTransactions } from '../../../lib/api/fetch-history';
import { MEMBER_STALE_TIME_MS } from '../member-query';

// Keyed under the member (`['member', id, …]`), so Refresh refetches them with it; stale
// after the member's minute, so a revisit within it asks for nothing. No abort signal:
// leaving the page mid-load must not throw away an answer a revisit would reuse.

/** A member's payments, page by page. */
export function paymentsQuery(memberId: string) {
  return infiniteQueryOptions({
    queryKey: ['member', memberId, 'payments'] as const,
    queryFn: ({ pageParam }) => fetchMemberPayments(memberId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: MEMBER_STALE_TIME_MS,
  });
}

/** A member's token transactions, page by page. */
export function tokenTransactionsQuery(memberId: string) {
  return infiniteQueryOptions({
    queryKey: ['member', memberId, 'token-transactions'] as const,
    queryFn: ({ pageParam }) => fetchMemberTokenTransactions(memberId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: MEMBER_STALE_TIME_MS,
  });
}

/**
 * The lists' first pages, as if the panels had fetched them: from a deep link's page, which the
 * server rendered with them (first-paint.tsx, member-page.tsx). A list it did not have stays
 * unasked, and its panel loads it.
 */
export function seedHistory(client: QueryClient, memberId: string, history: FirstPaintHistory): void {
  if (history.payments) {
    client.setQueryData(paymentsQuery(memberId).queryKey, { pages: [history.payments], pageParams: [null] });
  }
  if (history.tokens) {
    client.setQueryData(tokenTransactionsQuery(memberId).queryKey, { pages: [history.tokens], pageParams: [null] });
  }
}
