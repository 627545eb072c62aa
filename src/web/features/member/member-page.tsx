import { QueryClientProvider, useInfiniteQuery, useSuspenseQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { type LoaderFunctionArgs, useLoaderData } from 'react-router';
import type { Member } from '../../../contract/member';
import { parseMemberId } from '../../../contract/member-id';
import { announce } from '../../lib/announcer';
import { ApiError } from '../../lib/api/api-error';
import { memberPath } from '../../lib/app-urls';
import { displayName } from '../../lib/display-name';
import { mayUseShortcut } from '../../lib/keyboard';
import { loadOnce } from '../../lib/load-once';
import { queryClient } from '../../lib/query-client';
import { recordLookup } from '../../lib/recent-lookups-store';
import { takeReloadFreshness } from '../../lib/reload';
import { useAfterPaint } from '../../lib/use-after-paint';
import { useDocumentTitle } from '../../lib/use-document-title';
import { takeFirstPaintHistory, takeFirstPaintMember } from './first-paint-data';
import { HistoryPlaceholder, MemberLayout } from './member-layout';
import { memberListQuery, seedFirstPaintLists } from './member-list-query';
import { memberQuery } from './member-query';
import type { TimelineFilter } from './timeline/timeline-events';
import { TimelinePlaceholder } from './timeline/timeline-placeholder';

/**
 * Payments and token history are a chunk of their own: the card paints first, they follow.
 * The member route fetches the chunk when the page is idle (member-route.ts), so it is
 * usually there before anyone opens a member.
 */
export const loadHistoryPanels = loadOnce(() => import('./history-panels'));
const HistoryPanels = lazy(() => loadHistoryPanels().then((m) => ({ default: m.HistoryPanels })));
/** The timeline: a chunk of its own that only this page loads (not counted in `/`'s budgets, docs/decisions/0030). */
const TimelinePanel = lazy(() => import('./timeline/timeline-panel').then((m) => ({ default: m.TimelinePanel })));
/** The panels' module once a deep link's loader has waited for it: rendered without suspending, so the server's panels never give way to placeholders. */
let loadedPanels: typeof import('./history-panels') | null = null;

/**
 * Validates the id from the URL and makes sure the member is in the cache. After the
 * browser's Refresh, the member asks Whop past the server's cache, like the Refresh button.
 */
export async function memberLoader({ params, request }: LoaderFunctionArgs) {
  const parsed = parseMemberId(params.id ?? '');
  if (!parsed.ok) throw new ApiError(400, 'invalid_member_id', parsed.message);
  const fresh = takeReloadFreshness(new URL(request.url).pathname);
  // A deep link's page came with the member (the server rendered it): start from that answer,
  // and from the panels' first pages when it came with those too.
  const rendered = takeFirstPaintMember(parsed.id);
  const history = takeFirstPaintHistory();
  if (rendered && !fresh) queryClient.setQueryData(memberQuery(parsed.id).queryKey, rendered);
  // The lists have no server cache to skip, so the page's are as fresh as a refetch, after a reload too.
  let panelsRendered = false;
  if (rendered && history) {
    seedFirstPaintLists(queryClient, parsed.id, history);
    // Preloaded beside the route's code (deep-link-preload.ts); without it, the placeholders.
    loadedPanels = await loadHistoryPanels().catch(() => null);
    panelsRendered = loadedPanels !== null;
  }
  await queryClient.ensureQueryData(memberQuery(parsed.id, { fresh }));
  return { id: parsed.id, panelsRendered, overPage: rendered !== null };
}

/** `r` refreshes, unless someone is typing. */
function useRefreshShortcut(refresh: () => void) {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'r' || !mayUseShortcut(event)) return;
      event.preventDefault();
      latest.current();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Payments and token history, under the figures they explain. Not suspending: each shows its own loading state. */
function History({ member }: { member: Member }) {
  const payments = useInfiniteQuery(memberListQuery('payments', member.id));
  const tokens = useInfiniteQuery(memberListQuery('tokenTransactions', member.id));
  if (loadedPanels) return <loadedPanels.HistoryPanels member={member} payments={payments} tokens={tokens} />;
  return (
    <Suspense fallback={<HistoryPlaceholder />}>
      <HistoryPanels member={member} payments={payments} tokens={tokens} />
    </Suspense>
  );
}

/**
 * The timeline, after the panels: a deep link's server-rendered panels never move down when it
 * arrives. It reads the lists the panels ask for (`enabled: false`: no request of its own, and
 * none sooner than theirs); "Show older" asks for their next pages.
 */
function Timeline({ member }: { member: Member }) {
  const memberships = useInfiniteQuery({ ...memberListQuery('memberships', member.id), enabled: false });
  const payments = useInfiniteQuery({ ...memberListQuery('payments', member.id), enabled: false });
  const tokens = useInfiniteQuery({ ...memberListQuery('tokenTransactions', member.id), enabled: false });
  const [filter, setFilter] = useState<TimelineFilter>('all');
  return (
    <Suspense fallback={<TimelinePlaceholder />}>
      <TimelinePanel
        member={member}
        filter={filter}
        onFilter={setFilter}
        memberships={memberships}
        payments={payments}
        tokens={tokens}
      />
    </Suspense>
  );
}

function MemberView({ id, panelsRendered, overPage }: { id: string; panelsRendered: boolean; overPage: boolean }) {
  const { data: member, dataUpdatedAt, isFetching, isRefetchError, error } = useSuspenseQuery(memberQuery(id));
  const name = displayName(member);
  useDocumentTitle(name);
  // The member card first, alone; the panels (and their requests) from the next frame on. Over
  // the server's page, its panels or their placeholders at once, as that page has them; payments
  // and token history it showed are in the cache already. A lookup's first frame without the
  // panels reached the screen 5-10 ms sooner after the answer (docs/benchmarks/issue-14.md).
  const panels = useAfterPaint();
  const history = panels || panelsRendered;

  useEffect(() => {
    recordLookup({ id: member.id, name });
  }, [member.id, name]);

  // The member and its memberships, payments and token history (keyed under it) refetch
  // together. The member asks Whop, past the server's short cache: a manager who refreshes
  // after a payment must see it. The panels' lists have no server cache to skip.
  // A refresh already asking for the member is not asked twice; one pressed while only the
  // panels are still loading goes ahead (and asks for them again).
  const refresh = useCallback(() => {
    if (queryClient.isFetching({ queryKey: memberQuery(id).queryKey, exact: true }) > 0) return;
    void Promise.all([
      queryClient.fetchQuery({ ...memberQuery(id, { fresh: true }), staleTime: 0 }).catch(() => {}),
      queryClient.refetchQueries({ queryKey: ['member', id], predicate: (q) => q.queryKey.length > 2 }),
    ]).then(() => {
      const failed = queryClient.getQueryState(memberQuery(id).queryKey)?.status === 'error';
      announce(failed ? 'Could not refresh the member' : 'Member refreshed');
    });
  }, [id]);
  useRefreshShortcut(refresh);

  // Live changes (issue 28): a chunk of its own, after the panels' first frame; it does nothing
  // unless the server says webhooks are on. The state stays here (docs/decisions/0030).
  const [live, setLive] = useState<ReactNode>(null);
  const userId = member.user?.id;
  useEffect(() => {
    if (!panels) return;
    let stop = () => {};
    let left = false;
    import('./live/live-member').then((m) => {
      if (!left) stop = m.startLive({ memberId: id, userId, render: setLive });
    }, stop);
    return () => {
      left = true;
      stop();
    };
  }, [id, userId, panels]);

  return (
    <MemberLayout
      member={member}
      updatedAt={dataUpdatedAt}
      refreshing={isFetching}
      refreshError={isRefetchError ? error.message : null}
      onRefresh={refresh}
      live={live}
      link={`${window.location.origin}${memberPath(member.id)}`}
      panels={panels}
      history={history ? <History member={member} /> : <HistoryPlaceholder />}
      timeline={history ? <Timeline member={member} /> : undefined}
      cardOnly={!panels && !overPage}
    />
  );
}

export function MemberPage() {
  const { id, panelsRendered, overPage } = useLoaderData<typeof memberLoader>();
  return (
    <QueryClientProvider client={queryClient}>
      <MemberView key={id} id={id} panelsRendered={panelsRendered} overPage={overPage} />
    </QueryClientProvider>
  );
}
