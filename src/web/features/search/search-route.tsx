// The /search route's module, loaded on demand (see router.tsx): everything a search for
// more than a member id needs, TanStack Query included.
import { QueryClientProvider, useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, type LoaderFunctionArgs, redirect, useLoaderData } from 'react-router';
import type { MemberListItem } from '../../../contract/member-search';
import type { Membership } from '../../../contract/membership';
import { parseSearchQuery, type SearchQuery } from '../../../contract/search-query';
import { announce } from '../../lib/announcer';
import { ApiError } from '../../lib/api/api-error';
import { memberPath, SEARCH_PARAM, searchPath } from '../../lib/app-urls';
import { MemberError } from '../../lib/member-error';
import { membershipQuery } from '../../lib/membership-query';
import { queryClient } from '../../lib/query-client';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ResultsList } from './results-list';
import { memberSearchQuery } from './search-queries';

export { MemberError as SearchError };

/** Whether one result is exactly what was asked for, so the list can be skipped. */
export function isExactMatch(member: MemberListItem, query: SearchQuery): boolean {
  const user = member.user;
  if (!user) return false;
  const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();
  if (query.kind === 'user') return user.id === query.value;
  if (query.kind === 'email') return same(user.email, query.value);
  return same(user.username, query.value) || same(user.name, query.value);
}

/**
 * Works out what the search asks for. A member id goes to the member; a membership id is
 * resolved through Whop to its member; anything else lists matching members, and one
 * exact match goes straight to its member.
 */
export async function searchLoader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchQuery(new URL(request.url).searchParams.get(SEARCH_PARAM) ?? '');
  if (!parsed.ok) throw new ApiError(400, 'invalid_query', parsed.message);
  const query = parsed.query;
  if (query.kind === 'member') throw redirect(memberPath(query.value));
  if (query.kind === 'membership') {
    const membership = await queryClient.fetchQuery(membershipQuery(query.value));
    if (membership.member) throw redirect(memberPath(membership.member.id));
    return { kind: 'membership' as const, membership };
  }
  const results = await queryClient.ensureInfiniteQueryData(memberSearchQuery(query.value));
  const [first] = results.pages;
  const only =
    results.pages.length === 1 && first && !first.next_cursor && first.data.length === 1 ? first.data[0] : undefined;
  if (only && isExactMatch(only, query)) throw redirect(memberPath(only.id));
  return { kind: 'members' as const, query };
}

const plural = (n: number, one: string, many: string) => `${new Intl.NumberFormat().format(n)} ${n === 1 ? one : many}`;

function Results({ query }: { query: SearchQuery }) {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    memberSearchQuery(query.value),
  );
  const members = data.pages.flatMap((page) => page.data);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const list = useRef<HTMLDivElement>(null);
  useDocumentTitle(`Search: ${query.value}`);

  const summary =
    members.length === 0
      ? `No members match “${query.value}”`
      : `${plural(members.length, 'member', 'members')} ${hasNextPage ? 'shown, more available' : 'found'}`;
  useEffect(() => announce(summary), [summary]);

  // After "Show more", focus moves to the first new result rather than staying behind.
  useEffect(() => {
    if (focusFrom === null || members.length <= focusFrom) return;
    list.current?.querySelectorAll<HTMLElement>('[data-result-link]')[focusFrom]?.focus();
    setFocusFrom(null);
  }, [focusFrom, members.length]);

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 py-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight wrap-anywhere sm:text-2xl">
          Members matching “{query.value}”
        </h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {summary}.{' '}
          {members.length > 0 && (
            <span className="hidden sm:inline">
              Use <kbd className="font-mono">↑</kbd> <kbd className="font-mono">↓</kbd> to move between results and
              Enter to open one.
            </span>
          )}
        </p>
      </div>
      {members.length === 0 ? (
        <div className="rounded-xl border border-zinc-200 bg-white p-6 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300">
          <p>
            {query.kind === 'user'
              ? 'No member of this company has that user id.'
              : 'Check the spelling, try part of the name, or search by email, user id or member id.'}
          </p>
        </div>
      ) : (
        <div ref={list}>
          <ResultsList members={members} />
        </div>
      )}
      {hasNextPage && (
        <button
          type="button"
          onClick={() => {
            setFocusFrom(members.length);
            void fetchNextPage();
          }}
          disabled={isFetchingNextPage}
          className="self-start rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          {isFetchingNextPage ? 'Loading more…' : 'Show more results'}
        </button>
      )}
    </div>
  );
}

/** A membership whose member record does not exist yet: say whose it is and where to look. */
function MembershipWithoutMember({ membership }: { membership: Membership }) {
  useDocumentTitle(membership.id);
  return (
    <div className="mx-auto max-w-2xl py-8">
      <div
        role="alert"
        className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h1 className="text-xl font-semibold">This membership has no member yet</h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          Membership <span className="font-mono">{membership.id}</span> ({membership.product.title}) exists, but Whop
          has not created its member record yet.
          {membership.user && (
            <>
              {' '}
              It belongs to <strong className="font-semibold">@{membership.user.username}</strong>.
            </>
          )}
        </p>
        {membership.user && (
          <Link
            to={searchPath(membership.user.id)}
            className="mt-4 inline-block font-medium text-indigo-700 underline dark:text-indigo-300"
          >
            Search for this user’s member record
          </Link>
        )}
      </div>
    </div>
  );
}

export function SearchResultsPage() {
  const data = useLoaderData<typeof searchLoader>();
  return (
    <QueryClientProvider client={queryClient}>
      {data.kind === 'membership' ? (
        <MembershipWithoutMember membership={data.membership} />
      ) : (
        <Results key={data.query.value} query={data.query} />
      )}
    </QueryClientProvider>
  );
}
