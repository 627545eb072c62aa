import { ApiErrorEnvelopeSchema } from '../../contract/api-error';
import { API_REQUEST_HEADER } from '../../contract/auth';
import { MemberSchema, type Member } from '../../contract/member';
import { ApiError, NetworkError } from './api-error';

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

/**
 * GET /api/members/:id, parsed with the same schema the server uses. Throws ApiError or
 * NetworkError; what to show is the route's decision, not this function's.
 */
export async function fetchMember(id: string, signal?: AbortSignal): Promise<Member> {
  let response: Response;
  try {
    response = await fetch(`/api/members/${encodeURIComponent(id)}`, {
      signal,
      headers: { accept: 'application/json', [API_REQUEST_HEADER.name]: API_REQUEST_HEADER.value },
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new NetworkError();
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }

  if (!response.ok) {
    const envelope = ApiErrorEnvelopeSchema.safeParse(body);
    if (envelope.success) {
      const { code, message, request_id } = envelope.data.error;
      throw new ApiError(response.status, code, message, retryAfter(response), request_id);
    }
    throw new ApiError(response.status, 'unexpected_response', `The dashboard server answered ${response.status}.`, retryAfter(response));
  }

  const member = MemberSchema.safeParse(body);
  if (!member.success) {
    throw new ApiError(502, 'unexpected_response', 'The dashboard server sent a member record we could not read.');
  }
  return member.data;
}
