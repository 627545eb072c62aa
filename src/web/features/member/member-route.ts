// The member route's code, loaded on demand through app/member-route-loader.ts. Its
// `loader`, `Component` and `ErrorBoundary` are what React Router's `lazy` reads off it.

import { warmFormattersWhenIdle } from '../../lib/format/warm-formatters';
import { MemberError } from '../../lib/member-error';
import { membershipQuery } from '../../lib/membership-query';
import { queryClient } from '../../lib/query-client';
import { whenIdle } from '../../lib/when-idle';
import { rememberTimeZone } from './first-paint-data';
import { loadHistoryPanels, MemberPage, memberLoader } from './member-page';
import { memberQuery } from './member-query';

export { MemberError as ErrorBoundary, MemberPage as Component, memberLoader as loader };

/**
 * Puts a member in the cache before anyone asks: a membership id is resolved to its
 * member first. Errors are swallowed here; opening the page shows them properly.
 */
export async function prefetch(kind: 'member' | 'membership', id: string) {
  if (kind === 'member') return queryClient.prefetchQuery(memberQuery(id));
  const membership = await queryClient.fetchQuery(membershipQuery(id)).catch(() => null);
  if (membership?.member) await queryClient.prefetchQuery(memberQuery(membership.member.id));
}

warmFormattersWhenIdle();
// For the next deep link the server renders (first-paint-data.ts).
whenIdle(rememberTimeZone);
// The panels' chunk too, so a member's page never waits for it (counted in the idle budget,
// scripts/bundle-size.mjs).
whenIdle(() => void loadHistoryPanels().catch(() => {}));
