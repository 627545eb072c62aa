// Server-side only: `npm run build` makes dist/first-paint/ of it (vite.config.ts, an SSR
// build), which the server loads (src/server/page/first-paint.ts); the browser's bundle never has
// it. It renders a deep link's member page to HTML with the app's own components, so
// the member is on screen before the app's code has arrived; the app then renders the same
// page over it (docs/decisions/0013, item 11).

import { QueryClient, QueryClientProvider, useInfiniteQuery } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import {
  FIRST_PAINT_HISTORY_SLOT_ID,
  type FirstPaintInput,
  type RenderHistoryFirstPaint,
  type RenderMemberFirstPaint,
} from '../../contract/first-paint';
import type { Member } from '../../contract/member';
import { HistoryPanels } from '../features/member/history-panels';
import { HistoryPlaceholder, MemberLayout } from '../features/member/member-layout';
import { memberListQuery, seedFirstPaintLists } from '../features/member/member-list-query';
import { AppMetaContext } from '../lib/app-meta-context';
import { memberPath } from '../lib/app-urls';
import { withIntlDefaults } from '../lib/format/intl-cache';
import { Frame } from './app-shell';

const ignore = () => {};

/**
 * What the app's first render of `/members/:id` puts in `#root`: the frame, and the member's
 * page as it looks before its panels load (their placeholders, nothing fetched). Text and
 * attributes are escaped by React. The history's placeholders sit in a slot of their own
 * (\`display: contents\`, so it lays out as without), which the history takes when the server
 * has it (renderHistoryFirstPaint).
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
                    <div id={FIRST_PAINT_HISTORY_SLOT_ID} className="contents">
                      <HistoryPlaceholder />
                    </div>
                  }
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
 * The payments and token history panels with their first pages, for the slot in the member's
 * page: the markup the app renders from the same pages (seeded the same way), so the panels
 * do not change when it takes over.
 */
export const renderHistoryFirstPaint: RenderHistoryFirstPaint = (input) => {
  const { member, history, locale, timeZone } = input;
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  seedFirstPaintLists(queries, member.id, history);
  return withIntlDefaults({ locale, timeZone }, () =>
    renderToString(
      <StaticRouter location={memberPath(member.id)}>
        <QueryClientProvider client={queries}>
          <SeededHistory member={member} />
        </QueryClientProvider>
      </StaticRouter>,
    ),
  );
};
