import type { ErrorCode } from '../../../contract/api-error';

/**
 * Codes the browser gives a failure itself: `unexpected_response` when the answer was not
 * our envelope or not readable, `unknown_code` when the envelope's code is one this build
 * does not know (a newer server).
 */
export type ClientErrorCode = 'unexpected_response' | 'unknown_code';

/** Every code an ApiError can carry: the API's own, or one the browser assigned. */
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** A failed API call: the HTTP status and the envelope's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, server down, connection reset). */
export class NetworkError extends Error {
  constructor(message = 'Could not reach the dashboard server. Check your connection.') {
    super(message);
    this.name = 'NetworkError';
  }
}

/** Failures worth retrying by themselves: nobody did anything wrong, try again. */
export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return (
    error instanceof ApiError &&
    [502, 503, 504].includes(error.status) &&
    error.code !== 'upstream_unauthorized' &&
    error.code !== 'upstream_forbidden'
  );
}
