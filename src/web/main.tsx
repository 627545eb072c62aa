import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { readAppMeta } from './app-meta';
import { AppMetaContext } from './layout/app-meta-context';
import { createAppRouter } from './router';
import { initTheme } from './theme/theme';
import './styles.css';

initTheme();
const router = createAppRouter();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <AppMetaContext value={readAppMeta()}>
      <RouterProvider router={router} />
    </AppMetaContext>
  </StrictMode>,
);
