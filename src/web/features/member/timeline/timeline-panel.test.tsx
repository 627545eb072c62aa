import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { testPayment } from '../../../../contract/test-records';
import type { TokenTransaction } from '../../../../contract/token-transaction';
import { testMember } from '../../../test-support/test-fixtures';
import type { TimelineFilter } from './timeline-events';
import { TimelinePanel, type TimelineProps } from './timeline-panel';
import { TimelinePlaceholder } from './timeline-placeholder';

const member = { ...testMember('mber_demoAvaChen'), joined_at: '2020-01-01T00:00:00.000Z' };

/** What useInfiniteQuery gives the page: the pages loaded so far, and whether there are more. */
function query<T>(items: T[], hasNextPage = false) {
  return {
    data: { pages: [{ data: items, next_cursor: hasNextPage ? 'next' : null }], pageParams: [null] },
    isPending: false,
    isError: false,
    hasNextPage,
    isFetchingNextPage: false,
    fetchNextPage: vi.fn(async () => undefined),
  } as never;
}
const pending = { data: undefined, isPending: true, isError: false, hasNextPage: false } as never;

const token = (id: string, created_at: string): TokenTransaction => ({
  id,
  amount: 10,
  created_at,
  description: `Bonus ${id}`,
  transaction_type: 'add',
  linked_transaction_id: null,
  member: { id: member.id },
  user: { id: 'user_x' },
});

function Page(props: Omit<TimelineProps, 'filter' | 'onFilter'>) {
  const [filter, setFilter] = useState<TimelineFilter>('all');
  return <TimelinePanel {...props} filter={filter} onFilter={setFilter} />;
}

const rows = () =>
  within(screen.getByRole('list', { name: 'Events, newest first' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('TimelinePanel', () => {
  it('filters by kind with pressed toggle buttons', async () => {
    const paid = testPayment({ id: 'pay_a', paid_at: '2025-03-15T00:00:00.000Z' });
    render(
      <Page
        member={member}
        memberships={query([])}
        payments={query([paid])}
        tokens={query([token('tt_a', '2025-03-01T00:00:00.000Z')])}
      />,
    );
    const region = screen.getByRole('region', { name: 'Timeline' });
    expect(within(region).getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'true');
    expect(rows()).toHaveLength(3);
    expect(rows()[0]).toContain('Paid');
    expect(within(region).getByRole('link', { name: 'Paid' })).toHaveAttribute('href', '#payment-pay_a');

    await userEvent.click(within(region).getByRole('button', { name: 'Tokens' }));
    expect(within(region).getByRole('button', { name: 'Tokens' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(region).getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'false');
    expect(rows()).toEqual([expect.stringContaining('Tokens added · Bonus tt_a')]);
  });

  it('holds back what is older than a list with more pages, and Show older asks only such lists', async () => {
    const payments = query(
      [testPayment({ id: 'pay_a', created_at: '2025-03-15T00:00:00.000Z', paid_at: '2025-03-15T00:00:00.000Z' })],
      true,
    );
    const tokens = query([token('tt_new', '2025-04-01T00:00:00.000Z'), token('tt_old', '2025-03-01T00:00:00.000Z')]);
    render(<Page member={member} memberships={query([])} payments={payments} tokens={tokens} />);
    expect(rows()).toHaveLength(2);
    expect(screen.queryByText(/tt_old/)).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Show older' }));
    expect((payments as { fetchNextPage: () => void }).fetchNextPage).toHaveBeenCalledOnce();
    expect((tokens as { fetchNextPage: () => void }).fetchNextPage).not.toHaveBeenCalled();
  });

  it('waits for its lists in the placeholder’s markup, so nothing moves when its code arrives', () => {
    const placeholder = render(<TimelinePlaceholder />).container.innerHTML;
    const loading = render(<Page member={member} memberships={pending} payments={pending} tokens={pending} />).container
      .innerHTML;
    expect(loading).toBe(placeholder);
  });
});
