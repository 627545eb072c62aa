import { Hono } from 'hono';
import { parseMemberId } from '../contract/member-id';
import { CURSOR_PATTERN, type MemberSearchPage } from '../contract/member-search';
import type { Membership, MembershipPage } from '../contract/membership';
import { isWhopId, parseSearchQuery } from '../contract/search-query';
import type { AppEnv } from './app';
import type { MemberDirectory } from './member-directory';
import type { MemberLookup } from './member-lookup';
import { problems } from './problem';
import { sendProblem } from './send-problem';

export type DirectoryDeps = {
  directory: MemberDirectory;
  lookup: MemberLookup;
  /** The company text search runs in (WHOP_COMPANY_ID); null: text search is not configured. */
  companyId: string | null;
};

/** A page cursor is optional; when present it must look like one Whop handed out. */
function readCursor(value: string | undefined): { ok: true; cursor?: string } | { ok: false } {
  if (value === undefined) return { ok: true };
  return CURSOR_PATTERN.test(value) ? { ok: true, cursor: value } : { ok: false };
}

const BAD_CURSOR = 'That page cursor is not one this dashboard handed out. Start the search again.';

/**
 * Finding members the way managers do: by search text, user id or membership id, and a
 * member's memberships. Every input is validated as strictly as member ids before Whop
 * sees it; text only ever travels in query parameters, never in a URL path.
 */
export function directoryRoutes(deps: DirectoryDeps) {
  const api = new Hono<AppEnv>();

  api.get('/members', async (c) => {
    c.set('route', '/api/members');
    const parsed = parseSearchQuery(c.req.query('query') ?? '');
    if (!parsed.ok) return sendProblem(c, problems.invalidQuery(parsed.message));
    const { kind, value } = parsed.query;
    if (kind === 'member' || kind === 'membership') {
      return sendProblem(c, problems.invalidQuery(`That is a ${kind} id: look it up directly rather than searching.`));
    }
    const cursor = readCursor(c.req.query('cursor'));
    if (!cursor.ok) return sendProblem(c, problems.invalidQuery(BAD_CURSOR));
    if (!deps.companyId) return sendProblem(c, problems.searchNotConfigured());

    const result = await deps.directory.searchMembers({
      companyId: deps.companyId,
      ...(kind === 'user' ? { userId: value } : { query: value }),
      after: cursor.cursor,
    });
    c.set('lookup', result);
    if (!result.ok) return sendProblem(c, result.problem);
    return c.json(result.value satisfies MemberSearchPage);
  });

  api.get('/memberships/:id', async (c) => {
    c.set('route', '/api/memberships/:id');
    const id = c.req.param('id');
    if (!isWhopId('mem_', id)) {
      return sendProblem(c, problems.invalidQuery('Membership ids start with mem_ followed by letters and digits.'));
    }
    const result = await deps.directory.retrieveMembership(id);
    c.set('lookup', result);
    if (!result.ok) return sendProblem(c, result.problem);
    return c.json(result.value satisfies Membership);
  });

  api.get('/members/:id/memberships', async (c) => {
    c.set('route', '/api/members/:id/memberships');
    const parsed = parseMemberId(c.req.param('id'));
    if (!parsed.ok) return sendProblem(c, problems.invalidMemberId(parsed.message));
    const cursor = readCursor(c.req.query('cursor'));
    if (!cursor.ok) return sendProblem(c, problems.invalidQuery(BAD_CURSOR));

    // The member says whose memberships to list and in which company; it is usually
    // in the lookup's cache already, since the page showing this panel just fetched it.
    const member = await deps.lookup(parsed.id);
    if (!member.ok) {
      c.set('lookup', member);
      return sendProblem(c, member.problem);
    }
    if (!member.member.user) return c.json({ data: [], next_cursor: null } satisfies MembershipPage);
    const result = await deps.directory.listMemberships({
      companyId: member.member.company.id,
      userId: member.member.user.id,
      after: cursor.cursor,
    });
    c.set('lookup', result);
    if (!result.ok) return sendProblem(c, result.problem);
    return c.json(result.value satisfies MembershipPage);
  });

  return api;
}
