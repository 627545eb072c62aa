import { QueryClient } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_META_TAGS, LIVE_META_TAG } from '../../../../contract/app-meta';
import { DEMO_SIMULATE_PATH } from '../../../../contract/demo-simulate';
import { MEMBER_LISTS } from '../../../../contract/member-lists';
import * as announcer from '../../../lib/announcer';
import { FakeSource, latest } from '../../../test-support/fake-event-source';
import { LIST_KEY_PATHS, LIVE_META, SIMULATE_PATH, startLive } from './live-member';

afterEach(() => {
  FakeSource.all = [];
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const MEMBER = 'mber_live1';

/** Starts the live module over a fresh client, with the page's slot rendered as the page would. */
function setUp({ meta = { [LIVE_META_TAG]: 'on' } as Record<string, string> } = {}) {
  const client = new QueryClient();
  const refetch = vi.spyOn(client, 'refetchQueries').mockResolvedValue(undefined);
  const say = vi.spyOn(announcer, 'announce').mockImplementation(() => {});
  let slot: ReactNode = null;
  const view = render(<div />);
  const renderSlot = (node: ReactNode) => {
    slot = node;
    view.rerender(<div data-testid="slot">{slot}</div>);
  };
  const stop = startLive({
    memberId: MEMBER,
    userId: 'user_42',
    render: (node) => act(() => renderSlot(node)),
    client,
    create: (url) => new FakeSource(url),
    random: () => 0.5,
    meta: (name) => meta[name] ?? null,
  });
  const refetchedKeys = () => refetch.mock.calls.map(([filters]) => filters?.queryKey);
  return { client, refetch, refetchedKeys, say, stop, slot: () => slot };
}

const change = (type: string) => ({ type, at: '2026-12-05T10:00:00.000Z' });

describe('startLive', () => {
  it("reads the contract's meta tags and list paths, and posts to its demo route", () => {
    expect(LIVE_META).toEqual({ live: LIVE_META_TAG, mode: APP_META_TAGS.mode });
    expect(SIMULATE_PATH).toBe(DEMO_SIMULATE_PATH);
    expect(LIST_KEY_PATHS).toEqual({
      memberships: MEMBER_LISTS.memberships.path,
      payments: MEMBER_LISTS.payments.path,
      tokenTransactions: MEMBER_LISTS.tokenTransactions.path,
    });
  });

  it('does nothing, not even connect, unless the server says webhooks are on', () => {
    const { slot } = setUp({ meta: {} });
    expect(FakeSource.all).toHaveLength(0);
    expect(slot()).toBeNull();
  });

  it("subscribes to the member's stream with its user id, and says Live once ready", () => {
    setUp();
    expect(latest().url).toBe(`/api/members/${MEMBER}/live?user=user_42`);
    expect(screen.queryByText('Live')).toBeNull();
    act(() => latest().send('ready', {}));
    expect(screen.getByTestId('live-line')).toHaveTextContent('Live: this page updates itself');
  });

  it('refetches the parts a change names, then notes it, marks what changed and announces it', async () => {
    const { refetchedKeys, say } = setUp();
    act(() => latest().send('ready', {}));
    // The payments panel as the page shows it, with one row; the refetch brings a second.
    document.body.insertAdjacentHTML(
      'beforeend',
      '<section aria-labelledby="payments-heading"><h2 id="payments-heading">Payments</h2><ul><li id="payment-pay_1">$10</li></ul></section>',
    );
    const list = document.querySelector('section ul')!;
    await act(async () => {
      latest().send('change', change('payment.succeeded'));
      list.insertAdjacentHTML('afterbegin', '<li id="payment-pay_2">$25</li>');
    });
    expect(refetchedKeys()).toEqual([
      ['member', MEMBER],
      ['member', MEMBER, 'payments'],
      ['member', MEMBER, 'memberships'],
    ]);
    expect(await screen.findByTestId('live-note')).toHaveTextContent('New payment, just now');
    expect(say).toHaveBeenCalledWith('New payment: the page is updated.');
    expect(document.getElementById('payment-pay_2')).toHaveAttribute('data-live-changed');
    expect(document.getElementById('payment-pay_1')).not.toHaveAttribute('data-live-changed');
    document.querySelector('section')?.remove();
  });

  it('refetches only the member and memberships for a membership change', async () => {
    const { refetchedKeys } = setUp();
    await act(async () => latest().send('change', change('membership.deactivated')));
    expect(refetchedKeys()).toEqual([
      ['member', MEMBER],
      ['member', MEMBER, 'memberships'],
    ]);
    expect(await screen.findByTestId('live-note')).toHaveTextContent('Membership deactivated, just now');
  });

  const ALL_PARTS = [
    ['member', MEMBER],
    ['member', MEMBER, 'memberships'],
    ['member', MEMBER, 'payments'],
    ['member', MEMBER, 'token-transactions'],
  ];
  const t = (seconds: number) => new Date(Date.UTC(2026, 11, 5, 10, 0, seconds)).toISOString();

  it.each([
    ['no change in the last hour', { now: t(0), changed_at: null }, { now: t(30), changed_at: null }, []],
    ['a change before the page last heard', { now: t(30), changed_at: t(0) }, { now: t(60), changed_at: t(0) }, []],
    ['a change while it was down', { now: t(0), changed_at: null }, { now: t(60), changed_at: t(40) }, ALL_PARTS],
    // Another instance's clock may be a little behind: a change just before counts.
    [
      'a change a second before it last heard',
      { now: t(30), changed_at: null },
      { now: t(60), changed_at: t(29) },
      ALL_PARTS,
    ],
    ['an older server that says nothing', {}, {}, []],
  ])('drops "Live" while down; back, it refetches everything only after %s', (_what, first, second, expected) => {
    vi.useFakeTimers();
    const { refetchedKeys } = setUp();
    act(() => latest().send('ready', first));
    act(() => latest().onerror?.(new Event('error')));
    expect(screen.queryByText('Live')).toBeNull();
    act(() => vi.advanceTimersByTime(1000));
    expect(FakeSource.all).toHaveLength(2);
    act(() => latest().send('ready', second));
    expect(screen.getByTestId('live-line')).toHaveTextContent('Live');
    expect(refetchedKeys()).toEqual(expected);
  });

  it.each([
    ['a change after its data was fetched', 20, 15, ALL_PARTS],
    ['a change well before', 20, 5, []],
    ['no change in the last hour', 20, null, []],
  ])('the first time it is ready, refetches everything only after %s', (_what, nowS, changedS, expected) => {
    vi.useFakeTimers();
    const { client, refetchedKeys } = setUp();
    // The member was fetched 10 s ago (this browser's clock); the server says it is t(nowS) now.
    client.setQueryData(['member', MEMBER], { id: MEMBER }, { updatedAt: Date.now() - 10_000 });
    act(() => latest().send('ready', { now: t(nowS), changed_at: changedS === null ? null : t(changedS as number) }));
    expect(refetchedKeys()).toEqual(expected);
  });

  it('does not count as missed the change it was told of', () => {
    vi.useFakeTimers();
    const { refetchedKeys, refetch } = setUp();
    act(() => latest().send('ready', { now: t(0), changed_at: null }));
    act(() => latest().send('change', { type: 'refund.created', at: t(10) }));
    refetch.mockClear();
    act(() => latest().onerror?.(new Event('error')));
    act(() => vi.advanceTimersByTime(1000));
    act(() => latest().send('ready', { now: t(11), changed_at: t(10) }));
    expect(refetchedKeys()).toEqual([]);
  });

  it('closes the stream and empties its slot when stopped', () => {
    const { stop, slot } = setUp();
    stop();
    expect(latest().closed).toBe(true);
    expect(slot()).toBeNull();
  });

  it('offers "Simulate a payment" in demo mode only', () => {
    setUp({ meta: { [LIVE_META_TAG]: 'on', [APP_META_TAGS.mode]: 'demo' } });
    expect(screen.getByRole('button', { name: 'Simulate a payment' })).toBeVisible();
  });
});
