import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../lib/query-client';
import {
  FIXTURE_NOW,
  testMember as member,
  testMembershipsOf as membershipsOf,
} from '../../../test-support/test-fixtures';
import { fakeApi } from '../../../test-support/test-helpers';
import { MembershipsPanel } from './memberships-panel';

const now = FIXTURE_NOW;

function show(id: string) {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MembershipsPanel member={member(id)} />
    </QueryClientProvider>,
  );
  return screen.getByRole('region', { name: 'Memberships' });
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('MembershipsPanel', () => {
  it('asks for nothing until the page lets it load, then lists them in the same region', async () => {
    const api = fakeApi({
      '/api/members/mber_demoNoEmail/memberships': {
        body: { data: membershipsOf('mber_demoNoEmail'), next_cursor: null },
      },
    });
    const client = createQueryClient();
    const view = (load: boolean) => (
      <QueryClientProvider client={client}>
        <MembershipsPanel member={member('mber_demoNoEmail')} load={load} />
      </QueryClientProvider>
    );
    const { rerender } = render(view(false));
    const panel = screen.getByRole('region', { name: 'Memberships' });
    expect(within(panel).getByRole('status')).toHaveTextContent('Loading memberships…');
    expect(api.calls).toEqual([]);
    rerender(view(true));
    expect(await within(panel).findAllByRole('listitem')).not.toHaveLength(0);
    expect(api.calls).toEqual(['/api/members/mber_demoNoEmail/memberships']);
  });

  it('lists product, plan, status, renewal period end and cancel at period end', async () => {
    vi.setSystemTime(now);
    fakeApi({
      '/api/members/mber_demoNoEmail/memberships': {
        body: { data: membershipsOf('mber_demoNoEmail'), next_cursor: null },
      },
    });
    const panel = show('mber_demoNoEmail');
    expect(within(panel).getByRole('status')).toHaveTextContent('Loading memberships…');
    const item = (await within(panel).findAllByRole('listitem'))[0]!;
    expect(within(item).getByRole('heading', { level: 3 })).toHaveTextContent('Northwind Pro');
    expect(item).toHaveTextContent('Canceling');
    expect(item).toHaveTextContent('Planplan_demoProMonthly');
    expect(item).toHaveTextContent('Renewal period endsJun 9, 2026');
    expect(item).toHaveTextContent('Cancels at period endYes');
  });

  it('says when a membership does not renew', async () => {
    fakeApi({
      '/api/members/mber_demoSplitPay/memberships': {
        body: { data: membershipsOf('mber_demoSplitPay'), next_cursor: null },
      },
    });
    const panel = show('mber_demoSplitPay');
    expect(await within(panel).findByText('Does not renew')).toBeInTheDocument();
  });

  it('degrades to a clear notice when the key may not read memberships (403)', async () => {
    fakeApi({
      '/api/members/mber_demoRestricted/memberships': {
        status: 502,
        body: {
          error: {
            code: 'upstream_forbidden',
            message:
              "This dashboard's API key lacks a permission Whop requires. Grant the key: member:basic:read, member:email:read.",
          },
        },
      },
    });
    const panel = show('mber_demoRestricted');
    const note = await within(panel).findByRole('note', { name: 'Memberships unavailable' });
    expect(note).toHaveTextContent('Memberships are hidden from this dashboard.');
    expect(note).toHaveTextContent('member:basic:read, member:email:read');
    expect(within(panel).queryByRole('button')).toBeNull();
  });

  it('offers to try again after another failure', async () => {
    const { calls } = fakeApi({
      '/api/members/mber_demoAvaChen/memberships': {
        status: 404,
        body: { error: { code: 'member_not_found', message: 'Gone.' } },
      },
    });
    const panel = show('mber_demoAvaChen');
    expect(await within(panel).findByRole('alert')).toHaveTextContent('Could not load memberships.');
    await userEvent.click(within(panel).getByRole('button', { name: 'Try again' }));
    expect(calls.length).toBe(2);
  });

  it('says so when there are none, and why for a member without a user', async () => {
    fakeApi({
      '/api/members/mber_demoMarcusWeber/memberships': { body: { data: [], next_cursor: null } },
      '/api/members/mber_demoNoUser/memberships': { body: { data: [], next_cursor: null } },
    });
    expect(
      await within(show('mber_demoMarcusWeber')).findByText('No memberships in this company.'),
    ).toBeInTheDocument();
    cleanup();
    expect(await within(show('mber_demoNoUser')).findByText(/has no Whop user/)).toBeInTheDocument();
  });

  it('pages with the cursor', async () => {
    const [first, second] = membershipsOf('mber_demoWhale');
    fakeApi({
      '/api/members/mber_demoWhale/memberships': { body: { data: [first], next_cursor: 'c2' } },
      '/api/members/mber_demoWhale/memberships?cursor=c2': { body: { data: [second], next_cursor: null } },
    });
    const panel = show('mber_demoWhale');
    await userEvent.click(await within(panel).findByRole('button', { name: 'Show more memberships' }));
    expect(await within(panel).findAllByRole('listitem')).toHaveLength(2);
    expect(within(panel).queryByRole('button', { name: 'Show more memberships' })).toBeNull();
  });
});
