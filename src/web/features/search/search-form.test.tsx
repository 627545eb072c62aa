import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memberRoute } from '../../lib/member-route-link';
import { SearchForm } from './search-form';

function setup(variant: 'hero' | 'header' = 'hero', initial = '/') {
  const router = createMemoryRouter(
    [
      { path: '/', element: <SearchForm variant={variant} /> },
      { path: '/search', element: <SearchForm variant={variant} /> },
      { path: '/members/:id', element: <SearchForm variant={variant} /> },
    ],
    { initialEntries: [initial] },
  );
  render(<RouterProvider router={router} />);
  return { router, input: screen.getByRole('searchbox', { name: 'Search members' }) };
}

const path = (router: ReturnType<typeof setup>['router']) =>
  router.state.location.pathname + router.state.location.search;

afterEach(() => {
  vi.restoreAllMocks();
  memberRoute.current = undefined;
});

describe('SearchForm', () => {
  it('goes straight to the member for a member id, trimming it', async () => {
    const { router, input } = setup();
    await userEvent.type(input, '  mber_abc123  {Enter}');
    await waitFor(() => expect(path(router)).toBe('/members/mber_abc123'));
  });

  it('goes to the member in a pasted link', async () => {
    const { router, input } = setup();
    await userEvent.click(input);
    await userEvent.paste('https://whop.com/dashboard/biz_x/users/mber_abc123/');
    await userEvent.click(screen.getByRole('button', { name: 'Look up' }));
    await waitFor(() => expect(path(router)).toBe('/members/mber_abc123'));
  });

  it.each([
    ['mem_abc123', '/search?q=mem_abc123'],
    ['user_abc123', '/search?q=user_abc123'],
    ['ava@example.com', '/search?q=ava%40example.com'],
    ['@avachen', '/search?q=avachen'],
    ['Ava   Chen', '/search?q=Ava+Chen'],
  ])('sends %j to the search page', async (typed, expected) => {
    const { router, input } = setup();
    await userEvent.type(input, `${typed}{Enter}`);
    await waitFor(() => expect(path(router)).toBe(expected));
  });

  it('explains invalid input inline and stays put', async () => {
    const { router, input } = setup();
    await userEvent.type(input, 'biz_abc123{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('company id');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/company id/);
    expect(path(router)).toBe('/');
    await userEvent.type(input, 'x');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Esc clears the box and any error', async () => {
    const { input } = setup();
    await userEvent.type(input, '<b>{Enter}');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await userEvent.type(input, '{Escape}');
    expect(input).toHaveValue('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the header box shows the search of the page it is on, and empties after opening a member', async () => {
    const { router, input } = setup('header', '/search?q=ava');
    expect(input).toHaveValue('ava');
    await userEvent.clear(input);
    await userEvent.type(input, 'mber_abc{Enter}');
    await waitFor(() => expect(path(router)).toBe('/members/mber_abc'));
    expect(input).toHaveValue('');
  });

  it('asks the member route to fetch a pasted member id before Enter', async () => {
    // The app hands the route's loader in (app/member-route-loader.ts); here, a stand-in.
    const prefetch = vi.fn(async () => {});
    memberRoute.current = async () => ({ prefetch });
    const { input } = setup();
    await userEvent.click(input);
    await userEvent.paste('mber_demoAvaChen');
    await waitFor(() => expect(prefetch).toHaveBeenCalledWith('member', 'mber_demoAvaChen'));
  });
});
