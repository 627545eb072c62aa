import { memberRoute } from './member-route-link';

// Only lazily loaded modules import this, so it stays out of what `/` loads
// (docs/decisions/0002-bundle-budget.md).

/**
 * Fetches a member (or a membership's member) into the cache ahead of a click or Enter,
 * loading the member page's code on the way. Best effort: failures show up, if at all,
 * when the page is actually opened.
 */
export function prefetchId(kind: 'member' | 'membership', id: string) {
  void memberRoute
    .current?.()
    .then((route) => route.prefetch(kind, id))
    .catch(() => {});
}
