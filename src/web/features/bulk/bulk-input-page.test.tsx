import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bulkApiPath } from '../../../contract/api-paths';
import type { PageMeta } from '../../../contract/app-meta';
import { AppMetaContext } from '../../lib/app-meta-context';
import { BULK_PATH, BULK_ROUTES } from '../../lib/app-urls';
import { queryClient } from '../../lib/query-client';
import { bulkList, LIST_ID, pending } from '../../test-support/bulk-fixtures';
import { fakeApi } from '../../test-support/test-helpers';
import { Component as BulkRoute } from './bulk-route';

const LIVE: PageMeta = { mode: 'live', demoMembers: [], signedInAs: null };

function renderForm(meta: PageMeta = LIVE) {
  const router = createMemoryRouter([{ path: `/${BULK_ROUTES}`, element: <BulkRoute /> }], {
    initialEntries: [BULK_PATH],
  });
  render(
    <AppMetaContext value={meta}>
      <RouterProvider router={router} />
    </AppMetaContext>,
  );
  return { router, textarea: screen.getByRole('textbox', { name: 'Members to look up' }) };
}

/** Puts text in the textarea at once (typing 1,001 lines key by key takes minutes). */
const fill = (textarea: HTMLElement, text: string) => fireEvent.change(textarea, { target: { value: text } });

afterEach(() => {
  queryClient.clear();
  vi.restoreAllMocks();
});

describe('the bulk form', () => {
  it('sends the normalised lines and opens the new list', async () => {
    const { requests } = fakeApi({
      [`POST ${bulkApiPath()}`]: { status: 201, body: bulkList([pending(0, 'mber_a'), pending(1, 'ava@example.com')]) },
    });
    const { router, textarea } = renderForm();
    fill(textarea, '  mber_a \n\n"ava@example.com"\n');
    expect(screen.getByText(/^2 lines\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Look up all' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/bulk/${LIST_ID}`));
    expect(requests[0]).toEqual({
      method: 'POST',
      path: bulkApiPath(),
      body: { lines: ['mber_a', 'ava@example.com'] },
    });
    // The list's page starts from the answer it was given, without asking again first.
    expect(await screen.findByRole('progressbar', { name: 'Lookup progress' })).toBeInTheDocument();
  });

  it('refuses 1,001 lines before sending anything, keeping the text', async () => {
    const { calls } = fakeApi({});
    const { textarea } = renderForm();
    const text = Array.from({ length: 1001 }, (_, i) => `mber_${i}`).join('\n');
    fill(textarea, text);
    await userEvent.click(screen.getByRole('button', { name: 'Look up all' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      '1,001 lines: a list holds at most 1,000. Split it and look up the rest after.',
    );
    expect(calls).toEqual([]);
    expect(textarea).toHaveValue(text);
  });

  it('refuses a line that is too long, naming it', async () => {
    fakeApi({});
    const { textarea } = renderForm();
    fill(textarea, `mber_a\n${'x'.repeat(513)}`);
    await userEvent.click(screen.getByRole('button', { name: 'Look up all' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Line 2 is 513 characters long');
  });

  it.each([
    [409, 'bulk_list_running', 'You already have a list running; wait for it or cancel it.'],
    [413, 'bulk_too_large', 'A list holds at most 1,000 lines.'],
    [400, 'invalid_query', 'Line 3 cannot be looked up.'],
  ])('shows the server’s refusal (%d %s) as an alert and keeps the text', async (status, code, message) => {
    fakeApi({ [`POST ${bulkApiPath()}`]: { status, body: { error: { code, message } } } });
    const { textarea } = renderForm();
    fill(textarea, 'mber_a\nmber_b');
    await userEvent.click(screen.getByRole('button', { name: 'Look up all' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(textarea).toHaveValue('mber_a\nmber_b');
  });

  it('links to the list a 409 says is running', async () => {
    const id = '3b241101-e2bb-4255-8caf-4136c566a962';
    const message = `You already have a list running (${id}). Wait for it to finish or cancel it, then start another.`;
    fakeApi({ [`POST ${bulkApiPath()}`]: { status: 409, body: { error: { code: 'bulk_list_running', message } } } });
    const { textarea } = renderForm();
    fill(textarea, 'mber_a');
    await userEvent.click(screen.getByRole('button', { name: 'Look up all' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: 'Open the running list' })).toHaveAttribute('href', `/bulk/${id}`);
  });

  it('reads the id or email column of a picked CSV file into the textarea', async () => {
    const { textarea } = renderForm();
    const file = new File(['Name,Email\r\nAva,ava@example.com\r\n"Weber, M",marcus@example.de\r\n'], 'export.csv', {
      type: 'text/csv',
    });
    await userEvent.upload(screen.getByLabelText('choose a file'), file);
    await waitFor(() => expect(textarea).toHaveValue('ava@example.com\nmarcus@example.de'));
  });

  it('reads a dropped text file, and refuses another kind', async () => {
    const { textarea } = renderForm();
    const zone = screen.getByTestId('drop-zone');
    fireEvent.drop(zone, {
      dataTransfer: { files: [new File(['mber_a\nmber_b\n'], 'ids.txt', { type: 'text/plain' })] },
    });
    await waitFor(() => expect(textarea).toHaveValue('mber_a\nmber_b'));
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['x'], 'photo.png', { type: 'image/png' })] } });
    expect(await screen.findByRole('alert')).toHaveTextContent('photo.png is not a .csv or .txt file.');
    expect(textarea).toHaveValue('mber_a\nmber_b');
  });

  it('offers demo members only on demo data', async () => {
    renderForm();
    expect(screen.queryByRole('button', { name: 'Try with demo members' })).toBeNull();
  });

  it('fills the textarea with a mixed demo list', async () => {
    const { textarea } = renderForm({
      mode: 'demo',
      demoMembers: [
        { id: 'mber_demoAvaChen', label: 'Ava Chen' },
        { id: 'mber_demoSlow', label: 'A slow answer (2 s)' },
        { id: 'mber_demoMissing', label: 'A member that does not exist' },
      ],
      signedInAs: null,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Try with demo members' }));
    expect(textarea).toHaveValue(
      ['mber_demoAvaChen', 'Ava Chen', 'mber_demoSlow', 'not a member id!', 'mber_demoMissing'].join('\n'),
    );
  });
});
