import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, MemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FIRST_PAINT_DATA_ID,
  FIRST_PAINT_HISTORY_DATA_ID,
  FIRST_PAINT_HISTORY_SLOT_ID,
  FIRST_PAINT_SLOT_NAMES,
  FIRST_PAINT_SLOTS,
  type FirstPaintInput,
} from '../../contract/first-paint';
import type { FirstPaintLists } from '../../contract/member-lists';
import type { Payment } from '../../contract/payment';
import { testPayment } from '../../contract/test-records';
import { HistoryPlaceholder, MemberLayout } from '../features/member/member-layout';
import { MemberPage, memberLoader } from '../features/member/member-page';
import { AppMetaContext } from '../lib/app-meta-context';
import { formatDate, formatDateTime } from '../lib/format/dates';
import { queryClient } from '../lib/query-client';
import { testMember, testMemberships } from '../test-support/test-fixtures';
import { fakeApi } from '../test-support/test-helpers';
import { Frame } from './app-shell';
import { renderHistoryFirstPaint, renderMemberFirstPaint } from './first-paint';

const ava = testMember('mber_demoAvaChen');
const input = (over: Partial<FirstPaintInput> = {}): FirstPaintInput => ({
  member: ava,
  meta: { mode: 'live', demoMembers: [], signedInAs: null },
  origin: 'https://lookup.example',
  updatedAt: Date.now(),
  locale: 'en-US',
  timeZone: 'UTC',
  ...over,
});

/** The page's text as a reader sees it, one string (whitespace collapsed). */
function textOf(html: string): string {
  const box = document.createElement('div');
  box.innerHTML = html;
  return (box.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A tree as lines: each element's tag and classes, each text, in document order. */
function outline(root: Element): string[] {
  const lines: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Element) lines.push(`<${node.tagName.toLowerCase()} ${node.getAttribute('class') ?? ''}>`);
    else if (node.textContent?.trim()) lines.push(node.textContent.trim());
  }
  return lines;
}

describe("a deep link's first paint, rendered on the server", () => {
  it('is the page the app renders first: the same markup, so nothing moves when the app takes over', () => {
    const now = Date.now();
    const server = renderMemberFirstPaint(input({ updatedAt: now, locale: undefined, timeZone: undefined }));
    const app = render(
      <AppMetaContext value={{ mode: 'live', demoMembers: [], signedInAs: null }}>
        <MemoryRouter initialEntries={['/members/mber_demoAvaChen']}>
          <QueryClientProvider client={new QueryClient()}>
            <Frame>
              <MemberLayout
                member={ava}
                updatedAt={now}
                refreshing={false}
                refreshError={null}
                onRefresh={() => {}}
                link="https://lookup.example/members/mber_demoAvaChen"
                panels={false}
                history={<HistoryPlaceholder />}
              />
            </Frame>
          </QueryClientProvider>
        </MemoryRouter>
      </AppMetaContext>,
    );
    // Compared as what decides how it looks: every element with its classes, and every text, in order.
    const parsed = document.createElement('div');
    parsed.innerHTML = server;
    const marker = parsed.firstElementChild;
    expect(marker?.hasAttribute('data-first-paint')).toBe(true);
    // The slots (summary, memberships, history) lay out as nothing (display: contents); the app has none.
    for (const name of FIRST_PAINT_SLOT_NAMES) {
      const slot = parsed.querySelector(`#${FIRST_PAINT_SLOTS[name].slot}`);
      expect(slot?.className).toBe('contents');
      slot?.replaceWith(...slot.childNodes);
    }
    expect(parsed.querySelector(`#${FIRST_PAINT_HISTORY_SLOT_ID}`)).toBeNull();
    expect(marker && outline(marker)).toEqual(outline(app.container));
  });

  it('shows who the member is and where they stand, with the heading the page times', () => {
    const html = renderMemberFirstPaint(input());
    expect(html).toContain('elementtiming="member-name"');
    const text = textOf(html);
    expect(text).toContain('Ava Chen');
    expect(text).toContain('$1,234.50');
    expect(text).toContain('Customer');
    expect(text).toContain('Loading payments');
  });

  it('opens with the access summary, checking: the server has no memberships, and never guesses a verdict', () => {
    const text = textOf(renderMemberFirstPaint(input()));
    expect(text).toContain('Access summaryChecking…Checking access: the memberships are loading.');
    expect(text.indexOf('Access summary')).toBeLessThan(text.indexOf('Ava Chen'));
    expect(text).not.toMatch(/has access|no access|past due/i);
  });

  it("writes dates in the reader's locale and time zone, and leaves the defaults as they were", () => {
    const before = formatDateTime(ava.joined_at);
    const tokyo = textOf(renderMemberFirstPaint(input({ locale: 'de-DE', timeZone: 'Asia/Tokyo' })));
    const la = textOf(renderMemberFirstPaint(input({ locale: 'en-US', timeZone: 'America/Los_Angeles' })));
    expect(tokyo).toContain(formatDateTime(ava.created_at, 'de-DE', 'Asia/Tokyo'));
    expect(tokyo).toContain(formatDate(ava.joined_at, 'de-DE', 'Asia/Tokyo'));
    expect(la).toContain(formatDateTime(ava.created_at, 'en-US', 'America/Los_Angeles'));
    expect(formatDateTime(ava.joined_at)).toBe(before);
  });

  it('escapes what Whop sends: a name cannot become markup', () => {
    const hostile = {
      ...ava,
      user: { ...ava.user!, name: '</h1><img src=x onerror=alert(1)>', username: '"><script>x</script>' },
    };
    const html = renderMemberFirstPaint(input({ member: hostile }));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(textOf(html)).toContain('</h1><img src=x onerror=alert(1)>');
  });

  it('names who is signed in, and the demo banner in demo mode, as the app does', () => {
    const text = textOf(
      renderMemberFirstPaint(input({ meta: { mode: 'demo', demoMembers: [], signedInAs: 'Sam Admin' } })),
    );
    expect(text).toContain('Signed in as Sam Admin');
    expect(text).toContain('Demo data.');
  });
});

const payment = (id: string, over: Partial<Payment> = {}): Payment =>
  testPayment({
    id,
    created_at: '2026-05-20T10:00:00.000Z',
    paid_at: '2026-05-20T10:00:05.000Z',
    card_brand: 'visa',
    card_last4: '4242',
    payment_method_type: 'card',
    product: { id: 'prod_1', title: 'Pro' },
    plan: { id: 'plan_1' },
    member: { id: ava.id },
    user: { id: ava.user!.id },
    ...over,
  });
const history: FirstPaintLists = {
  payments: {
    data: [payment('pay_2'), payment('pay_1', { refunded_amount: 10, refunded_at: '2026-05-21T09:00:00.000Z' })],
    next_cursor: 'c2',
  },
  tokenTransactions: {
    data: [
      {
        id: 'ctt_1',
        amount: 25,
        created_at: '2026-05-19T08:00:00.000Z',
        description: 'Welcome bonus',
        transaction_type: 'add',
        linked_transaction_id: null,
        member: { id: ava.id },
        user: { id: ava.user!.id },
      },
    ],
    next_cursor: null,
  },
};

const Nothing = () => null;

/** The member route as the app's router has it (router.tsx), at Ava's page. */
const memberRouter = () =>
  createMemoryRouter(
    [{ path: '/members/:id', loader: memberLoader, Component: MemberPage, HydrateFallback: Nothing }],
    {
      initialEntries: [`/members/${ava.id}`],
    },
  );

/** Puts JSON in the page the way the server does (src/server/page/first-paint.ts). */
function carry(id: string, value: unknown) {
  const element = document.createElement('script');
  element.type = 'application/json';
  element.id = id;
  element.textContent = JSON.stringify(value);
  document.body.append(element);
}

describe("a deep link's history panels, rendered on the server", () => {
  afterEach(() => {
    queryClient.clear();
    vi.restoreAllMocks();
  });

  // First: the lazy chunk's path, before a page with panels has had the app load their module.
  it('are left to the app when the member came without them', async () => {
    const api = fakeApi({
      [`/api/members/${ava.id}/memberships`]: { body: { data: [], next_cursor: null } },
      [`/api/members/${ava.id}/payments`]: { body: history.payments },
      [`/api/members/${ava.id}/token-transactions`]: { body: history.tokenTransactions },
    });
    carry(FIRST_PAINT_DATA_ID, ava);
    const router = memberRouter();
    const app = render(<RouterProvider router={router} />);
    await screen.findByText('Welcome bonus');
    expect(api.calls).toContain(`/api/members/${ava.id}/payments`);
    app.unmount();
  });

  it('are what the app renders from the same pages, at once and without asking for them', async () => {
    const api = fakeApi({ [`/api/members/${ava.id}/memberships`]: { body: { data: [], next_cursor: null } } });
    carry(FIRST_PAINT_DATA_ID, ava);
    carry(FIRST_PAINT_HISTORY_DATA_ID, { ...history, memberships: null });
    const router = memberRouter();
    // Whether the placeholders ever show: the server's panels must not give way to them.
    let placeholders = false;
    const watch = new MutationObserver(() => {
      placeholders ||= document.body.textContent?.includes('Loading payments') ?? false;
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    const app = render(<RouterProvider router={router} />);
    const payments = await screen.findByRole('region', { name: 'Payments' });
    await screen.findByText('Welcome bonus');
    watch.disconnect();
    expect(placeholders).toBe(false);
    expect(payments.getAttribute('aria-busy')).toBeNull();
    expect(document.getElementById(FIRST_PAINT_HISTORY_DATA_ID)).toBeNull();

    const server = document.createElement('div');
    server.innerHTML = renderHistoryFirstPaint({ ...input(), history }).history ?? '';
    const tokens = screen.getByRole('region', { name: 'Token history' });
    expect(outline(server)).toEqual([...outline(wrap(payments)), ...outline(wrap(tokens))]);
    expect(server.textContent).toContain('Welcome bonus');
    expect(api.calls.filter((c) => c.includes('/payments') || c.includes('/token-transactions'))).toEqual([]);
    app.unmount();
  });
});

describe("a deep link's summary and memberships, rendered on the server", () => {
  afterEach(() => {
    queryClient.clear();
    vi.restoreAllMocks();
  });

  const membership = { ...testMemberships[3]!, id: 'mem_avaPro', member: { id: ava.id }, user: ava.user };
  const lists: FirstPaintLists = { ...history, memberships: { data: [membership], next_cursor: null } };

  it("are the app's summary, with its verdict, and memberships panel from the same pages; the app asks for nothing", async () => {
    const api = fakeApi({});
    carry(FIRST_PAINT_DATA_ID, ava);
    carry(FIRST_PAINT_HISTORY_DATA_ID, lists);
    // Whether the summary ever says it is checking: the server's verdict must not give way to it.
    let checking = false;
    const watch = new MutationObserver(() => {
      checking ||= document.body.textContent?.includes('Checking') ?? false;
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    const app = render(<RouterProvider router={memberRouter()} />);
    const summary = await screen.findByRole('region', { name: 'Access summary' });
    await screen.findByText('Welcome bonus');
    watch.disconnect();
    expect(checking).toBe(false);
    expect(summary.getAttribute('aria-busy')).toBeNull();
    expect(summary.textContent).toContain('Has access');

    const parts = renderHistoryFirstPaint({ ...input(), history: lists });
    const server = document.createElement('div');
    server.innerHTML = parts.summary ?? '';
    expect(outline(server)).toEqual(outline(wrap(summary)));
    server.innerHTML = parts.memberships ?? '';
    expect(outline(server)).toEqual(outline(wrap(screen.getByRole('region', { name: 'Memberships' }))));
    expect(server.textContent).toContain('Northwind Pro');
    // A deep link that came with every list asks the API for nothing.
    expect(api.calls).toEqual([]);
    app.unmount();
  });

  it.each([
    ['did not have the memberships', null],
    ['had no memberships list at all', undefined],
  ])('leave the summary checking and the memberships loading when the server %s', (_, memberships) => {
    const parts = renderHistoryFirstPaint({ ...input(), history: { ...history, memberships } });
    expect(parts.summary).toBeUndefined();
    expect(parts.memberships).toBeUndefined();
    expect(parts.history).toContain('Welcome bonus');
  });
});

describe('a history list the server did not have', () => {
  it('renders as its loading panel, which the app then fills', () => {
    const html =
      renderHistoryFirstPaint({
        ...input(),
        history: { payments: null, tokenTransactions: history.tokenTransactions },
      }).history ?? '';
    const box = document.createElement('div');
    box.innerHTML = html;
    expect(box.textContent).toContain('Loading payments…');
    expect(box.textContent).toContain('Welcome bonus');
  });
});

/** An element in a box of its own, for outline(), which leaves out the root it is given. */
function wrap(element: Element): Element {
  const box = document.createElement('div');
  box.append(element.cloneNode(true));
  return box;
}

describe("the member page's first frame", () => {
  afterEach(() => {
    queryClient.clear();
    vi.restoreAllMocks();
  });

  /** What the page held in the commit that first showed the member's name (a MutationObserver runs right after it). */
  function watchFirstFrame() {
    let first: { summary: boolean; panels: boolean; details: boolean; memberships: boolean } | null = null;
    const watch = new MutationObserver(() => {
      if (first || !document.getElementById('member-name')) return;
      first = {
        summary: document.getElementById('access-summary-heading') !== null,
        panels: document.body.textContent?.includes('Loading payments') ?? false,
        details: [...document.querySelectorAll('h2')].some((h) => h.textContent === 'Contact'),
        memberships: document.querySelector('[aria-labelledby="memberships-heading"]') !== null,
      };
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    return () => {
      watch.disconnect();
      return first;
    };
  }

  it('after a lookup is the summary card alone; what goes under it, and the requests, follow in the next', async () => {
    const api = fakeApi({
      [`/api/members/${ava.id}`]: { body: ava },
      [`/api/members/${ava.id}/memberships`]: { body: { data: [], next_cursor: null } },
      [`/api/members/${ava.id}/payments`]: { body: history.payments },
      [`/api/members/${ava.id}/token-transactions`]: { body: history.tokenTransactions },
    });
    const first = watchFirstFrame();
    const app = render(<RouterProvider router={memberRouter()} />);
    await screen.findByText('Welcome bonus');
    // The access summary is there from the first frame (checking), so the card under it never moves.
    expect(first()).toEqual({ summary: true, panels: false, details: false, memberships: false });
    expect(screen.getByRole('region', { name: 'Memberships' })).toBeInTheDocument();
    expect(api.calls).toContain(`/api/members/${ava.id}/payments`);
    app.unmount();
  });

  it("over the server's page keeps that page's placeholders, so nothing on it goes away", async () => {
    fakeApi({
      [`/api/members/${ava.id}/memberships`]: { body: { data: [], next_cursor: null } },
      [`/api/members/${ava.id}/payments`]: { body: history.payments },
      [`/api/members/${ava.id}/token-transactions`]: { body: history.tokenTransactions },
    });
    carry(FIRST_PAINT_DATA_ID, ava);
    const first = watchFirstFrame();
    const app = render(<RouterProvider router={memberRouter()} />);
    await screen.findByText('Welcome bonus');
    expect(first()).toEqual({ summary: true, panels: true, details: true, memberships: true });
    app.unmount();
  });
});
