import { memberListRoute } from '../../contract/api-paths';
import { parseMemberIdParam } from '../../contract/member-id';
import { MEMBER_LIST_NAMES, MEMBER_LISTS, type MemberListName } from '../../contract/member-lists';
import { problems } from '../../contract/problem';
import { factory } from '../app-env';
import { sendProblem } from '../http/send-problem';
import { answerWith, badCursor, readCursor } from './answer';
import { listFilterFor, type MemberLists } from './member-lists';
import type { MemberLookup } from './member-lookup';

export type ListRoutesDeps = {
  lookup: MemberLookup;
  lists: MemberLists;
  /** WHOP_COMPANY_ID; when unset, the member's own company (the one the key sees). */
  companyId: string | null;
};

/**
 * GET /members/:id/<path> for each of the member's lists (src/contract/member-lists.ts):
 * memberships, payments, token transactions, a page at a time (`?cursor=`).
 */
export function listRoutes(deps: ListRoutesDeps) {
  const routes = factory.createApp();

  for (const name of MEMBER_LIST_NAMES) {
    routes.get(memberListRoute(MEMBER_LISTS[name].path), async (c) => {
      const parsed = parseMemberIdParam(c.req.param('id') ?? '');
      if (!parsed.ok) return sendProblem(c, problems.invalidMemberId(parsed.message));
      const cursor = readCursor(c.req.query('cursor'));
      if (!cursor.ok) return sendProblem(c, badCursor());

      // The member says whose records to list; the page showing these panels just fetched it.
      // No user, nothing to search for: the lists are empty without asking Whop.
      const member = await deps.lookup(parsed.id);
      if (!member.ok) return answerWith(c, member);
      const filter = listFilterFor(member.value, deps.companyId, cursor.cursor);
      if (!filter) return c.json({ data: [], next_cursor: null });
      return answerWith(c, await deps.lists.list(name satisfies MemberListName, filter));
    });
  }
  return routes;
}
