import { loadOnce } from '../load-once';

// Everything about loading the member route's code lives here: the router, the search
// box (on focus) and links that fetch ahead all go through it. The code itself is the
// lazy chunk `features/member/member-route.ts` (docs/decisions/0002-bundle-budget.md).

/** Downloads the member route's code once; a failed download can be tried again. */
export const loadMemberRoute = loadOnce(() => import('../features/member/member-route'));

/** The router's `lazy` for `/members/:id`: loader, page and error boundary. */
export async function lazyMemberRoute() {
  const route = await loadMemberRoute();
  return { loader: route.memberLoader, Component: route.MemberPage, ErrorBoundary: route.MemberError };
}

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
