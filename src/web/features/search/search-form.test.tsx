import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SearchForm } from './search-form';

function setup() {
  const router = createMemoryRouter(
    [
      { path: '/', element: <SearchForm variant="hero" /> },
      { path: '/members/:id', element: <p>detail</p> },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} />);
  return { router, input: screen.getByRole('searchbox', { name: 'Member id' }) };
}

describe('SearchForm', () => {
  it('navigates to the member on Enter, trimming the pasted id', async () => {
    const { router, input } = setup();
    await userEvent.type(input, '  mber_abc123  {Enter}');
    expect(router.state.location.pathname).toBe('/members/mber_abc123');
  });

  it('navigates with the button too', async () => {
    const { router, input } = setup();
    await userEvent.type(input, 'mber_abc123');
    await userEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect(router.state.location.pathname).toBe('/members/mber_abc123');
  });

  it('explains invalid input inline and stays put', async () => {
    const { router, input } = setup();
    await userEvent.type(input, 'mem_abc123{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('membership id');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/membership id/);
    expect(router.state.location.pathname).toBe('/');
    await userEvent.type(input, 'x');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
