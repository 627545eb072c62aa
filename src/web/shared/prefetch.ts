import { loadMemberRoute } from './load-member-route';

/**
 * Fetches a member (or a membership's member) into the cache ahead of a click or Enter,
 * loading the member page's code on the way. Best effort: failures show up, if at all,
 * when the page is actually opened.
 */
export function prefetchId(kind: 'member' | 'membership', id: string) {
  void loadMemberRoute()
    .then((route) => route.prefetch(kind, id))
    .catch(() => {});
}
