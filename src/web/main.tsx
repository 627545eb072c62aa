import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { readAppMeta } from './app-meta';
import { whenFirstPageLoaded } from './first-render';
import { AppMetaContext } from './layout/app-meta-context';
import { createAppRouter } from './router';
import { isMemberPath } from './shared/app-urls';
import { loadMemberRoute } from './shared/member-route-loader';
import { initTheme } from './theme/theme';
import './styles.css';

initTheme();
const router = createAppRouter();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// On a member's page, its code is what the wait for the member's answer starts from.
void whenFirstPageLoaded(router, isMemberPath(location.pathname) ? loadMemberRoute() : undefined).then(() =>
  createRoot(root).render(
    <StrictMode>
      <AppMetaContext value={readAppMeta()}>
        {/* A page renders the moment its loader is done, in one pass: inside a transition React
          renders in 5 ms slices that other tasks push back (tens of ms after the answer is in).
          The app shows its own skeletons while a navigation loads (layout/app-shell.tsx). */}
        <RouterProvider router={router} useTransitions={false} />
      </AppMetaContext>
    </StrictMode>,
  ),
);
