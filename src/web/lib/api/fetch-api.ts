import { ApiErrorEnvelopeSchema, isErrorCode } from '../../../contract/api-error';
import { API_REQUEST_HEADER } from '../../../contract/auth';
import type { z } from '../../../contract/zod';
import { ApiError, NetworkError } from './api-error';

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

/**
 * GET one of our API's paths and parse the answer with the same schema the server uses.
 * Throws ApiError or NetworkError; what to show is the caller's decision. `fresh` asks
 * the server for Whop's answer rather than one it kept (`Cache-Control: no-cache`): for
 * an explicit refresh, never for a fetch the app makes by itself. `body` makes it a POST
 * of that value as JSON (the bulk list's actions); the same header goes with it, which the
 * server requires of every POST from the page.
 */
export async function fetchApi<T extends z.ZodMiniType>(
  path: string,
  schema: T,
  what: string,
  signal?: AbortSignal,
  { fresh = false, body: sent }: { fresh?: boolean; body?: unknown } = {},
): Promise<z.infer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      signal,
      ...(sent !== undefined && { method: 'POST', body: JSON.stringify(sent) }),
      headers: {
        accept: 'application/json',
        [API_REQUEST_HEADER.name]: API_REQUEST_HEADER.value,
        ...(fresh && { 'cache-control': 'no-cache' }),
        ...(sent !== undefined && { 'content-type': 'application/json' }),
      },
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
      // A code this build does not know still carries the server's message, shown neutrally.
      const known = isErrorCode(code) ? code : 'unknown_code';
      throw new ApiError(response.status, known, message, retryAfter(response), request_id);
    }
    throw new ApiError(
      response.status,
      'unexpected_response',
      `The dashboard server answered ${response.status}.`,
      retryAfter(response),
    );
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(502, 'unexpected_response', `The dashboard server sent ${what} we could not read.`);
  }
  return parsed.data;
}
