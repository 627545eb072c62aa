// Server-side only: `npm run build` makes dist/first-paint/ of it (vite.config.ts, an SSR
// build), which the server loads (src/server/page/first-paint.ts); the browser's bundle never has
// it. It renders a deep link's member page to HTML with the app's own components, so
// the member is on screen before the app's code has arrived; the app then renders the same
// page over it (docs/decisions/0013, item 11).

import { QueryClient, QueryClientProvider, useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import {
  FIRST_PAINT_SLOTS,
  type FirstPaintInput,
  type FirstPaintParts,
  type FirstPaintSlot,
  type RenderHistoryFirstPaint,
  type RenderMemberFirstPaint,
} from '../../contract/first-paint';
import type { Member } from '../../contract/member';
import { AccessSummary } from '../features/member/access/access-summary-panel';
import { HistoryPanels } from '../features/member/history-panels';
import { HistoryPlaceholder, MemberLayout } from '../features/member/member-layout';
import { memberListQuery, seedFirstPaintLists } from '../features/member/member-list-query';
import { MembershipsPanel } from '../features/member/memberships/memberships-panel';
import { AppMetaContext } from '../lib/app-meta-context';
import { memberPath } from '../lib/app-urls';
import { withIntlDefaults } from '../lib/format/intl-cache';
import { Frame } from './app-shell';

const ignore = () => {};

/** A part of the page in the slot its `<template>` takes, laid out as if the slot were not there. */
function Slot({ name, children }: { name: FirstPaintSlot; children: ReactNode }) {
  return (
    <div id={FIRST_PAINT_SLOTS[name].slot} className="contents">
      {children}
    </div>
  );
}

/**
 * What the app's first render of `/members/:id` puts in `#root`: the frame, and the member's
 * page as it looks before its lists load (the summary checking, the panels' placeholders,
 * nothing fetched). Text and attributes are escaped by React. The summary, the memberships and
 * the history's placeholders each sit in a slot of their own (\`display: contents\`, so it lays
 * out as without), which what the lists fill in takes when the server has them (renderHistoryFirstPaint).
 */
export const renderMemberFirstPaint: RenderMemberFirstPaint = (input: FirstPaintInput) => {
  const { member, meta, origin, updatedAt, locale, timeZone } = input;
  const path = memberPath(member.id);
  // A client of its own per render: the memberships panel's query waits (load false) and
  // must not share anything between requests.
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return withIntlDefaults({ locale, timeZone }, () =>
    renderToString(
      // Marks the server's rendering (\`data-first-paint\`) without changing the layout
      // (\`display: contents\`): the app's first render replaces it, marker and all.
      <div className="contents" data-first-paint="">
        <AppMetaContext value={meta}>
          <StaticRouter location={path}>
            <QueryClientProvider client={queries}>
              <Frame>
                <MemberLayout
                  member={member}
                  updatedAt={updatedAt}
                  refreshing={false}
                  refreshError={null}
                  onRefresh={ignore}
                  link={`${origin}${path}`}
                  panels={false}
                  history={
                    <Slot name="history">
                      <HistoryPlaceholder />
                    </Slot>
                  }
                  inSlot={(name, node) => <Slot name={name}>{node}</Slot>}
                />
              </Frame>
            </QueryClientProvider>
          </StaticRouter>
        </AppMetaContext>
      </div>,
    ),
  );
};

/** The two panels as the member page renders them once their queries have an answer (member-page.tsx). */
function SeededHistory({ member }: { member: Member }) {
  const payments = useInfiniteQuery(memberListQuery('payments', member.id));
  const tokens = useInfiniteQuery(memberListQuery('tokenTransactions', member.id));
  return <HistoryPanels member={member} payments={payments} tokens={tokens} />;
}

/**
 * What the lists' first pages fill in, slot by slot: with the memberships, the summary (its
 * verdict, from the memberships and the payments when the page has them) and the memberships
 * panel; with payments or token transactions, the two history panels (a list it does not have in
 * its loading state). The markup the app renders from the same pages, seeded the same way, so
 * nothing changes when it takes over. Without the memberships the summary stays checking: never
 * a verdict from less.
 */
export const renderHistoryFirstPaint: RenderHistoryFirstPaint = (input) => {
  const { member, history, locale, timeZone } = input;
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  seedFirstPaintLists(queries, member.id, history);
  const render = (node: ReactNode) =>
    withIntlDefaults({ locale, timeZone }, () =>
      renderToString(
        <StaticRouter location={memberPath(member.id)}>
          <QueryClientProvider client={queries}>{node}</QueryClientProvider>
        </StaticRouter>,
      ),
    );
  const parts: FirstPaintParts = {};
  if (history.memberships) {
    // `load` false: they read the seeded pages and ask for nothing (a render on the server fetches nothing anyway).
    parts.summary = render(<AccessSummary member={member} load={false} />);
    parts.memberships = render(<MembershipsPanel member={member} load={false} />);
  }
  if (history.payments || history.tokenTransactions) parts.history = render(<SeededHistory member={member} />);
  return parts;
};
