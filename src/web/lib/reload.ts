/**
 * Whether this page load was the browser's Refresh (F5, the reload button), and of which
 * path. Refresh means fresh (issue 14): the first member lookup after a reload asks Whop,
 * past the server's short member cache, as the dashboard's own Refresh button does. Only
 * once, and only for the page that was reloaded: moving on to another member is not a refresh.
 */
export function reloadedPath(entry: Pick<PerformanceNavigationTiming, 'type' | 'name'> | undefined): string | null {
  // The document's own URL, not location: this module loads lazily, and by then the app may
  // have moved on (a reload of / and then Back to a member is not a reload of that member).
  return entry?.type === 'reload' && URL.canParse(entry.name) ? new URL(entry.name).pathname : null;
}

let pending: string | null = reloadedPath(
  globalThis.performance?.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined,
);

/** True once, for the path the browser reloaded; false for every other lookup. */
export function takeReloadFreshness(path: string): boolean {
  if (pending === null || pending !== path) return false;
  pending = null;
  return true;
}

/** Tests: pretend the page at `path` was just reloaded (null: it was not). */
export function setReloadedPathForTests(path: string | null) {
  pending = path;
}
