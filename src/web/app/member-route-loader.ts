import { loadMemberSkeleton } from '../features/member/pending-member';
import { loadOnce } from '../lib/load-once';
import { memberRoute } from '../lib/member-route-link';

// The one place that loads the member route's code: the router, and through
// lib/member-route-link.ts the search box (on focus) and fetch-ahead (lib/prefetch-member.ts).
// The code itself is the lazy chunk `features/member/member-route.ts`
// (docs/decisions/0002-bundle-budget.md).

/**
 * Downloads the member route's code once; a failed download can be tried again. The skeleton
 * a member's page shows while it loads comes along (its own small chunk, pending-member.tsx).
 */
export const loadMemberRoute = loadOnce(() => {
  void loadMemberSkeleton().catch(() => {});
  return import('../features/member/member-route');
});
memberRoute.current = loadMemberRoute;
