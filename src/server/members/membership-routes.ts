import { parseMemberIdParam } from '../../contract/member-id';
import type { MembershipPage } from '../../contract/membership';
import { problems } from '../../contract/problem';
import { isWhopId } from '../../contract/search-query';
import { factory } from '../app-env';
import { sendProblem } from '../http/send-problem';
import { answerWith, badCursor, readCursor } from './answer';
import type { MemberDirectory } from './member-directory';
import type { MemberLookup } from './member-lookup';

export type MembershipRoutesDeps = { lookup: MemberLookup; directory: MemberDirectory };

/** GET /memberships/:id, one membership, and GET /members/:id/memberships, a member's memberships. */
export function membershipRoutes(deps: MembershipRoutesDeps) {
  const routes = factory.createApp();

  routes.get('/memberships/:id', async (c) => {
    const id = c.req.param('id');
    if (!isWhopId('mem_', id)) {
      return sendProblem(c, problems.invalidQuery('Membership ids start with mem_ followed by letters and digits.'));
    }
    return answerWith(c, await deps.directory.retrieveMembership(id));
  });

  routes.get('/members/:id/memberships', async (c) => {
    const parsed = parseMemberIdParam(c.req.param('id'));
    if (!parsed.ok) return sendProblem(c, problems.invalidMemberId(parsed.message));
    const cursor = readCursor(c.req.query('cursor'));
    if (!cursor.ok) return sendProblem(c, badCursor());

    // The member says whose memberships to list and in which company; it is usually
    // in the lookup's cache already, since the page showing this panel just fetched it.
    const member = await deps.lookup(parsed.id);
    if (!member.ok) return answerWith(c, member);
    const { user, company } = member.value;
    if (!user) return c.json({ data: [], next_cursor: null } satisfies MembershipPage);
    const result = await deps.directory.listMemberships({
      companyId: company.id,
      userId: user.id,
      after: cursor.cursor,
    });
    return answerWith(c, result);
  });

  return routes;
}
