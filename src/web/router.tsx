import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { MemberError } from './features/member/member-error';
import { memberLoader, MemberPage } from './features/member/member-page';
import { MemberSkeleton } from './features/member/member-skeleton';
import { SearchPage } from './features/search/search-page';
import { AppShell, Frame } from './layout/app-shell';
import { NotFoundPage } from './layout/not-found-page';
import { RootError } from './layout/root-error';

export function createRoutes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      path: '/',
      element: <AppShell />,
      errorElement: <RootError />,
      children: [
        { index: true, element: <SearchPage /> },
        {
          path: 'members/:id',
          loader: memberLoader(queryClient),
          element: <MemberPage />,
          errorElement: <MemberError />,
          // First load of a deep link: the frame and a skeleton while the loader runs.
          hydrateFallbackElement: (
            <Frame>
              <MemberSkeleton />
            </Frame>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter(createRoutes(queryClient));
}
