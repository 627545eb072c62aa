import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Where Whop's API lives on the stand-in, as on api.whop.com. */
export const API_PREFIX = '/api/v1';

export type StandInEnv = {
  Bindings: HttpBindings;
  /** Which call for this member id the request is, from 1 (set on `/members/:id` only). */
  Variables: { call: number };
};
export type StandInContext = Context<StandInEnv>;

/**
 * The `Api-Version-Date` values the stand-in answers, as Whop answers only versions it
 * knows: the one the fixtures are shaped for. A call without one, or with another, gets a 400.
 */
export const KNOWN_API_VERSIONS: readonly string[] = ['2026-07-20'];

/** Whop's error envelope: `{ error: { type, message } }`. */
function whopError(c: Context, status: ContentfulStatusCode, type: string, message: string) {
  return c.json({ error: { type, message } }, status);
}

/** The error answers Whop gives, one per kind. */
export const whopErrors = {
  badRequest: (c: Context, message = 'Bad request') => whopError(c, 400, 'invalid_request_error', message),
  unauthorized: (c: Context) => whopError(c, 401, 'unauthorized', 'Invalid or missing API key'),
  forbidden: (c: Context) => whopError(c, 403, 'forbidden', 'You do not have permission to access this resource'),
  notFound: (c: Context) => whopError(c, 404, 'not_found', 'Resource not found'),
  methodNotAllowed: (c: Context) => whopError(c, 405, 'method_not_allowed', 'Method not allowed'),
  unprocessable: (c: Context) => whopError(c, 422, 'verification_required', 'Verification required'),
  requestTimeout: (c: Context) => whopError(c, 408, 'request_timeout', 'Request timeout'),
  internal: (c: Context) => whopError(c, 500, 'internal_server_error', 'An unexpected error occurred'),
  unavailable: (c: Context) => whopError(c, 503, 'service_unavailable', 'Service unavailable'),
  /** The legacy rate-limit shape: no {error:{...}} wrapper. */
  rateLimited: (c: Context, retryAfterSeconds: number) =>
    c.json({ message: 'Too many requests' }, 429, { 'retry-after': String(retryAfterSeconds) }),
};

type PageInfo = {
  start_cursor: string | null;
  end_cursor: string | null;
  has_next_page: boolean;
  has_previous_page: boolean;
};

/** Cursor pagination as Whop does it: `first` and `after` in, `page_info` out; null for bad parameters. */
export function paginate<T>(items: T[], params: URLSearchParams): { data: T[]; page_info: PageInfo } | null {
  const first = params.has('first') ? Number(params.get('first')) : 25;
  if (!Number.isInteger(first) || first < 1 || first > 100) return null;
  const after = params.get('after');
  let offset = 0;
  if (after !== null) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(after, 'base64url').toString());
    if (!decoded) return null;
    offset = Number(decoded[1]);
  }
  const data = items.slice(offset, offset + first);
  const end = offset + data.length;
  const cursor = (n: number) => Buffer.from(`o:${n}`).toString('base64url');
  return {
    data,
    page_info: {
      start_cursor: data.length ? cursor(offset) : null,
      end_cursor: data.length ? cursor(end) : null,
      has_next_page: end < items.length,
      has_previous_page: offset > 0,
    },
  };
}

/** One page of `items` as Whop sends it, or a 400 for bad paging parameters. */
export function sendPage<T>(c: Context, items: T[], params: URLSearchParams) {
  const page = paginate(items, params);
  return page ? c.json(page) : whopErrors.badRequest(c, 'Invalid pagination parameters');
}
