import type { Context } from 'hono';
import { API_ROUTES, apiPath } from '../../contract/api-paths';
import { signInHref } from '../../contract/auth';
import { problems } from '../../contract/problem';
import { type AppEnv, factory } from '../app-env';
import type { SignInConfig } from '../config';
import { sendProblem } from '../http/send-problem';
import type { Logger } from '../ops/logger';
import type { AdminCheck } from './admin-check';
import type { SendAuthPage } from './auth-pages';
import type { SignInCookies } from './cookies';
import { safeReturnTo } from './return-to';
import { isSameOriginRequest } from './same-origin';
import type { SessionEnd } from './session-end';
import { SessionStoreUnavailable } from './session-store';
import type { SessionManager } from './sessions';
import { STORE_RETRY_AFTER_S, storeDown, storeDownPage } from './store-down';
import { newSignInChecks, type SignInClient } from './whop-sign-in';

export type AuthRoutesDeps = {
  config: Pick<SignInConfig, 'publicUrl' | 'companyId'>;
  sessions: SessionManager;
  client: SignInClient;
  admins: AdminCheck;
  cookies: SignInCookies;
  sessionEnd: SessionEnd;
  page: SendAuthPage;
  logger: Logger;
};

/**
 * /auth/login, /auth/callback, /auth/logout, /auth/signed-out (and a 404 page for any other
 * /auth address), and GET /api/session, which the API gate must run before. Mounted at the root.
 */
export function authRoutes(deps: AuthRoutesDeps) {
  const { cookies, page, sessionEnd, logger: log } = deps;
  const publicOrigin = new URL(deps.config.publicUrl).origin;
  const redirectUri = `${publicOrigin}/auth/callback`;

  /** A sign-in route that answers the "briefly unavailable" page when the store is down. */
  const orStoreDownPage =
    (retryHref: (c: Context<AppEnv>) => string, handler: (c: Context<AppEnv>) => Promise<Response>) =>
    async (c: Context<AppEnv>) => {
      try {
        return await handler(c);
      } catch (err) {
        storeDown(err, log);
        return storeDownPage(c, page, retryHref(c));
      }
    };

  async function notAdminPage(c: Context<AppEnv>, name: string) {
    const company = await deps.admins.companyName();
    return page(c, 403, {
      title: `You are not an admin of ${company}`,
      paragraphs: [
        `You signed in to Whop as ${name}, but this dashboard is only for admins of ${company}.`,
        'Ask an owner of the company to add you as an admin in Whop, then sign in again. To use another Whop account, sign out of Whop first.',
      ],
      action: { label: 'Sign in again', href: '/auth/login' },
    });
  }

  const routes = factory.createApp();

  const loginAgain = (c: Context<AppEnv>) => signInHref(safeReturnTo(c.req.query('returnTo')));

  routes.get(
    '/auth/login',
    orStoreDownPage(loginAgain, async (c) => {
      c.header('Cache-Control', 'no-store');
      const returnTo = safeReturnTo(c.req.query('returnTo'));
      const current = await deps.sessions.touch(cookies.session(c));
      if (current.ok) return c.redirect(returnTo, 302);
      const checks = newSignInChecks();
      let url: URL;
      try {
        url = await deps.client.authorizationUrl(checks);
      } catch (err) {
        log.warn({ event: 'sign_in_unavailable', detail: err instanceof Error ? err.name : 'unknown' });
        return page(c, 503, {
          title: "Whop's sign-in did not answer",
          paragraphs: ['The dashboard could not reach Whop to sign you in. Try again in a moment.'],
          action: { label: 'Try again', href: signInHref(returnTo) },
        });
      }
      const loginId = await deps.sessions.beginLogin({ ...checks, returnTo });
      cookies.setLogin(c, loginId);
      return c.redirect(url.href, 302);
    }),
  );

  // The login cookie is spent once the callback has run, so "Try again" starts a new sign-in.
  routes.get(
    '/auth/callback',
    orStoreDownPage(
      () => '/auth/login',
      async (c) => {
        const loginId = cookies.login(c);
        cookies.clearLogin(c);
        const tx = await deps.sessions.takeLogin(loginId);
        if (!tx) {
          log.warn({ event: 'sign_in_failed', reason: loginId ? 'unknown_or_expired_login' : 'no_login_cookie' });
          return page(c, 400, {
            title: 'Sign-in could not be completed',
            paragraphs: [
              'This sign-in was started too long ago, already finished, or started in another browser. Start again from here.',
            ],
            action: { label: 'Sign in again', href: '/auth/login' },
          });
        }
        const callbackUrl = new URL(redirectUri);
        callbackUrl.search = new URL(c.req.url).search;
        const result = await deps.client.finish(callbackUrl, tx);
        const again = { label: 'Sign in again', href: signInHref(tx.returnTo) };
        if (!result.ok) {
          // What Whop said (error, error_description), so an operator can fix a redirect URI or secret.
          log.warn({
            event: 'sign_in_failed',
            reason: result.reason,
            detail: result.detail,
            ...(result.description && { error_description: result.description }),
            ...(result.status && { status: result.status }),
          });
          if (result.reason === 'unavailable') {
            return page(c, 502, {
              title: "Whop's sign-in did not answer",
              paragraphs: ['Try again in a moment.'],
              action: again,
            });
          }
          if (result.reason === 'denied') {
            return page(c, 403, {
              title: 'Whop did not sign you in',
              paragraphs: ['Sign-in was cancelled or refused at Whop.'],
              action: again,
            });
          }
          return page(c, 400, {
            title: 'Sign-in could not be completed',
            paragraphs: [
              "Whop's answer did not pass the dashboard's checks, so nobody was signed in. Start again from here.",
            ],
            action: again,
          });
        }
        const check = await deps.admins.isAdmin(result.userId);
        if (!check.ok || !check.admin) {
          if (result.refreshToken)
            await sessionEnd.revoke(result.refreshToken, check.ok ? 'not_admin' : 'admin_check_failed', result.userId);
          if (!check.ok) {
            log.warn({
              event: 'sign_in_failed',
              reason: 'admin_check_failed',
              user_id: result.userId,
              detail: check.detail,
            });
            return page(c, 502, {
              title: 'Could not check your admin status',
              paragraphs: ['Whop did not confirm whether you are an admin of this company. Try again in a moment.'],
              action: again,
            });
          }
          log.warn({
            event: 'sign_in_refused',
            reason: 'not_admin',
            user_id: result.userId,
            access_level: check.accessLevel,
          });
          return notAdminPage(c, result.name);
        }
        let id: string;
        try {
          // A fresh id at every sign-in: an id planted in this browser before sign-in is dropped.
          await sessionEnd.end(cookies.session(c), 'replaced');
          ({ id } = await deps.sessions.create(result));
        } catch (err) {
          // No session will hold Whop's refresh token, so it is not left behind either.
          if (err instanceof SessionStoreUnavailable && result.refreshToken)
            await sessionEnd.revoke(result.refreshToken, 'store_unavailable', result.userId);
          throw err;
        }
        cookies.setSession(c, id);
        log.info({ event: 'sign_in', user_id: result.userId });
        c.header('Cache-Control', 'no-store');
        return c.redirect(safeReturnTo(tx.returnTo), 303);
      },
    ),
  );

  routes.post('/auth/logout', async (c) => {
    if (!isSameOriginRequest(c, publicOrigin)) {
      return page(c, 403, {
        title: 'Sign-out refused',
        paragraphs: ['Sign out from the dashboard itself.'],
        action: { label: 'Go to the dashboard', href: '/' },
      });
    }
    try {
      await sessionEnd.end(cookies.session(c), 'sign_out');
    } catch (err) {
      storeDown(err, log);
      // The browser forgets the session now; the server's copy runs out on its own.
      cookies.clearSession(c);
      c.header('Retry-After', String(STORE_RETRY_AFTER_S));
      return page(c, 503, {
        title: 'Sign-out could not finish',
        paragraphs: [
          `This browser no longer holds your session, but the dashboard could not end it on the server just now. It ends by itself after ${Math.ceil(deps.sessions.idleTimeoutMs / 60_000)} minutes without use.`,
        ],
        action: { label: 'Go to the dashboard', href: '/' },
      });
    }
    cookies.clearSession(c);
    c.header('Cache-Control', 'no-store');
    return c.redirect('/auth/signed-out', 303);
  });

  routes.get('/auth/signed-out', (c) => {
    return page(c, 200, {
      title: 'You are signed out',
      paragraphs: ['Your session on this dashboard has ended.'],
      action: { label: 'Sign in again', href: '/auth/login' },
    });
  });

  routes.all('/auth/*', (c) => {
    return page(c, 404, {
      title: 'Page not found',
      paragraphs: ['There is nothing at this address.'],
      action: { label: 'Go to the dashboard', href: '/' },
    });
  });

  routes.get(apiPath(API_ROUTES.session), (c) => {
    const session = c.get('session');
    // The gate in front has set it; without one there is nobody to describe.
    if (!session) return sendProblem(c, problems.unauthenticated());
    const expiries = deps.sessions.expiries(session);
    return c.json({
      user: { id: session.userId, name: session.name },
      company_id: deps.config.companyId,
      expires_at: new Date(expiries.idle).toISOString(),
      absolute_expires_at: new Date(expiries.absolute).toISOString(),
    });
  });

  return routes;
}
