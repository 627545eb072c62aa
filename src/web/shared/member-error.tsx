import { useEffect } from 'react';
import { Link, useLocation, useParams, useRevalidator, useRouteError, useSearchParams } from 'react-router';
import { signInHref } from '../../contract/auth';
import { ApiError, NetworkError } from '../api/api-error';
import { useDocumentTitle } from '../layout/use-document-title';
import { HOME_PATH, SEARCH_PARAM } from './app-urls';
import { useCountdown } from './use-countdown';

type View = {
  title: string;
  body: string;
  /**
   * Who must act: the manager can retry; an operator must fix configuration; `sign-in`
   * sends the manager to sign in again at once, `signed-out` offers it.
   */
  action: 'retry' | 'search' | 'operator' | 'wait' | 'sign-in' | 'signed-out';
  retryAfterSeconds?: number;
};

/** What went wrong and what to do about it; `id` is the member id or search the page was for. */
export function describeError(error: unknown, id: string | undefined): View {
  if (error instanceof NetworkError) {
    return { title: 'Could not reach the dashboard', body: error.message, action: 'retry' };
  }
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong', body: 'The page hit an unexpected error. Try again.', action: 'retry' };
  }
  switch (error.code) {
    case 'invalid_member_id':
      return { title: 'That is not a member id', body: error.message, action: 'search' };
    case 'member_not_found':
      return {
        title: 'No member with that id',
        body: `Whop has no member ${id ? `“${id}” ` : ''}in this company. Check the id, or ask for the member's id again.`,
        action: 'search',
      };
    case 'invalid_query':
      return { title: 'That search cannot be run', body: error.message, action: 'search' };
    case 'membership_not_found':
      return {
        title: 'No membership with that id',
        body: `Whop has no membership ${id ? `“${id}” ` : ''}in this company. Check the id on the receipt, or search by email instead.`,
        action: 'search',
      };
    case 'search_not_configured':
      return {
        title: 'Search by name, email or user id is not set up',
        body: `${error.message} Until then, look members up by member id (mber_…) or membership id (mem_…).`,
        action: 'search',
      };
    case 'upstream_unauthorized':
      return {
        title: "Whop rejected the dashboard's API key",
        body: `${error.message} Ask whoever runs this dashboard.`,
        action: 'operator',
      };
    case 'upstream_forbidden':
      return {
        title: 'The API key is missing permissions',
        body: `${error.message} Ask whoever runs this dashboard.`,
        action: 'operator',
      };
    case 'upstream_rate_limited':
    case 'rate_limited':
      return {
        title: 'Too many lookups right now',
        body:
          error.code === 'rate_limited'
            ? 'You have made many lookups in the last minute.'
            : 'Whop is limiting how fast this dashboard can ask.',
        action: 'wait',
        retryAfterSeconds: error.retryAfterSeconds ?? 10,
      };
    case 'upstream_timeout':
      return {
        title: 'Whop took too long to answer',
        body: 'This is usually brief. Try again in a moment.',
        action: 'retry',
      };
    case 'busy':
      return { title: 'The dashboard is busy', body: error.message, action: 'retry' };
    case 'unauthenticated':
      return {
        title: 'Your session has ended',
        body: 'Taking you to sign in with Whop; you will come back to this page.',
        action: 'sign-in',
      };
    case 'not_admin':
      return { title: 'You are no longer an admin', body: error.message, action: 'signed-out' };
    case 'auth_unavailable':
      return { title: 'Could not confirm your access', body: error.message, action: 'retry' };
    default:
      return {
        title: 'Whop could not be reached properly',
        body: `${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}`,
        action: 'retry',
      };
  }
}

function RetryCountdown({ seconds, onDone }: { seconds: number; onDone: () => void }) {
  const left = useCountdown(seconds, onDone);
  return (
    <p className="mt-3 text-sm" aria-live="polite">
      {left ? (
        <>
          Trying again in <strong className="tabular-nums">{left} s</strong>…
        </>
      ) : (
        'Trying again…'
      )}
    </p>
  );
}

/** The member and search routes' error boundary: one message per error code, and the next step. */
export function MemberError() {
  const error = useRouteError();
  const { id } = useParams();
  const [searchParams] = useSearchParams();
  const revalidator = useRevalidator();
  const location = useLocation();
  const view = describeError(error, id ?? searchParams.get(SEARCH_PARAM) ?? undefined);
  const retrying = revalidator.state === 'loading';
  const signIn = signInHref(`${location.pathname}${location.search}`);
  useDocumentTitle(view.title);
  useEffect(() => {
    // The session ended (idle or absolute timeout): sign in again and come straight back.
    if (view.action === 'sign-in') window.location.assign(signIn);
  }, [view.action, signIn]);

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6 py-8">
      <div
        role="alert"
        className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h1 className="text-xl font-semibold">{view.title}</h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">{view.body}</p>
        {view.action === 'search' && (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            Try another id in the search box above, or{' '}
            <Link to={HOME_PATH} className="font-medium text-indigo-700 underline dark:text-indigo-300">
              go back to search
            </Link>
            .
          </p>
        )}
        {view.action === 'operator' && (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            Retrying will not help until the key is fixed.
          </p>
        )}
        {view.action === 'wait' && view.retryAfterSeconds !== undefined && (
          <RetryCountdown seconds={view.retryAfterSeconds} onDone={() => void revalidator.revalidate()} />
        )}
        {(view.action === 'sign-in' || view.action === 'signed-out') && (
          <a
            href={signIn}
            className="mt-4 inline-block rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          >
            Sign in again
          </a>
        )}
        {view.action === 'retry' && (
          <button
            type="button"
            onClick={() => void revalidator.revalidate()}
            disabled={retrying}
            className="mt-4 rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60"
          >
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        )}
      </div>
    </div>
  );
}
