import { formatRelative } from '../../../lib/format/dates';
import { Icon } from '../../../lib/ui/icon';
import { useNow } from './use-now';

type Props = {
  updatedAt: number;
  refreshing: boolean;
  /** Why the last background refresh failed; the data shown is from before it. */
  refreshError: string | null;
  onRefresh: () => void;
};

/**
 * How old the data on screen is ("Updated 12s ago", kept live), a Refresh button (also
 * the `r` key), and a visible "Refreshing…" whenever a refetch runs in the background.
 */
export function Freshness({ updatedAt, refreshing, refreshError, onRefresh }: Props) {
  const now = useNow(1000);
  const iso = new Date(updatedAt).toISOString();
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      {/* Wide enough for "Updated 59s ago": Refresh beside it stays put as the time goes on. */}
      <p className="flex min-w-30 items-center gap-2 text-zinc-600 dark:text-zinc-400" data-testid="freshness">
        {refreshing ? (
          <>
            <span
              aria-hidden="true"
              className="size-3.5 animate-spin rounded-full border-2 border-zinc-300 border-t-indigo-600 dark:border-zinc-700 dark:border-t-indigo-400"
            />
            Refreshing…
          </>
        ) : (
          <span>
            Updated{' '}
            <time dateTime={iso} title={iso}>
              {formatRelative(iso, Math.max(now, updatedAt), undefined, 'narrow')}
            </time>
          </span>
        )}
      </p>
      <button
        type="button"
        onClick={onRefresh}
        aria-keyshortcuts="r"
        aria-disabled={refreshing || undefined}
        className="inline-flex items-center gap-1.5 rounded-md border border-zinc-300 px-3 py-1.5 font-medium text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        <Icon>
          <path d="M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6" />
        </Icon>
        Refresh
        {/* A visual hint only: the shortcut reaches assistive tech through aria-keyshortcuts. */}
        <span
          aria-hidden="true"
          className="hidden rounded border border-zinc-300 px-1 font-mono text-xs text-zinc-600 sm:inline dark:border-zinc-600 dark:text-zinc-400"
        >
          r
        </span>
      </button>
      {refreshError && (
        <p role="alert" className="basis-full text-rose-700 dark:text-rose-300">
          Could not refresh: {refreshError} Showing what was loaded before.
        </p>
      )}
    </div>
  );
}
