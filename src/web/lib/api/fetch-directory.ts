import { membershipApiPath, searchApiPath } from '../../../contract/api-paths';
import { type MemberSearchPage, MemberSearchPageSchema } from '../../../contract/member-search';
import { type Membership, MembershipSchema } from '../../../contract/membership';
import { fetchApi } from './fetch-api';

/** GET /api/members?query=…: one page of members matching a search. */
export function fetchMemberSearch(
  query: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<MemberSearchPage> {
  return fetchApi(searchApiPath(query, cursor), MemberSearchPageSchema, 'search results', signal);
}

/** GET /api/memberships/:id: a membership, and through it, its member. */
export function fetchMembership(id: string, signal?: AbortSignal): Promise<Membership> {
  return fetchApi(membershipApiPath(id), MembershipSchema, 'a membership record', signal);
}
