import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { FIRST_PAINT_DATA_ID } from '../../contract/first-paint';
import { readAppMeta } from '../lib/app-meta';
import { AppMetaContext } from '../lib/app-meta-context';
import { isMemberPath } from '../lib/app-urls';
import { whenFirstPageLoaded } from '../lib/first-render';
import { initTheme } from '../lib/theme/theme';
import { loadMemberRoute } from './member-route-loader';
import { createAppRouter } from './router';
import '../styles.css';

initTheme();
const router = createAppRouter();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// On a member's page, its code is what the wait for the member's answer starts from.
// The first render runs in a transition: React renders it in 5 ms slices rather than one long
// task, so the page stays responsive while it boots. Under Lighthouse's 4x CPU slowdown the
// detail page's total blocking time went from 400 to 219 ms (docs/benchmarks/issue-14.md).
// A deep link the server rendered (its member's JSON is on the page) shows the member until
// the app renders the same page over it: never the skeleton in between.
const painted = document.getElementById(FIRST_PAINT_DATA_ID);
void whenFirstPageLoaded(router, painted ? null : isMemberPath(location.pathname) ? loadMemberRoute() : undefined).then(
  () =>
    startTransition(() =>
      createRoot(root).render(
        <StrictMode>
          <AppMetaContext value={readAppMeta()}>
            {/* Later pages render the moment their loader is done, in one pass: inside a transition
            React renders in 5 ms slices that other tasks push back (tens of ms after the answer
            is in). The app shows its own skeletons while a navigation loads (app-shell.tsx). */}
            <RouterProvider router={router} useTransitions={false} />
          </AppMetaContext>
        </StrictMode>,
      ),
    ),
);
