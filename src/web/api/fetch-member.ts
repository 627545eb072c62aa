import { type Member, MemberSchema } from '../../contract/member';
import { fetchApi } from './fetch-api';

/** GET /api/members/:id, parsed with the same schema the server uses. */
export function fetchMember(id: string, signal?: AbortSignal): Promise<Member> {
  return fetchApi(`/api/members/${encodeURIComponent(id)}`, MemberSchema, 'a member record', signal);
}
