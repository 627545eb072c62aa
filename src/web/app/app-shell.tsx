import { lazy, Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { PendingMember } from '../features/member/pending-member';
import { SearchForm } from '../features/search/search-form';
import { SearchingStatus } from '../features/search/searching-status';
import { Announcer } from '../lib/announcer';
import { useAppMeta } from '../lib/app-meta-context';
import { BULK_PATH, HOME_PATH, isMemberPath, SEARCH_PATH } from '../lib/app-urls';
import { mayUseShortcut } from '../lib/keyboard';
import { AfterPaint } from '../lib/use-after-paint';
import { useOnline } from './use-online';

// The theme is applied by the entry module before the first paint; only the switch
// arrives a moment later, in its own small chunk (docs/decisions/0002-bundle-budget.md),
// fetched once the page has painted.
const ThemeToggle = lazy(() => import('../lib/theme/theme-toggle'));

/** `/` anywhere on the page jumps to the search box, as on GitHub or Slack. */
function useSlashToSearch() {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || !mayUseShortcut(event)) return;
      const input = document.querySelector<HTMLInputElement>('[data-search-input]');
      if (!input) return;
      event.preventDefault();
      input.focus();
      input.select();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function Frame({ children, showSearch = true }: { children: React.ReactNode; showSearch?: boolean }) {
  const { mode, signedInAs } = useAppMeta();
  const online = useOnline();
  useSlashToSearch();
  return (
    <div className="min-h-dvh bg-zinc-50 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
      >
        Skip to content
      </a>
      {mode === 'demo' && (
        <div
          role="note"
          aria-label="Demo data"
          className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          <strong className="font-semibold">Demo data.</strong> These members are made up. Set{' '}
          <code className="font-mono">WHOP_API_KEY</code> to look up your real members.
        </div>
      )}
      {!online && (
        <div
          role="status"
          className="bg-zinc-900 px-4 py-2 text-center text-sm text-white dark:bg-zinc-100 dark:text-zinc-900"
        >
          You are offline. Lookups will work again when the connection is back.
        </div>
      )}
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
          <Link
            to={HOME_PATH}
            className="mr-auto flex items-center gap-2 font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <span
              aria-hidden="true"
              className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white"
            >
              M
            </span>
            Member lookup
          </Link>
          <Link to={BULK_PATH} className="text-sm underline">
            Bulk lookup
          </Link>
          {showSearch && (
            <div className="order-last w-full sm:order-none sm:w-auto sm:max-w-sm sm:flex-1">
              <SearchForm variant="header" />
            </div>
          )}
          <AfterPaint fallback={<span className="size-9" />}>
            <Suspense fallback={<span className="size-9" />}>
              <ThemeToggle />
            </Suspense>
          </AfterPaint>
          {signedInAs && <SignedInAs name={signedInAs} />}
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
      <Announcer />
    </div>
  );
}

/** Who is signed in, and a way out. A plain form POST: no script, CSRF-checked by Origin. */
function SignedInAs({ name }: { name: string }) {
  return (
    <form method="post" action="/auth/logout" className="flex items-center gap-3 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">
        Signed in as <strong className="font-medium text-zinc-900 dark:text-zinc-100">{name}</strong>
      </span>
      <button
        type="submit"
        className="rounded-lg border border-zinc-300 px-3 py-1.5 font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Sign out
      </button>
    </form>
  );
}

/** The layout route: header with search everywhere but on the search page itself. */
export function AppShell() {
  const location = useLocation();
  const navigation = useNavigation();
  const pending = navigation.state === 'loading' ? navigation.location.pathname : null;
  return (
    <Frame showSearch={location.pathname !== HOME_PATH}>
      {pending && isMemberPath(pending) ? (
        <PendingMember />
      ) : pending === SEARCH_PATH ? (
        <SearchingStatus />
      ) : (
        <Outlet />
      )}
    </Frame>
  );
}
