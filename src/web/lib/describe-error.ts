import { ApiError, type ApiErrorCode, NetworkError } from './api/api-error';

export type View = {
  title: string;
  body: string;
  /**
   * Who must act: the manager can retry or reload; an operator must fix configuration;
   * `sign-in` sends the manager to sign in again at once, `signed-out` offers it.
   */
  action: 'retry' | 'reload' | 'search' | 'operator' | 'wait' | 'sign-in' | 'signed-out';
  /** For `operator`: what has to be fixed before retrying helps. */
  hint?: string;
  retryAfterSeconds?: number;
};

/** `subject` is the member id or search the page was for. */
type Describe = (error: ApiError, subject: string | undefined) => View;

const quoted = (subject: string | undefined) => (subject ? `“${subject}” ` : '');
const withRequestId = (error: ApiError) => `${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}`;
const KEY_HINT = 'Retrying will not help until the key is fixed.';
// A route the server no longer has (or a method it refuses) means this page's code is
// older or newer than the server's: loading the page again fetches the matching code.
const STALE_PAGE = 'The dashboard may have been updated since this page loaded; reloading it usually fixes this.';

const tooMany =
  (body: string): Describe =>
  (error) => ({
    title: 'Too many lookups right now',
    body,
    action: 'wait',
    retryAfterSeconds: error.retryAfterSeconds ?? 10,
  });

/**
 * One entry per code, so a code added to the contract is a type error here until it has
 * a message. Whop is named only where Whop is the cause; the dashboard's own failures say so.
 */
const byCode: Record<ApiErrorCode, Describe> = {
  invalid_member_id: (error) => ({ title: 'That is not a member id', body: error.message, action: 'search' }),
  member_not_found: (_error, subject) => ({
    title: 'No member with that id',
    body: `Whop has no member ${quoted(subject)}in this company. Check the id, or ask for the member's id again.`,
    action: 'search',
  }),
  invalid_query: (error) => ({ title: 'That search cannot be run', body: error.message, action: 'search' }),
  membership_not_found: (_error, subject) => ({
    title: 'No membership with that id',
    body: `Whop has no membership ${quoted(subject)}in this company. Check the id on the receipt, or search by email instead.`,
    action: 'search',
  }),
  search_not_configured: (error) => ({
    title: 'Search by name, email or user id is not set up',
    body: `${error.message} Until then, look members up by member id (mber_…) or membership id (mem_…).`,
    action: 'search',
  }),
  upstream_unauthorized: (error) => ({
    title: "Whop rejected the dashboard's API key",
    body: `${error.message} Ask whoever runs this dashboard.`,
    action: 'operator',
    hint: KEY_HINT,
  }),
  upstream_forbidden: (error) => ({
    title: 'The API key is missing permissions',
    body: `${error.message} Ask whoever runs this dashboard.`,
    action: 'operator',
    hint: KEY_HINT,
  }),
  upstream_rate_limited: tooMany('Whop is limiting how fast this dashboard can ask.'),
  rate_limited: tooMany('You have made many lookups in the last minute.'),
  upstream_error: (error) => ({
    title: 'Whop could not be reached properly',
    body: withRequestId(error),
    action: 'retry',
  }),
  upstream_timeout: () => ({
    title: 'Whop took too long to answer',
    body: 'This is usually brief. Try again in a moment.',
    action: 'retry',
  }),
  busy: (error) => ({ title: 'The dashboard is busy', body: error.message, action: 'retry' }),
  internal_error: (error) => ({
    title: 'The dashboard hit an error',
    body: withRequestId(error),
    action: 'retry',
  }),
  not_found: (error) => ({
    title: 'The dashboard server does not know this request',
    body: `${error.message} ${STALE_PAGE}`,
    action: 'reload',
  }),
  method_not_allowed: (error) => ({
    title: 'The dashboard server refused this kind of request',
    body: `${error.message} ${STALE_PAGE}`,
    action: 'reload',
  }),
  unauthenticated: () => ({
    title: 'Your session has ended',
    body: 'Taking you to sign in with Whop; you will come back to this page.',
    action: 'sign-in',
  }),
  not_admin: (error) => ({ title: 'You are no longer an admin', body: error.message, action: 'signed-out' }),
  forbidden_origin: (error) => ({
    title: 'The dashboard refused a request from this page',
    body: `${error.message} Open the dashboard at its usual address, or ask whoever runs it.`,
    action: 'operator',
    hint: 'Retrying will not help until the page is opened from the address the dashboard is set up for.',
  }),
  auth_unavailable: (error) => ({ title: 'Could not confirm your access', body: error.message, action: 'retry' }),
  store_unavailable: (error) => ({ title: 'Sign-in is briefly unavailable', body: error.message, action: 'retry' }),
  // Only the readiness probe answers this; the SPA never asks it, but a proxy might relay it.
  not_ready: (error) => ({ title: 'The dashboard is not ready yet', body: error.message, action: 'retry' }),
  // Many members at once (issue 27): the server's message says what to change (the limit and
  // the count, the line, the running list's id); the bulk page shows it beside the kept text.
  invalid_bulk_request: (error) => ({ title: 'That list cannot be run', body: error.message, action: 'search' }),
  bulk_too_large: (error) => ({ title: 'That list is too long', body: error.message, action: 'search' }),
  bulk_list_running: (error) => ({ title: 'A list is already running', body: error.message, action: 'wait' }),
  bulk_list_gone: (error) => ({ title: 'That list is gone', body: error.message, action: 'search' }),
  unexpected_response: (error) => ({
    title: 'The dashboard server sent an unexpected answer',
    body: withRequestId(error),
    action: 'retry',
  }),
  unknown_code: (error) => neutral(error),
};

/** For a code this build has no entry for: the server's own words, nothing assumed. */
function neutral(error: ApiError): View {
  return { title: 'Something went wrong', body: withRequestId(error), action: 'retry' };
}

/** What went wrong and what to do about it; `subject` is the member id or search the page was for. */
export function describeError(error: unknown, subject: string | undefined): View {
  if (error instanceof NetworkError) {
    return { title: 'Could not reach the dashboard', body: error.message, action: 'retry' };
  }
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong', body: 'The page hit an unexpected error. Try again.', action: 'retry' };
  }
  // `code` is typed, but an ApiError built from outside this build's types could carry anything.
  return Object.hasOwn(byCode, error.code) ? byCode[error.code](error, subject) : neutral(error);
}
