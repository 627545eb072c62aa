import { memberListApiPath } from '../../../contract/api-paths';
import {
  MEMBER_LISTS,
  type MemberListItem,
  type MemberListName,
  type MemberListPage,
} from '../../../contract/member-lists';
import { fetchApi } from './fetch-api';

/**
 * GET /api/members/:id/<path>: one page of one of a member's lists (memberships, payments,
 * token transactions: src/contract/member-lists.ts), parsed with the list's own page schema.
 */
export function fetchMemberList<N extends MemberListName>(
  name: N,
  memberId: string,
  cursor: string | null,
): Promise<MemberListPage<MemberListItem<N>>> {
  const list = MEMBER_LISTS[name];
  return fetchApi(memberListApiPath(memberId, list.path, cursor), list.page, list.records);
}
