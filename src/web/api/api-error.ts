/** A failed API call: the HTTP status and the envelope's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
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
