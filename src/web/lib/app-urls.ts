// Every address inside the SPA is built here, so an id or a query is always encoded the
// same way and a route's shape changes in one place. No imports: `/` loads this module.

/** The search page. */
export const HOME_PATH = '/';

/** Search results; the text searched for travels in `?q=`. */
export const SEARCH_PATH = '/search';
export const SEARCH_PARAM = 'q';

const MEMBERS_PREFIX = '/members/';

/** The route patterns `router.tsx` registers, relative to `/`. */
export const MEMBER_ROUTE = 'members/:id';
export const SEARCH_ROUTE = 'search';
export const BULK_ROUTE = 'bulk';
export const BULK_LIST_ROUTE = 'bulk/:id';
/** Both bulk pages as one route, the id optional: what router.tsx registers (one route object on `/`). */
export const BULK_ROUTES = `${BULK_ROUTE}/:id?`;

/** Many members at once: the page to paste a list into, and one list's page. */
export const BULK_PATH = '/bulk';

/** One list's page: `/bulk/<uuid>`. */
export function bulkListPath(id: string): string {
  return `${BULK_PATH}/${encodeURIComponent(id)}`;
}

/** A member's page: `/members/mber_…`, the id percent-encoded. */
export function memberPath(id: string): string {
  return MEMBERS_PREFIX + encodeURIComponent(id);
}

/** Results for a search: `/search?q=…`, the text form-encoded. */
export function searchPath(query: string): string {
  return `${SEARCH_PATH}?${new URLSearchParams({ [SEARCH_PARAM]: query })}`;
}

/** Whether a pathname is a member's page (the app shell shows the member skeleton for it). */
export function isMemberPath(pathname: string): boolean {
  return pathname.startsWith(MEMBERS_PREFIX);
}
