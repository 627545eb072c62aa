import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bulkCancelApiPath, bulkListApiPath, bulkRetryApiPath } from '../../../contract/api-paths';
import type { BulkRow } from '../../../contract/bulk';
import { Announcer } from '../../lib/announcer';
import { BULK_ROUTES, bulkListPath } from '../../lib/app-urls';
import { queryClient } from '../../lib/query-client';
import { bulkList, bulkMember, LIST_ID, pending } from '../../test-support/bulk-fixtures';
import { fakeApi } from '../../test-support/test-helpers';
import { Component as BulkRoute } from './bulk-route';

function renderList(id = LIST_ID) {
  const router = createMemoryRouter(
    [
      { path: `/${BULK_ROUTES}`, element: <BulkRoute /> },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [bulkListPath(id)] },
  );
  render(
    <>
      <RouterProvider router={router} />
      <Announcer />
    </>,
  );
  return router;
}

const ava: BulkRow = {
  index: 0,
  input: 'ava@example.com',
  version: 2,
  outcome: 'found',
  member: bulkMember({ id: 'mber_ava', name: 'Ava Chen', email: 'ava@example.com', usd_total_spent: 1234.5 }),
};
const several: BulkRow = {
  index: 1,
  input: 'Ava',
  version: 3,
  outcome: 'ambiguous',
  matches: 10,
  more: true,
  query: 'Ava',
};
const gone: BulkRow = { index: 2, input: 'mber_gone', version: 4, outcome: 'not_found' };
const slow: BulkRow = { index: 3, input: 'mber_slow', version: 5, outcome: 'failed', message: 'Whop took too long.' };

// jsdom lays nothing out: give the table's scrolling box a size, so the virtualiser shows rows.
const sizes = ['clientHeight', 'clientWidth'] as const;
beforeAll(() => {
  for (const size of sizes) Object.defineProperty(HTMLElement.prototype, size, { configurable: true, value: 800 });
});
afterAll(() => {
  for (const size of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[size];
});
afterEach(() => {
  queryClient.clear();
  vi.restoreAllMocks();
});

describe('a running list', () => {
  it('shows its progress, time left, a pause Whop asked for, and its rows so far', async () => {
    const list = bulkList([ava, several, pending(2, 'mber_gone', 1)], {
      version: 3,
      eta_seconds: 95,
      paused_until: new Date(Date.now() + 4_000).toISOString(),
    });
    fakeApi({ [bulkListApiPath(LIST_ID)]: { body: list }, [bulkListApiPath(LIST_ID, 3)]: { body: list } });
    renderList();

    const bar = await screen.findByRole('progressbar', { name: 'Lookup progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '2');
    expect(bar).toHaveAttribute('aria-valuemax', '3');
    expect(screen.getByText('2 of 3 done, about 2 min left')).toBeInTheDocument();
    expect(
      screen.getByText(
        (_, element) => /^Whop asked us to slow down; resuming in [1-4] s$/.test(element?.textContent ?? ''),
        {
          selector: 'p',
        },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry failed rows' })).toBeNull();

    const table = screen.getByRole('table', { name: 'Members looked up' });
    expect(table).toHaveAttribute('aria-rowcount', '4');
    expect(within(table).getByRole('link', { name: 'Ava Chen' })).toHaveAttribute('href', '/members/mber_ava');
    expect(within(table).getByRole('link', { name: '10+ matches' })).toHaveAttribute('href', '/search?q=Ava');
    expect(within(table).getByText('$1,234.50')).toBeInTheDocument();
    expect(within(table).getByText('Waiting')).toBeInTheDocument();
  });

  it('polls for the rows changed since the version it holds, merges them, stops when done and says so', async () => {
    const first = bulkList([ava, pending(1, 'Ava', 1), pending(2, 'mber_gone', 1)], { version: 2 });
    const last = bulkList([several, gone], { version: 4, state: 'done', counts: { ...first.counts, done: 3 } });
    const { calls } = fakeApi({
      [bulkListApiPath(LIST_ID)]: { body: first },
      [bulkListApiPath(LIST_ID, 2)]: { body: last },
    });
    renderList();

    await screen.findByRole('heading', { name: 'Lookup finished' }, { timeout: 3_000 });
    expect(calls).toEqual([bulkListApiPath(LIST_ID), bulkListApiPath(LIST_ID, 2)]);
    const table = screen.getByRole('table', { name: 'Members looked up' });
    expect(within(table).getByRole('link', { name: 'Ava Chen' })).toBeInTheDocument();
    expect(await within(table).findByText('Not found')).toBeInTheDocument();
    expect(screen.getByText('1 with access, 0 without, 1 not found, 1 with several matches.')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('announcer')).toHaveTextContent(
        'Lookup finished: 1 with access, 0 without, 1 not found, 1 with several matches.',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(calls).toHaveLength(2);
  });

  it('cancels', async () => {
    const list = bulkList([ava, pending(1)], { version: 2 });
    const cancelled = bulkList([{ ...pending(1), outcome: 'cancelled', version: 3 }], {
      version: 3,
      state: 'cancelled',
      counts: { ...list.counts, cancelled: 1, done: 2 },
    });
    const { requests } = fakeApi({
      [bulkListApiPath(LIST_ID)]: { body: list },
      [bulkListApiPath(LIST_ID, 2)]: { body: list },
      [`POST ${bulkCancelApiPath(LIST_ID)}`]: { body: cancelled },
    });
    renderList();
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await screen.findByRole('heading', { name: 'Lookup cancelled' });
    expect(requests.some((r) => r.method === 'POST' && r.path === bulkCancelApiPath(LIST_ID))).toBe(true);
    expect(screen.getByRole('button', { name: 'Retry failed rows' })).toBeInTheDocument();
  });
});

describe('a finished list', () => {
  it('offers to retry its failed rows and follows the list as it runs again', async () => {
    const done = bulkList([ava, slow], { version: 5, state: 'done' });
    const again = bulkList([{ ...pending(3, 'mber_slow', 6) }], {
      version: 6,
      state: 'running',
      counts: { ...done.counts, failed: 0, done: 1 },
    });
    const { requests, calls } = fakeApi({
      [bulkListApiPath(LIST_ID)]: { body: done },
      [`POST ${bulkRetryApiPath(LIST_ID)}`]: { body: again },
      [bulkListApiPath(LIST_ID, 6)]: { body: again },
    });
    renderList();
    expect(await screen.findByText('Whop took too long.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry failed rows' }));
    await screen.findByRole('heading', { name: 'Looking up members…' });
    expect(requests.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', path: bulkRetryApiPath(LIST_ID), body: {} },
    ]);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    // Polling starts again, from the version the retry answered with.
    await waitFor(() => expect(calls).toContain(bulkListApiPath(LIST_ID, 6)), { timeout: 2_500 });
  });

  it('sorts by a column and filters by result', async () => {
    fakeApi({ [bulkListApiPath(LIST_ID)]: { body: bulkList([slow, gone, ava, several], { state: 'done' }) } });
    renderList();
    const table = await screen.findByRole('table', { name: 'Members looked up' });
    const inputs = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => (row as HTMLTableRowElement).cells[0]?.textContent);
    // The pasted order (by index), whatever order the answer listed them in.
    expect(inputs()).toEqual(['ava@example.com', 'Ava', 'mber_gone', 'mber_slow']);

    await userEvent.click(within(table).getByRole('button', { name: /^Input/ }));
    expect(within(table).getByRole('columnheader', { name: /^Input/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(inputs()).toEqual(['Ava', 'ava@example.com', 'mber_gone', 'mber_slow']);

    await userEvent.click(within(table).getByRole('button', { name: /^Input/ }));
    expect(within(table).getByRole('columnheader', { name: /^Input/ })).toHaveAttribute('aria-sort', 'descending');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Result' }), 'not_found');
    expect(inputs()).toEqual(['mber_gone']);
    expect(screen.getByText('Showing 1 of 4 rows.')).toBeInTheDocument();
  });

  it('renders only the rows in view of a 1,000-row list, with their positions', async () => {
    const rows = Array.from({ length: 1000 }, (_, i): BulkRow => ({ ...gone, index: i, input: `mber_x${i}` }));
    fakeApi({ [bulkListApiPath(LIST_ID)]: { body: bulkList(rows, { state: 'done' }) } });
    renderList();
    const table = await screen.findByRole('table', { name: 'Members looked up' });
    expect(table).toHaveAttribute('aria-rowcount', '1001');
    const shown = within(table).getAllByRole('row');
    expect(shown.length).toBeLessThan(60);
    expect(shown[1]).toHaveAttribute('aria-rowindex', '2');
  });
});

describe('a stalled list', () => {
  it('says the server stopped, how many rows were not done, and runs them', async () => {
    const stalled = bulkList([ava, pending(1), { ...pending(2), outcome: 'cancelled' }], {
      version: 4,
      state: 'stalled',
    });
    const { requests } = fakeApi({
      [bulkListApiPath(LIST_ID)]: { body: stalled },
      [`POST ${bulkRetryApiPath(LIST_ID)}`]: { body: { ...stalled, state: 'running', version: 5 } },
      [bulkListApiPath(LIST_ID, 5)]: { body: { ...stalled, state: 'running', version: 5, rows: [] } },
    });
    renderList();
    expect(await screen.findByText('The server running this list stopped; 2 rows were not done.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Run the 2 rows not done' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')?.path).toBe(bulkRetryApiPath(LIST_ID));
  });
});

describe('a list that is gone', () => {
  it('says so plainly and links to a new list', async () => {
    fakeApi({
      [bulkListApiPath(LIST_ID)]: {
        status: 404,
        body: { error: { code: 'bulk_list_gone', message: 'No such list.' } },
      },
    });
    renderList();
    expect(await screen.findByRole('heading', { name: 'This list is gone' })).toBeInTheDocument();
    expect(screen.getByText(/kept for an hour/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start a new list' })).toHaveAttribute('href', '/bulk');
  });

  it('asks nothing for an address that is not a list’s', async () => {
    const { calls } = fakeApi({});
    renderList('not-a-list');
    expect(await screen.findByRole('heading', { name: 'This list is gone' })).toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});
