import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { testListItem } from '../../test-support/test-fixtures';
import { ResultsList } from './results-list';

const members = ['mber_demoAvaChen', 'mber_demoNoUser', 'mber_demoLeftUser'].map(testListItem);

function setup() {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: (
          <>
            <input type="search" aria-label="Search members" data-search-input />
            <ResultsList members={members} />
          </>
        ),
      },
      { path: '/members/:id', element: <p>detail</p> },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} />);
  return { router, links: within(screen.getByRole('list', { name: 'Matching members' })).getAllByRole('link') };
}

describe('ResultsList', () => {
  it('shows name, username, email, status and spend for each member', () => {
    const { links } = setup();
    expect(links).toHaveLength(3);
    expect(links[0]).toHaveTextContent('Ava Chen');
    expect(links[0]).toHaveTextContent('@avachen · ava.chen@example.com');
    expect(links[0]).toHaveTextContent('Joined');
    expect(links[0]).toHaveTextContent('Total spent $1,234.50');
    expect(links[0]).toHaveAttribute('href', '/members/mber_demoAvaChen');
    expect(links[1]).toHaveTextContent('No Whop user linked');
    expect(links[2]).toHaveTextContent('Left');
  });

  it('arrow keys move between results; up from the first goes back to the search box; Enter opens', async () => {
    const { router, links } = setup();
    links[0]!.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(links[1]).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(links[2]).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(links[2]).toHaveFocus();
    await userEvent.keyboard('{Home}');
    expect(links[0]).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}');
    expect(screen.getByRole('searchbox', { name: 'Search members' })).toHaveFocus();
    links[2]!.focus();
    await userEvent.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe('/members/mber_demoLeftUser');
  });
});
