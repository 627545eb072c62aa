import { memberApiPath } from '../../../contract/api-paths';
import { type Member, MemberSchema } from '../../../contract/member';
import { fetchApi } from './fetch-api';

/**
 * GET /api/members/:id, parsed with the same schema the server uses. `fresh`: the server
 * asks Whop even when it holds a recent answer (an explicit refresh).
 */
export function fetchMember(id: string, signal?: AbortSignal, options?: { fresh?: boolean }): Promise<Member> {
  return fetchApi(memberApiPath(id), MemberSchema, 'a member record', signal, options);
}
