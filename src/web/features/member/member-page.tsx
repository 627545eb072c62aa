import { QueryClientProvider, useInfiniteQuery, useSuspenseQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useRef } from 'react';
import { type LoaderFunctionArgs, useLoaderData } from 'react-router';
import type { Member } from '../../../contract/member';
import { parseMemberId } from '../../../contract/member-id';
import { ApiError } from '../../api/api-error';
import { announce } from '../../layout/announcer';
import { mayUseShortcut } from '../../layout/keyboard';
import { useDocumentTitle } from '../../layout/use-document-title';
import { loadOnce } from '../../load-once';
import { queryClient } from '../../query-client';
import { takeReloadFreshness } from '../../reload';
import { memberPath } from '../../shared/app-urls';
import { displayName } from '../../shared/display-name';
import { recordLookup } from '../../shared/recent-lookups-store';
import { CopyButton } from '../../ui/copy-button';
import { useAfterPaint } from '../../use-after-paint';
import { Freshness } from './freshness';
import { paymentsQuery, tokenTransactionsQuery } from './history-queries';
import { MemberDetail } from './member-detail';
import { memberQuery } from './member-query';
import { MembershipsPanel } from './memberships-panel';

/**
 * Payments and token history are a chunk of their own: the card paints first, they follow.
 * The member route fetches the chunk when the page is idle (member-route.ts), so it is
 * usually there before anyone opens a member.
 */
export const loadHistoryPanels = loadOnce(() => import('./history-panels'));
const HistoryPanels = lazy(() => loadHistoryPanels().then((m) => ({ default: m.HistoryPanels })));

/**
 * The payments and token history panels as they look while they load, for the frame before
 * they render and while their code arrives: the same markup (history-panels.test.tsx checks),
 * so the cards under them do not move when the real ones take over.
 */
export function HistoryPlaceholder() {
  const frame = (id: string, title: string, what: string) => (
    <section
      aria-labelledby={`${id}-heading`}
      aria-busy
      className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id={`${id}-heading`}
        className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        {title}
      </h2>
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading {what}…
      </p>
    </section>
  );
  return (
    <>
      {frame('payments', 'Payments', 'payments')}
      {frame('token-history', 'Token history', 'token transactions')}
    </>
  );
}

/**
 * Validates the id from the URL and makes sure the member is in the cache. After the
 * browser's Refresh, the member asks Whop past the server's cache, like the Refresh button.
 */
export async function memberLoader({ params, request }: LoaderFunctionArgs) {
  const parsed = parseMemberId(params.id ?? '');
  if (!parsed.ok) throw new ApiError(400, 'invalid_member_id', parsed.message);
  const fresh = takeReloadFreshness(new URL(request.url).pathname);
  await queryClient.ensureQueryData(memberQuery(parsed.id, { fresh }));
  return { id: parsed.id };
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
  const payments = useInfiniteQuery(paymentsQuery(member.id));
  const tokens = useInfiniteQuery(tokenTransactionsQuery(member.id));
  return (
    <Suspense fallback={<HistoryPlaceholder />}>
      <HistoryPanels member={member} payments={payments} tokens={tokens} />
    </Suspense>
  );
}

function MemberView({ id }: { id: string }) {
  const { data: member, dataUpdatedAt, isFetching, isRefetchError, error } = useSuspenseQuery(memberQuery(id));
  const name = displayName(member);
  useDocumentTitle(name);
  // The member card first; the panels (and their requests) from the next frame on.
  const panels = useAfterPaint();

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

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Freshness
          updatedAt={dataUpdatedAt}
          refreshing={isFetching}
          refreshError={isRefetchError ? error.message : null}
          onRefresh={refresh}
        />
        <CopyButton
          variant="text"
          what="link to this member"
          label="Copy link"
          text={`${window.location.origin}${memberPath(member.id)}`}
        />
      </div>
      <MemberDetail member={member}>{panels ? <History member={member} /> : <HistoryPlaceholder />}</MemberDetail>
      <MembershipsPanel member={member} load={panels} />
    </div>
  );
}

export function MemberPage() {
  const { id } = useLoaderData<typeof memberLoader>();
  return (
    <QueryClientProvider client={queryClient}>
      <MemberView key={id} id={id} />
    </QueryClientProvider>
  );
}
