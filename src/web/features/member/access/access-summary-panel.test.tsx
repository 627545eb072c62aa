import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Membership } from '../../../../contract/membership';
import type { Payment } from '../../../../contract/payment';
import { testPayment } from '../../../../contract/test-records';
import { createQueryClient } from '../../../lib/query-client';
import {
  FIXTURE_NOW,
  testMember as member,
  testMembershipsOf as membershipsOf,
} from '../../../test-support/test-fixtures';
import { fakeApi } from '../../../test-support/test-helpers';
import { memberListQuery } from '../member-list-query';
import { AccessSummary, AccessSummaryPlaceholder } from './access-summary-panel';

const AVA = 'mber_demoAvaChen';

/** One of Ava's memberships, as the test needs it. */
function membership(fields: Partial<Membership>): Membership {
  return { ...membershipsOf('mber_demoWhale')[1]!, id: 'mem_x', member: { id: AVA }, ...fields };
}

function withMemberships(id: string, data: Membership[]) {
  return { [`/api/members/${id}/memberships`]: { body: { data, next_cursor: null } } };
}

/** The payments as the payments panel's query has them (the summary never asks for them). */
function seedPayments(client: QueryClient, id: string, data: Payment[]) {
  client.setQueryData(memberListQuery('payments', id).queryKey, {
    pages: [{ data, next_cursor: null }],
    pageParams: [null],
  });
}

function show(id: string, { load = true, client = createQueryClient() } = {}) {
  render(
    <QueryClientProvider client={client}>
      <AccessSummary member={member(id)} load={load} />
    </QueryClientProvider>,
  );
  return screen.getByRole('region', { name: 'Access summary' });
}

const VERDICT_WORDS = /has access|no access|past due|cannot tell/i;

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('AccessSummary', () => {
  it('while the memberships load, says it is checking and gives no verdict', () => {
    const api = fakeApi({});
    const region = show(AVA, { load: false });
    expect(within(region).getByRole('status')).toHaveTextContent('Checking access: the memberships are loading.');
    expect(region).not.toHaveTextContent(VERDICT_WORDS);
    expect(within(region).queryByRole('button', { name: 'Copy summary' })).toBeNull();
    expect(api.calls).toEqual([]);
  });

  it('while loading is exactly its placeholder, so nothing moves when the page swaps one for the other', () => {
    fakeApi({});
    const loading = render(
      <QueryClientProvider client={createQueryClient()}>
        <AccessSummary member={member(AVA)} load={false} />
      </QueryClientProvider>,
    ).container.innerHTML;
    expect(render(<AccessSummaryPlaceholder />).container.innerHTML).toBe(loading);
  });

  it('has access: names the product and when it renews, linking each fact to its membership row', async () => {
    vi.setSystemTime(FIXTURE_NOW);
    fakeApi(withMemberships(AVA, [membership({ id: 'mem_demoAvaPro', renewal_period_end: '2026-06-21T12:00:00Z' })]));
    const region = show(AVA);
    expect(await within(region).findByText('Has access')).toBeInTheDocument();
    expect(region).toHaveTextContent('Has access to Northwind Pro: active, renews on Jun 21, 2026.');
    const renews = within(region).getByRole('link', { name: 'Renews on Jun 21, 2026' });
    expect(renews).toHaveAttribute('href', '#membership-mem_demoAvaPro');
  });

  it('past due: says which payment failed and why, and warns of repeated failures', async () => {
    vi.setSystemTime(FIXTURE_NOW);
    fakeApi(withMemberships(AVA, [membership({ status: 'past_due' })]));
    const client = createQueryClient();
    seedPayments(client, AVA, [
      testPayment({
        id: 'pay_failed',
        created_at: '2026-05-28T10:00:00Z',
        status: 'open',
        substatus: 'failed',
        failure_message: 'Your card was declined.',
        last_payment_attempt: '2026-05-30T10:00:00Z',
        payments_failed: 3,
        membership: { id: 'mem_x' },
      }),
    ]);
    const region = show(AVA, { client });
    expect(await within(region).findByText('Past due')).toBeInTheDocument();
    expect(region).toHaveTextContent(
      'Past due on Northwind Pro: a payment failed on May 30, 2026 (“Your card was declined.”)',
    );
    const warnings = within(region).getByRole('list', { name: 'Warnings' });
    expect(within(warnings).getByRole('link', { name: '3 failed payment attempts' })).toHaveAttribute(
      'href',
      '#payment-pay_failed',
    );
  });

  it('no access: says how the membership ended', async () => {
    fakeApi(
      withMemberships(AVA, [
        membership({
          status: 'canceled',
          canceled_at: '2026-04-02T09:00:00Z',
          cancel_option: 'too_expensive',
          renewal_period_end: '2026-04-20T12:00:00Z',
        }),
      ]),
    );
    const region = show(AVA);
    expect(await within(region).findByText('No access')).toBeInTheDocument();
    expect(region).toHaveTextContent('No access: Northwind Pro was canceled on Apr 2, 2026 by the member.');
    expect(within(region).getByRole('link', { name: 'Reason picked: too expensive' })).toHaveAttribute(
      'href',
      '#membership-mem_x',
    );
  });

  it('cannot tell: a status Whop does not describe, and the other memberships in a line', async () => {
    fakeApi(withMemberships('mber_demoSplitPay', membershipsOf('mber_demoSplitPay')));
    const region = show('mber_demoSplitPay');
    expect(await within(region).findByText('Cannot tell')).toBeInTheDocument();
    expect(region).toHaveTextContent('Cannot tell: Trading Basics Course is “completed”');
  });

  it('several memberships: the one that grants access longest, then the others', async () => {
    vi.setSystemTime(FIXTURE_NOW);
    fakeApi(withMemberships('mber_demoWhale', membershipsOf('mber_demoWhale')));
    const region = show('mber_demoWhale');
    expect(await within(region).findByText('Has access')).toBeInTheDocument();
    expect(region).toHaveTextContent('Has access to Daily Signals');
    expect(region).toHaveTextContent('Also: Northwind Pro (active), Trading Basics Course (completed).');
  });

  it('forbidden: names the permission the key needs', async () => {
    fakeApi({
      '/api/members/mber_demoRestricted/memberships': {
        status: 502,
        body: { error: { code: 'upstream_forbidden', message: 'Grant the key: member:basic:read.' } },
      },
    });
    const region = show('mber_demoRestricted');
    expect(await within(region).findByText('Cannot tell')).toBeInTheDocument();
    expect(region).toHaveTextContent(
      'Cannot tell: the API key may not read memberships. Grant it member:basic:read and member:email:read.',
    );
  });

  it('another failure: says the memberships could not be loaded, not "no access"', async () => {
    fakeApi({
      [`/api/members/${AVA}/memberships`]: {
        status: 404,
        body: { error: { code: 'member_not_found', message: 'Gone.' } },
      },
    });
    const region = show(AVA);
    expect(await within(region).findByText('Cannot tell')).toBeInTheDocument();
    expect(region).toHaveTextContent('Cannot tell: the memberships could not be loaded.');
  });

  it('Copy summary puts the sentence, facts, others and warnings on the clipboard as plain text', async () => {
    vi.setSystemTime(FIXTURE_NOW);
    const user = userEvent.setup();
    fakeApi(
      withMemberships(AVA, [membership({ status: 'past_due' }), membership({ id: 'mem_old', status: 'expired' })]),
    );
    const client = createQueryClient();
    seedPayments(client, AVA, [
      testPayment({
        id: 'pay_failed',
        status: 'open',
        substatus: 'failed',
        failure_message: 'Card declined',
        last_payment_attempt: '2026-05-30T10:00:00Z',
        payments_failed: 2,
        membership: { id: 'mem_x' },
      }),
    ]);
    const region = show(AVA, { client });
    await user.click(await within(region).findByRole('button', { name: 'Copy summary' }));
    expect(await navigator.clipboard.readText()).toBe(
      [
        'Past due on Northwind Pro: a payment failed on May 30, 2026 (“Card declined”), and Whop retries it. ' +
          'Whether access continues meanwhile depends on your company’s setting.',
        '- Membership status: past due',
        '- Payment failed on May 30, 2026',
        '- Whop says: “Card declined”',
        '- 2 attempts failed',
        'Also: Northwind Pro (expired).',
        'Warning: 2 failed payment attempts',
      ].join('\n'),
    );
  });
});
