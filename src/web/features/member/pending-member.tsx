import { lazy, Suspense } from 'react';
import { loadOnce } from '../../lib/load-once';

type SkeletonModule = typeof import('./member-skeleton');
let loaded: SkeletonModule | undefined;

/**
 * The member skeleton is a chunk of its own, out of the entry (docs/decisions/0002-bundle-budget.md):
 * it only shows while a member's page loads. It is fetched whenever the member route's code is
 * (app/member-route-loader.ts: the search box's warm-up, fetch-ahead, the router), and a
 * deep link's `Link` header preloads it beside that code (server/deep-link-preload.ts).
 */
export const loadMemberSkeleton = loadOnce(() => import('./member-skeleton').then((m) => (loaded = m)));
const Skeleton = lazy(() => loadMemberSkeleton().then((m) => ({ default: m.MemberSkeleton })));

/**
 * What a member's page shows while it loads: the skeleton. Once its chunk is in it renders at
 * once (a `lazy` component suspends on its first mount even then); before, after its few
 * hundred bytes.
 */
export function PendingMember() {
  if (loaded) return <loaded.MemberSkeleton />;
  return (
    <Suspense fallback={null}>
      <Skeleton />
    </Suspense>
  );
}
