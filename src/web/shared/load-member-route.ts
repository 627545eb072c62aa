import { loadOnce } from '../load-once';

/**
 * Loads the member route's code once. The router calls it on navigation; the search box
 * calls it on focus, so the code is usually there before Enter.
 */
export const loadMemberRoute = loadOnce(() => import('../features/member/member-route'));
