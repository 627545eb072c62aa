import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../../../lib/api/api-error';

const button =
  'rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800';

/** A titled region of the member page. */
export function Panel({
  id,
  title,
  busy = false,
  children,
}: {
  id: string;
  title: string;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      aria-busy={busy || undefined}
      className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id={`${id}-heading`}
        className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        {title}
      </h2>
      {children}
    </section>
  );
}

type PagedQuery = Pick<
  UseInfiniteQueryResult<unknown, Error>,
  'isPending' | 'isError' | 'error' | 'refetch' | 'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage'
>;

/**
 * What a history panel shows while it loads or when it cannot: a status line, a 403
 * notice naming the permissions (the rest of the page is unaffected), or the error with
 * Try again. Null once there are rows to show.
 */
export function panelState(query: PagedQuery, what: string): ReactNode | null {
  if (query.isPending) {
    return (
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading {what}…
      </p>
    );
  }
  if (!query.isError) return null;
  const error = query.error;
  if (error instanceof ApiError && error.code === 'upstream_forbidden') {
    return (
      <div
        role="note"
        aria-label={`${what[0]?.toUpperCase()}${what.slice(1)} unavailable`}
        className="rounded-lg bg-amber-50 p-4 text-sm text-amber-950 dark:bg-amber-950/60 dark:text-amber-100"
      >
        <p className="font-semibold">
          {what[0]?.toUpperCase()}
          {what.slice(1)} are hidden from this dashboard.
        </p>
        <p className="mt-1 wrap-anywhere">
          {error.message} Ask whoever runs this dashboard; everything else on this page is unaffected.
        </p>
      </div>
    );
  }
  return (
    <>
      <div role="alert" className="text-sm">
        <p className="font-semibold">Could not load {what}.</p>
        <p className="mt-1 text-zinc-700 wrap-anywhere dark:text-zinc-300">{error?.message}</p>
      </div>
      <button type="button" onClick={() => void query.refetch()} className={`mt-3 ${button}`}>
        Try again
      </button>
    </>
  );
}

/** "Show more", while there is a next page. A failed next page says so and offers it again. */
export function ShowMore({ query, label }: { query: PagedQuery; label: string }) {
  const failed = query.isError && (
    <p role="alert" className="mt-3 text-sm wrap-anywhere">
      Could not load more: {query.error?.message}
    </p>
  );
  if (!query.hasNextPage) return failed || null;
  return (
    <>
      {failed}
      <button
        type="button"
        onClick={() => void query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
        className={`mt-3 ${button}`}
      >
        {query.isFetchingNextPage ? 'Loading…' : label}
      </button>
    </>
  );
}

/** A labelled detail of a row. */
export function Detail({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${wide ? 'min-[480px]:col-span-2' : ''}`}>
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-sm wrap-anywhere">{children}</dd>
    </div>
  );
}
