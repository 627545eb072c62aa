import type { ErrorCode } from './api-error';
import { BULK_MAX_BODY_BYTES, BULK_MAX_LINE_LENGTH, BULK_MAX_LINES } from './bulk';

/**
 * A failure the API answers with: HTTP status, envelope code, a message a person can act
 * on, and (for 429/503) how many seconds to wait. Nothing from upstream is copied in.
 */
export type Problem = {
  status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 500 | 501 | 502 | 503 | 504;
  code: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
};

export const problems = {
  invalidMemberId: (message: string): Problem => ({ status: 400, code: 'invalid_member_id', message }),
  memberNotFound: (): Problem => ({
    status: 404,
    code: 'member_not_found',
    message: 'No member with that id exists in this company.',
  }),
  invalidQuery: (message: string): Problem => ({ status: 400, code: 'invalid_query', message }),
  membershipNotFound: (): Problem => ({
    status: 404,
    code: 'membership_not_found',
    message: 'No membership with that id exists in this company.',
  }),
  searchNotConfigured: (): Problem => ({
    status: 501,
    code: 'search_not_configured',
    message:
      'Searching by email, username, name or user id needs the company to search in. An operator must set WHOP_COMPANY_ID (biz_…). Member and membership ids work without it.',
  }),
  upstreamUnauthorized: (): Problem => ({
    status: 502,
    code: 'upstream_unauthorized',
    message: "Whop rejected this dashboard's API key. An operator must set a valid WHOP_API_KEY.",
  }),
  upstreamForbidden: (permissions: readonly string[]): Problem => ({
    status: 502,
    code: 'upstream_forbidden',
    message: `This dashboard's API key lacks a permission Whop requires. Grant the key: ${permissions.join(', ')}.`,
  }),
  upstreamRateLimited: (retryAfterSeconds: number): Problem => ({
    status: 429,
    code: 'upstream_rate_limited',
    message: `Whop is rate limiting this dashboard. Try again in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  }),
  upstreamError: (message = 'Whop answered with an error. Try again in a moment.'): Problem => ({
    status: 502,
    code: 'upstream_error',
    message,
  }),
  upstreamTimeout: (): Problem => ({
    status: 504,
    code: 'upstream_timeout',
    message: 'Whop did not answer in time. Try again in a moment.',
  }),
  busy: (retryAfterSeconds = 1): Problem => ({
    status: 503,
    code: 'busy',
    message: 'The dashboard is handling too many lookups right now. Try again in a moment.',
    retryAfterSeconds,
  }),
  rateLimited: (retryAfterSeconds: number): Problem => ({
    status: 429,
    code: 'rate_limited',
    message: `Too many lookups from you. Try again in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  }),
  notFound: (): Problem => ({ status: 404, code: 'not_found', message: 'There is no such API route.' }),
  /** GET /api/members/:id/live while webhooks are off: a page stays as it is, without live updates. */
  liveOff: (): Problem => ({
    status: 404,
    code: 'not_found',
    message: "Live updates are off: an operator must set WHOP_WEBHOOK_SECRET to receive Whop's webhooks.",
  }),
  methodNotAllowed: (): Problem => ({
    status: 405,
    code: 'method_not_allowed',
    message: 'Only GET and HEAD are allowed here.',
  }),
  notReady: (reasons: readonly string[]): Problem => ({
    status: 503,
    code: 'not_ready',
    message: `Not ready to serve: ${reasons.join('; ')}.`,
    retryAfterSeconds: 5,
  }),
  /** No session (or none with that id): the gate's answer before anything else. */
  unauthenticated: (): Problem => ({
    status: 401,
    code: 'unauthenticated',
    message: 'Sign in with Whop to use the dashboard.',
  }),
  /** The session ran out (idle or absolute limit) or was ended elsewhere. */
  sessionEnded: (): Problem => ({
    status: 401,
    code: 'unauthenticated',
    message: 'Your session has ended. Sign in with Whop again.',
  }),
  /** A signed-in person Whop no longer lists as an admin; their session has been ended. */
  notAdmin: (companyName: string): Problem => ({
    status: 403,
    code: 'not_admin',
    message: `You are no longer an admin of ${companyName}, so your session has ended.`,
  }),
  /** An API call from another site (CSRF), whatever session it carries. */
  forbiddenOrigin: (): Problem => ({
    status: 403,
    code: 'forbidden_origin',
    message: 'API calls must come from the dashboard itself.',
  }),
  /** Whop could not be asked whether the session's holder is still an admin. */
  authUnavailable: (): Problem => ({
    status: 503,
    code: 'auth_unavailable',
    message: 'Could not confirm with Whop that you are still an admin. Try again in a moment.',
  }),
  storeUnavailable: (): Problem => ({
    status: 503,
    code: 'store_unavailable',
    message: 'Sign-in is unavailable for a moment: the dashboard cannot check sessions right now. Try again shortly.',
    retryAfterSeconds: 5,
  }),
  /** POST /api/bulk that is not `{"lines": [...]}`, or has a blank or too long line (named by number). */
  invalidBulkRequest: (message: string): Problem => ({ status: 400, code: 'invalid_bulk_request', message }),
  /** More lines than a list holds: says how many were sent. */
  bulkTooManyLines: (count: number): Problem => ({
    status: 413,
    code: 'bulk_too_large',
    message: `${count.toLocaleString('en-US')} lines; a list holds at most ${BULK_MAX_LINES.toLocaleString('en-US')}.`,
  }),
  bulkBodyTooLarge: (): Problem => ({
    status: 413,
    code: 'bulk_too_large',
    message: `That paste is larger than ${BULK_MAX_BODY_BYTES / (1024 * 1024)} MB; a list holds at most ${BULK_MAX_LINES.toLocaleString('en-US')} lines of up to ${BULK_MAX_LINE_LENGTH} characters.`,
  }),
  /** One running list per person: names the one running. */
  bulkListRunning: (id: string): Problem => ({
    status: 409,
    code: 'bulk_list_running',
    message: `You already have a list running (${id}). Wait for it to finish or cancel it, then start another.`,
  }),
  /** A retry of a list that is still being run. */
  bulkListStillRunning: (): Problem => ({
    status: 409,
    code: 'bulk_list_running',
    message: 'That list is still running. Run its failed rows again once it has finished, or cancel it first.',
  }),
  bulkListGone: (): Problem => ({
    status: 404,
    code: 'bulk_list_gone',
    message: 'That list is gone: lists are kept for an hour. Paste it again.',
  }),
  internal: (): Problem => ({
    status: 500,
    code: 'internal_error',
    message: 'Something went wrong on our side. Quote the request id when you report it.',
  }),
} as const;
