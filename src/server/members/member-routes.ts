import { API_ROUTES } from '../../contract/api-paths';
import { parseMemberIdParam } from '../../contract/member-id';
import { problems } from '../../contract/problem';
import { parseSearchQuery } from '../../contract/search-query';
import { factory } from '../app-env';
import { asksForFresh } from '../http/cache-control';
import { sendProblem } from '../http/send-problem';
import { answerWith, badCursor, readCursor } from './answer';
import type { MemberDirectory } from './member-directory';
import type { MemberLookup } from './member-lookup';

export type MemberRoutesDeps = {
  lookup: MemberLookup;
  directory: MemberDirectory;
  /** The company text search runs in (WHOP_COMPANY_ID); null: text search is not configured. */
  companyId: string | null;
};

/**
 * GET /members/:id, one member by id, and GET /members?query=, finding members the way
 * managers do (search text or user id). Every input is validated as strictly as member ids
 * before Whop sees it; text only ever travels in query parameters, never in a URL path.
 */
export function memberRoutes(deps: MemberRoutesDeps) {
  const routes = factory.createApp();

  routes.get(API_ROUTES.member, async (c) => {
    const parsed = parseMemberIdParam(c.req.param('id'));
    if (!parsed.ok) return sendProblem(c, problems.invalidMemberId(parsed.message));
    // Refresh in the dashboard marks its request: that one asks Whop, past the member cache.
    return answerWith(c, await deps.lookup(parsed.id, { fresh: asksForFresh(c.req.header('cache-control')) }));
  });

  routes.get(API_ROUTES.search, async (c) => {
    const parsed = parseSearchQuery(c.req.query('query') ?? '');
    if (!parsed.ok) return sendProblem(c, problems.invalidQuery(parsed.message));
    const { kind, value } = parsed.query;
    if (kind === 'member' || kind === 'membership') {
      return sendProblem(c, problems.invalidQuery(`That is a ${kind} id: look it up directly rather than searching.`));
    }
    const cursor = readCursor(c.req.query('cursor'));
    if (!cursor.ok) return sendProblem(c, badCursor());
    if (!deps.companyId) return sendProblem(c, problems.searchNotConfigured());

    const result = await deps.directory.searchMembers({
      companyId: deps.companyId,
      ...(kind === 'user' ? { userId: value } : { query: value }),
      after: cursor.cursor,
    });
    return answerWith(c, result);
  });

  return routes;
}
