import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer } from '../../lib/announcer';
import { readRecent, recordLookup } from '../../lib/recent-lookups-store';
import RecentLookups from './recent-lookups';

function setup() {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: (
          <>
            <RecentLookups />
            <Announcer />
          </>
        ),
      },
      { path: '/members/:id', element: <p>detail</p> },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('RecentLookups', () => {
  it('says what will appear when there is nothing yet', () => {
    setup();
    expect(screen.getByRole('heading', { name: 'Recent lookups' })).toBeInTheDocument();
    expect(screen.getByText(/Members you open appear here/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear all' })).toBeNull();
  });

  it('lists members newest first with id and time, each one click from its page', async () => {
    // The clock stands still (timers stay real), so however long the render takes, "5 seconds
    // ago" cannot round up to 6.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-03-01T12:00:00Z'));
    recordLookup({ id: 'mber_demoAvaChen', name: 'Ava Chen' }, Date.now() - 3 * 60_000);
    recordLookup({ id: 'mber_demoWhale', name: 'Harriet Okafor' }, Date.now() - 5_000);
    const router = setup();
    const items = within(screen.getByRole('list', { name: 'Recent lookups' })).getAllByRole('link');
    expect(items.map((a) => a.textContent)).toEqual([
      expect.stringMatching(/^Harriet Okafor.*mber_demoWhale.*5 seconds ago$/),
      expect.stringMatching(/^Ava Chen.*mber_demoAvaChen.*3 minutes ago$/),
    ]);
    await userEvent.click(items[1]!);
    expect(router.state.location.pathname).toBe('/members/mber_demoAvaChen');
  });

  it('clears all, says so, and keeps focus in the section', async () => {
    recordLookup({ id: 'mber_demoAvaChen', name: 'Ava Chen' });
    setup();
    await userEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(screen.queryByRole('list', { name: 'Recent lookups' })).toBeNull();
    expect(readRecent()).toEqual([]);
    expect(screen.getByRole('heading', { name: 'Recent lookups' })).toHaveFocus();
    expect(await screen.findByText('Recent lookups cleared')).toBeInTheDocument();
  });
});
