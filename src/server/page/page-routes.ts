import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { parseMemberIdParam } from '../../contract/member-id';
import type { AppEnv } from '../app-env';
import { factory } from '../app-env';
import type { SignInGate } from '../auth/sign-in';
import { asksForFresh } from '../http/cache-control';
import { memberPreloadLinks } from './deep-link-preload';
import type { Spa } from './shell';

/** Answers a deep link's page with the member rendered in (first-paint.ts). */
export type FirstPaintPage = (
  c: Context<AppEnv>,
  html: string,
  id: string,
  signedInAs: string | null,
) => Promise<Response>;

/** The built SPA: hashed assets cached for a year, other files as they are, index.html for every page. */
export function spaRoutes(spa: Spa, auth: SignInGate | null, firstPaint: FirstPaintPage | null = null) {
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
  // A deep link: the stylesheet downloads while the server asks Whop and renders the member into
  // the page (first-paint.ts), whose code loads once the member is painted (after-paint.ts).
  // Without a first paint, the member's answer is preloaded beside the code instead.
  // A reload (the browser's Refresh sends max-age=0) gets the code only: the page then asks
  // for the member itself, marked fresh (src/web/lib/reload.ts), which neither could be.
  routes.use('/members/:id', async (c, next) => {
    await next();
    // Only on the page itself: not on a redirect to sign-in, which has no session to preload with.
    if (c.res.status !== 200) return;
    const painted = c.get('firstPaint') === true;
    const data = !painted && !asksForFresh(c.req.header('cache-control'));
    const links = memberPreloadLinks(c.req.param('id'), spa.deepLink, { data, painted });
    if (links) c.res.headers.set('Link', links);
  });
  routes.get('/members/:id', (c) => {
    c.header('Cache-Control', 'no-cache');
    // The same checks as the API route: exactly a member id, nothing around it.
    const parsed = parseMemberIdParam(c.req.param('id'));
    const id = parsed.ok && !asksForFresh(c.req.header('cache-control')) ? parsed.id : null;
    const page = (html: string, signedInAs: string | null) =>
      firstPaint && id ? firstPaint(c, html, id, signedInAs) : c.html(html);
    if (auth) return auth.serveIndex(c, spa.memberIndexHtml, page);
    return page(spa.memberIndexHtml, null);
  });
  routes.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    const html = c.req.path.startsWith('/members/') ? spa.memberIndexHtml : spa.indexHtml;
    if (auth) return auth.serveIndex(c, html);
    return c.html(html);
  });

  return routes;
}
