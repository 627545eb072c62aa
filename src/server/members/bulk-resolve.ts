import type { BulkMember, BulkRowResult } from '../../contract/bulk';
import type { Member } from '../../contract/member';
import type { MemberListItem } from '../../contract/member-search';
import { type Problem, problems } from '../../contract/problem';
import type { SearchQuery } from '../../contract/search-query';
import type { MemberDirectory } from './member-directory';
import type { MemberLookup } from './member-lookup';

/**
 * One pasted line's query resolved as the search box would (issue 27): ids looked up,
 * emails, usernames, names and user ids searched in the company. Table-tested in
 * bulk-resolve.test.ts; the runner (bulk-runner.ts) asks it once per distinct query.
 */

/** What a query came to: a row's outcome, or "ask again later" when Whop was busy or rate limiting. */
export type BulkAnswer =
  | Extract<BulkRowResult, { outcome: 'found' | 'not_found' | 'ambiguous' | 'failed' }>
  | { outcome: 'again'; retryAfterSeconds: number | null };

export type BulkResolveDeps = {
  /** The member lookup over the bulk-priority source, sharing the single lookups' cache. */
  lookup: MemberLookup;
  /** The directory over the bulk-priority source. */
  directory: MemberDirectory;
  /** The company searches run in; null: email, username, name and user-id lines fail. */
  companyId: string | null;
};

/** Problems that say "not now" rather than "no": the row is asked again once the budget lets it. */
const AGAIN_CODES = new Set<Problem['code']>(['upstream_rate_limited', 'busy']);
const NOT_FOUND_CODES = new Set<Problem['code']>(['member_not_found', 'membership_not_found']);

/**
 * The key two lines share when they ask the same thing: the kind and the value, an email
 * in lower case (Whop's emails compare without case), so each is asked once.
 */
export function bulkQueryKey(query: SearchQuery): string {
  return `${query.kind}:${query.kind === 'email' ? query.value.toLowerCase() : query.value}`;
}

/** A found member's columns: the record, picked (a search result has no company; none is needed). */
export function bulkMember(member: Member | MemberListItem): BulkMember {
  return {
    id: member.id,
    name: member.user?.name ?? null,
    username: member.user?.username ?? null,
    email: member.user?.email ?? null,
    access_level: member.access_level,
    status: member.status,
    most_recent_action: member.most_recent_action,
    most_recent_action_at: member.most_recent_action_at,
    usd_total_spent: member.usd_total_spent,
    company_token_balance: member.company_token_balance,
    joined_at: member.joined_at,
  };
}

function fromProblem(problem: Problem): BulkAnswer {
  // Only Whop's 429 is a pause ("Whop asked us to slow down"); our own busy is just "again".
  if (AGAIN_CODES.has(problem.code))
    return {
      outcome: 'again',
      retryAfterSeconds: problem.code === 'upstream_rate_limited' ? (problem.retryAfterSeconds ?? null) : null,
    };
  if (NOT_FOUND_CODES.has(problem.code)) return { outcome: 'not_found' };
  return { outcome: 'failed', message: problem.message };
}

/** Zero, one or many search results as a row's outcome. */
function fromMatches(items: readonly MemberListItem[], more: boolean, query: string): BulkAnswer {
  const [only] = items;
  if (only === undefined) return { outcome: 'not_found' };
  if (items.length === 1 && !more) return { outcome: 'found', member: bulkMember(only) };
  return { outcome: 'ambiguous', matches: items.length, more, query };
}

export async function resolveBulkQuery(
  query: SearchQuery,
  deps: BulkResolveDeps,
  signal?: AbortSignal,
): Promise<BulkAnswer> {
  const member = async (id: string): Promise<BulkAnswer> => {
    const found = await deps.lookup(id, { signal });
    return found.ok ? { outcome: 'found', member: bulkMember(found.value) } : fromProblem(found.problem);
  };

  if (query.kind === 'member') return member(query.value);
  if (query.kind === 'membership') {
    const membership = await deps.directory.retrieveMembership(query.value, signal);
    if (!membership.ok) return fromProblem(membership.problem);
    const memberId = membership.value.member?.id;
    return memberId ? member(memberId) : { outcome: 'not_found' };
  }

  const companyId = deps.companyId;
  if (!companyId) return { outcome: 'failed', message: problems.searchNotConfigured().message };
  const page = await deps.directory.searchMembers({
    companyId,
    ...(query.kind === 'user' ? { userId: query.value } : { query: query.value }),
    signal,
  });
  if (!page.ok) return fromProblem(page.problem);
  const more = page.value.next_cursor !== null;
  if (query.kind === 'email') {
    // Whop's search matches parts of names too: only the member with exactly this email counts.
    const email = query.value.toLowerCase();
    const exact = page.value.data.filter((m) => m.user?.email?.toLowerCase() === email);
    return fromMatches(exact, false, query.value);
  }
  return fromMatches(page.value.data, more, query.value);
}
