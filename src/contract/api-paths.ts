/**
 * The API's addresses, written once: the route templates the server mounts (Hono patterns,
 * relative to API_BASE) and the builders the browser fetches with, which fill the same
 * templates. Nothing but strings: the browser's eager bundle may read it (no zod).
 */

/** Where the server mounts the API (src/server/app.ts); every route below sits under it. */
export const API_BASE = '/api';

/** The server's route templates, relative to API_BASE. */
export const API_ROUTES = {
  /** Liveness and readiness probes (http/health-routes.ts). */
  health: '/health',
  ready: '/ready',
  /** Who is signed in (auth/auth-routes.ts). */
  session: '/session',
  /** One member by id, and finding members with `?query=` (members/member-routes.ts). */
  member: '/members/:id',
  search: '/members',
  /** What changes about a member, as Server-Sent Events while its page is open (members/live-routes.ts). */
  memberLive: '/members/:id/live',
  /** One membership (members/membership-routes.ts). */
  membership: '/memberships/:id',
  /** Many members at once: create a list (POST), read it, cancel it, run its failed rows again (members/bulk-routes.ts). */
  bulk: '/bulk',
  bulkList: '/bulk/:id',
  bulkCancel: '/bulk/:id/cancel',
  bulkRetry: '/bulk/:id/retry',
} as const;

/** The route of one of a member's lists, `path` from MEMBER_LISTS (members/list-routes.ts). */
export function memberListRoute(path: string): string {
  return `${API_ROUTES.member}/${path}`;
}

/** A route's full path, as the browser asks for it: `apiPath(API_ROUTES.health)` is `/api/health`. */
export function apiPath(route: string, id = ''): string {
  return API_BASE + route.replace(':id', encodeURIComponent(id));
}

const withQuery = (path: string, params: Record<string, string>) => {
  const query = new URLSearchParams(params).toString();
  return query ? `${path}?${query}` : path;
};

/** GET /api/members/:id */
export const memberApiPath = (id: string): string => apiPath(API_ROUTES.member, id);

/** GET /api/members/:id/<path>, a page from `cursor` (the first without). */
export const memberListApiPath = (id: string, path: string, cursor: string | null): string =>
  withQuery(apiPath(memberListRoute(path), id), cursor ? { cursor } : {});

/** GET /api/members?query=…, a page from `cursor` (the first without). */
export const searchApiPath = (query: string, cursor: string | null): string =>
  withQuery(apiPath(API_ROUTES.search), cursor ? { query, cursor } : { query });

/** GET /api/memberships/:id */
export const membershipApiPath = (id: string): string => apiPath(API_ROUTES.membership, id);

/** POST /api/bulk */
export const bulkApiPath = (): string => apiPath(API_ROUTES.bulk);

/** GET /api/bulk/:id, every row, or with `since` only the rows changed after that version. */
export const bulkListApiPath = (id: string, since: number | null = null): string =>
  withQuery(apiPath(API_ROUTES.bulkList, id), since === null ? {} : { since: String(since) });

/** POST /api/bulk/:id/cancel */
export const bulkCancelApiPath = (id: string): string => apiPath(API_ROUTES.bulkCancel, id);

/** POST /api/bulk/:id/retry: the failed and cancelled rows are asked again. */
export const bulkRetryApiPath = (id: string): string => apiPath(API_ROUTES.bulkRetry, id);

/** GET /api/members/:id/live: Server-Sent Events naming what changed about this member (contract/live.ts). */
export const memberLiveApiPath = (id: string): string => apiPath(API_ROUTES.memberLive, id);
