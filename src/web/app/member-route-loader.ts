import { loadMemberSkeleton } from '../features/member/pending-member';
import { loadOnce } from '../lib/load-once';

// The one place that loads the member route's code: the router, the search box (on
// focus) and fetch-ahead (prefetch-member.ts) all go through it. The code itself is the
// lazy chunk `features/member/member-route.ts` (docs/decisions/0002-bundle-budget.md).

/**
 * Downloads the member route's code once; a failed download can be tried again. The skeleton
 * a member's page shows while it loads comes along (its own small chunk, pending-member.tsx).
 */
export const loadMemberRoute = loadOnce(() => {
  void loadMemberSkeleton().catch(() => {});
  return import('../features/member/member-route');
});

/** The router's `lazy` for `/members/:id`: loader, page and error boundary. */
export async function lazyMemberRoute() {
  const route = await loadMemberRoute();
  return { loader: route.memberLoader, Component: route.MemberPage, ErrorBoundary: route.MemberError };
}
