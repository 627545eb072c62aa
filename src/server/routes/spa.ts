import { serveStatic } from '@hono/node-server/serve-static';
import { factory } from '../app-env';
import type { SignInGate } from '../auth/sign-in';
import { asksForFresh } from '../cache-control';
import { memberPreloadLinks } from '../deep-link-preload';
import type { Spa } from '../spa';

/** The built SPA: hashed assets cached for a year, other files as they are, index.html for every page. */
export function spaRoutes(spa: Spa, auth: SignInGate | null) {
  const routes = factory.createApp();
  const assets = serveStatic({ root: spa.root, precompressed: true });
  const files = serveStatic({ root: spa.root });

  // A missing hashed asset is a real 404: answering index.html would hand the browser
  // HTML where it expects JavaScript, and hide a broken deploy.
  routes.all('/assets/*', async (c) => {
    const found = await assets(c, async () => {});
    if (!found) return c.text('Not found', 404);
    if (found.ok) found.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    return found;
  });
  // The build manifest (.vite/) is for the server and the size check, not for browsers.
  routes.all('/.vite/*', (c) => c.text('Not found', 404));
  routes.use('*', async (c, next) => {
    if (c.req.path === '/' || c.req.path === '/index.html') return next();
    return files(c, next);
  });
  // A deep link: the member's answer, the app's code and the member route's download side by side.
  // A reload (the browser's Refresh sends max-age=0) gets the code only: the page then asks
  // for the member itself, marked fresh (src/web/reload.ts), which a preload could not be.
  routes.use('/members/:id', async (c, next) => {
    const data = !asksForFresh(c.req.header('cache-control'));
    const links = memberPreloadLinks(c.req.param('id'), spa.deepLink, { data });
    await next();
    // Only on the page itself: not on a redirect to sign-in, which has no session to preload with.
    if (links && c.res.status === 200) c.res.headers.set('Link', links);
  });
  routes.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    const html = c.req.path.startsWith('/members/') ? spa.memberIndexHtml : spa.indexHtml;
    if (auth) return auth.serveIndex(c, html);
    return c.html(html);
  });

  return routes;
}
