import { useEffect } from 'react';
import { Link, useLocation, useParams, useRevalidator, useRouteError, useSearchParams } from 'react-router';
import { signInHref } from '../../contract/auth';
import { HOME_PATH, SEARCH_PARAM } from './app-urls';
import { describeError } from './describe-error';
import { cn } from './ui/cn';
import { useCountdown } from './use-countdown';
import { useDocumentTitle } from './use-document-title';

const PRIMARY =
  'rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500';

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
        {view.action === 'operator' && view.hint && (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{view.hint}</p>
        )}
        {view.action === 'wait' && view.retryAfterSeconds !== undefined && (
          <RetryCountdown seconds={view.retryAfterSeconds} onDone={() => void revalidator.revalidate()} />
        )}
        {(view.action === 'sign-in' || view.action === 'signed-out') && (
          <a href={signIn} className={cn('mt-4 inline-block', PRIMARY)}>
            Sign in again
          </a>
        )}
        {view.action === 'reload' && (
          <button type="button" onClick={() => window.location.reload()} className={cn('mt-4', PRIMARY)}>
            Reload the page
          </button>
        )}
        {view.action === 'retry' && (
          <button
            type="button"
            onClick={() => void revalidator.revalidate()}
            disabled={retrying}
            className={cn('mt-4 disabled:opacity-60', PRIMARY)}
          >
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        )}
      </div>
    </div>
  );
}
