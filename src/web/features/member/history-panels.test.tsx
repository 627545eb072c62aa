import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testMember } from '../../test-support/test-fixtures';
import type { PaymentsQuery } from './history/payments-panel';
import type { TokenTransactionsQuery } from './history/token-history-panel';
import { HistoryPanels } from './history-panels';
import { HistoryPlaceholder } from './member-layout';

/** What useInfiniteQuery gives a panel before its first page is in. */
const pending = {
  isPending: true,
  isError: false,
  error: null,
  data: undefined,
  hasNextPage: false,
  isFetchingNextPage: false,
  refetch: async () => undefined,
  fetchNextPage: async () => undefined,
} as unknown as PaymentsQuery & TokenTransactionsQuery;

describe('HistoryPlaceholder', () => {
  it('is exactly the loading panels it stands in for, so nothing moves when they take over', () => {
    const placeholder = render(<HistoryPlaceholder />).container.innerHTML;
    const loading = render(
      <HistoryPanels member={testMember('mber_demoAvaChen')} payments={pending} tokens={pending} />,
    ).container.innerHTML;
    expect(placeholder).toContain('Loading payments…');
    expect(placeholder).toBe(loading);
  });
});
