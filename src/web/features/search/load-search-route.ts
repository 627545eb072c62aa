import { loadOnce } from '../../lib/load-once';

/** Loads the search results route's code once (see router.tsx). */
export const loadSearchRoute = loadOnce(() => import('./search-route'));
