import { lazy, Suspense } from 'react';
import { loadOnce } from '../../load-once';

/**
 * The member skeleton is a chunk of its own, out of the entry (docs/decisions/0002-bundle-budget.md):
 * it only shows while a member's page loads, and the member route's own chunk imports it,
 * so it is there whenever that code is (search box focus, fetch-ahead, a deep link's preload).
 */
export const loadMemberSkeleton = loadOnce(() => import('./member-skeleton'));
const Skeleton = lazy(() => loadMemberSkeleton().then((m) => ({ default: m.MemberSkeleton })));

/** What a member's page shows while it loads: the skeleton, once its few hundred bytes are in. */
export function PendingMember() {
  return (
    <Suspense fallback={null}>
      <Skeleton />
    </Suspense>
  );
}
