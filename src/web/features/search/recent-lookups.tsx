import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { announce } from '../../lib/announcer';
import { memberPath } from '../../lib/app-urls';
import { formatRelative } from '../../lib/format/dates';
import { prefetchId } from '../../lib/prefetch-member';
import { clearRecent, type RecentLookup, readRecent } from '../../lib/recent-lookups-store';

/** The search page's list of the last members opened in this browser. */
export default function RecentLookups() {
  const [items, setItems] = useState<RecentLookup[]>(readRecent);
  const heading = useRef<HTMLHeadingElement>(null);
  const now = Date.now();

  // Another tab may open members too.
  useEffect(() => {
    const onStorage = () => setItems(readRecent());
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  function onClear() {
    clearRecent();
    setItems([]);
    announce('Recent lookups cleared');
    heading.current?.focus();
  }

  return (
    <section aria-labelledby="recent-heading">
      <div className="flex items-center justify-between gap-3">
        <h2
          id="recent-heading"
          ref={heading}
          tabIndex={-1}
          className="text-sm font-medium text-zinc-700 outline-none dark:text-zinc-300"
        >
          Recent lookups
        </h2>
        {items.length > 0 && (
          <button
            type="button"
            onClick={onClear}
            className="rounded px-2 py-1 text-sm text-zinc-700 underline hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:text-white"
          >
            Clear all
          </button>
        )}
      </div>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Members you open appear here, so you can get back to them in one click.
        </p>
      ) : (
        <ul
          aria-labelledby="recent-heading"
          className="mt-2 divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
        >
          {items.map((item) => (
            <li key={item.id}>
              <Link
                to={memberPath(item.id)}
                // Fetched on hover or focus, so the click shows the member at once.
                onMouseEnter={() => prefetchId('member', item.id)}
                onFocus={() => prefetchId('member', item.id)}
                className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-3 py-2 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800/60"
              >
                <span className="font-medium break-words">{item.name}</span>
                <span className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{item.id}</span>
                <time
                  dateTime={new Date(item.at).toISOString()}
                  className="ml-auto text-xs text-zinc-600 dark:text-zinc-400"
                >
                  {formatRelative(new Date(item.at).toISOString(), now)}
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
