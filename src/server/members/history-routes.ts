import type { Context } from 'hono';
import { parseMemberIdParam } from '../../contract/member-id';
import { problems } from '../../contract/problem';
import { type AppEnv, factory } from '../app-env';
import { sendProblem } from '../http/send-problem';
import type { UpstreamOutcome } from '../upstream/upstream-call';
import { answerWith, badCursor, readCursor } from './answer';
import { type HistoryFilter, historyFilterFor, type MemberHistory } from './member-history';
import type { MemberLookup } from './member-lookup';

export type HistoryRoutesDeps = {
  lookup: MemberLookup;
  history: MemberHistory;
  /** WHOP_COMPANY_ID; when unset, the member's own company (the one the key sees). */
  companyId: string | null;
};

/**
 * GET /members/:id/payments and GET /members/:id/token-transactions: where the member's
 * spend and token balance came from, a page at a time (`?cursor=`).
 */
export function historyRoutes(deps: HistoryRoutesDeps) {
  const routes = factory.createApp();

  const listFor =
    <T>(list: (filter: HistoryFilter) => Promise<UpstreamOutcome<T>>) =>
    async (c: Context<AppEnv>) => {
      const parsed = parseMemberIdParam(c.req.param('id') ?? '');
      if (!parsed.ok) return sendProblem(c, problems.invalidMemberId(parsed.message));
      const cursor = readCursor(c.req.query('cursor'));
      if (!cursor.ok) return sendProblem(c, badCursor());

      // The member says whose history to list; the page showing these panels just fetched it.
      // No user, nothing to search for: the lists are empty without asking Whop.
      const member = await deps.lookup(parsed.id);
      if (!member.ok) return answerWith(c, member);
      const filter = historyFilterFor(member.value, deps.companyId, cursor.cursor);
      if (!filter) return c.json({ data: [], next_cursor: null });
      return answerWith(c, await list(filter));
    };

  routes.get('/members/:id/payments', listFor(deps.history.listPayments));
  routes.get('/members/:id/token-transactions', listFor(deps.history.listTokenTransactions));
  return routes;
}
