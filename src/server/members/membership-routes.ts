import { API_ROUTES } from '../../contract/api-paths';
import { problems } from '../../contract/problem';
import { isWhopId } from '../../contract/search-query';
import { factory } from '../app-env';
import { sendProblem } from '../http/send-problem';
import { answerWith } from './answer';
import type { MemberDirectory } from './member-directory';

export type MembershipRoutesDeps = { directory: MemberDirectory };

/** GET /memberships/:id: one membership (a member's memberships are a list: list-routes.ts). */
export function membershipRoutes(deps: MembershipRoutesDeps) {
  const routes = factory.createApp();

  routes.get(API_ROUTES.membership, async (c) => {
    const id = c.req.param('id');
    if (!isWhopId('mem_', id)) {
      return sendProblem(c, problems.invalidQuery('Membership ids start with mem_ followed by letters and digits.'));
    }
    return answerWith(c, await deps.directory.retrieveMembership(id));
  });

  return routes;
}
