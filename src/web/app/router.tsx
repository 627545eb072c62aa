import { createBrowserRouter, type RouteObject } from 'react-router';
import { PendingMember } from '../features/member/pending-member';
import { loadSearchRoute } from '../features/search/load-search-route';
import { SearchPage } from '../features/search/search-page';
import { SearchingStatus } from '../features/search/searching-status';
import { BULK_ROUTES, HOME_PATH, MEMBER_ROUTE, SEARCH_ROUTE } from '../lib/app-urls';
import { AppShell } from './app-shell';
import { loadMemberRoute } from './member-route-loader';
import { RootError } from './root-error';

export function createRoutes(): RouteObject[] {
  return [
    {
      path: HOME_PATH,
      element: <AppShell />,
      errorElement: <RootError />,
      children: [
        { index: true, element: <SearchPage /> },
        {
          path: MEMBER_ROUTE,
          // Split from the search page's bundle: `/` loads only what it needs, and the
          // member code (schema, formatters, badges) arrives while the lookup runs.
          lazy: loadMemberRoute,
          // First load of a deep link: a skeleton while the loader runs. The app shell above
          // renders meanwhile, so this is only what goes in its outlet (not a second frame).
          hydrateFallbackElement: <PendingMember />,
        },
        {
          path: SEARCH_ROUTE,
          // Results, membership resolution and TanStack Query load only when someone
          // searches for more than a member id.
          lazy: async () => {
            const route = await loadSearchRoute();
            return { loader: route.searchLoader, Component: route.SearchResultsPage, ErrorBoundary: route.SearchError };
          },
          hydrateFallbackElement: <SearchingStatus />,
        },
        // Many members at once: one route for the form and a list's page (`bulk/:id?`), so
        // `/`, at its byte budget, carries one route object; the pages, their table, papaparse
        // and the virtualiser are one lazy chunk, whose module is the route (it exports `Component`).
        { path: BULK_ROUTES, lazy: () => import('../features/bulk/bulk-route') },
        { path: '*', lazy: async () => ({ Component: (await import('./not-found-page')).NotFoundPage }) },
      ],
    },
  ];
}

export function createAppRouter() {
  return createBrowserRouter(createRoutes());
}
