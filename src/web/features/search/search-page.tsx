import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useAppMeta } from '../../lib/app-meta-context';
import { memberPath } from '../../lib/app-urls';
import { AfterPaint } from '../../lib/use-after-paint';
import { useDocumentTitle } from '../../lib/use-document-title';
import { SearchForm } from './search-form';

// Not part of what `/` must load before it can be used (docs/decisions/0002), and fetched
// once the page has painted.
const RecentLookups = lazy(() => import('./recent-lookups'));

export function SearchPage() {
  const { mode, demoMembers } = useAppMeta();
  useDocumentTitle(null);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-10 py-10 sm:py-16">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Find a member</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          See who a member is and where they stand. Share the page's address with a colleague and they see the same
          member.
        </p>
      </div>
      <SearchForm variant="hero" autoFocus />
      {mode === 'demo' && demoMembers.length > 0 && (
        <section aria-labelledby="demo-members-heading">
          <h2 id="demo-members-heading" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
            Try a demo member
          </h2>
          <ul className="mt-3 flex flex-wrap gap-2">
            {demoMembers.map((m) => (
              <li key={m.id} className="max-w-full">
                <Link
                  to={memberPath(m.id)}
                  className="inline-flex max-w-full flex-col rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:bg-zinc-900"
                >
                  <span className="font-medium">{m.label}</span>
                  <span className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{m.id}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* Last, so that when this lazily loaded list appears nothing above it moves under
          the pointer (the demo links were once pushed down mid-click). */}
      <AfterPaint>
        <Suspense fallback={null}>
          <RecentLookups />
        </Suspense>
      </AfterPaint>
    </div>
  );
}
