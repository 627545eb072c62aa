import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { API_REQUEST_HEADER, SIGNED_IN_META, signInHref } from '../../contract/auth';
import { problems } from '../../contract/problem';
import { type AppEnv, factory } from '../app-env';
import type { SignInConfig } from '../config';
import { PROBE_PATHS } from '../http/health-routes';
import type { ClientKey } from '../http/rate-limit';
import { sendProblem } from '../http/send-problem';
import type { Logger } from '../ops/logger';
import type { AdminCheck } from './admin-check';
import { type AuthPage, escapeHtml, renderAuthPage } from './auth-pages';
import { safeReturnTo } from './return-to';
import { SessionStoreUnavailable } from './session-store';
import type { Session, SessionLookup, SessionManager } from './sessions';
import { newSignInChecks, type SignInClient } from './whop-sign-in';

export type SignInGateDeps = {
  config: Pick<SignInConfig, 'publicUrl' | 'companyId' | 'adminRecheckMs'>;
  sessions: SessionManager;
  client: SignInClient;
  admins: AdminCheck;
  logger: Logger;
  /** The SPA's stylesheet, for the pages rendered here. */
  cssHref?: string | undefined;
  now?: () => number;
};

export type SignInGate = {
  /** The session gate in front of every /api route but the probes: a live session of a current admin. */
  gate: MiddlewareHandler<AppEnv>;
  /** /auth/* and GET /api/session (which the gate must run before), to mount at the root. */
  routes: ReturnType<typeof factory.createApp>;
  /** Serves the SPA's index.html to a signed-in person (with their name), or sends them to sign in. */
  serveIndex(
    c: Context<AppEnv>,
    indexHtml: string,
    /** Answers with the page (the signed-in tag written in) once the session is live; `c.html` by default. */
    respond?: (html: string, signedInAs: string) => Response | Promise<Response>,
  ): Promise<Response>;
  /**
   * Whether the request's session is a live one of a current admin, as the API gate checks
   * (and then the request's session): for a page that shows a member. It only looks: a
   * session found ended or no longer an admin's gets false, and the app's own request then
   * meets the gate, which ends it and says why. Not the Origin check: a page is a navigation,
   * often from another site (a link in Discord), and no other site can read it.
   */
  mayShowMembers(c: Context<AppEnv>): Promise<boolean>;
};

/** Cookie names and attributes: `__Host-` and Secure whenever the public URL is https. */
export function cookiePolicy(publicUrl: string) {
  const secure = new URL(publicUrl).protocol === 'https:';
  const prefix = secure ? '__Host-' : '';
  const attributes = { httpOnly: true, secure, sameSite: 'Lax', path: '/' } as const;
  return { secure, session: `${prefix}session`, login: `${prefix}signin`, attributes };
}

/**
 * Whether a request comes from our own pages: it carries the custom header, or its Origin
 * is ours, or the browser says it is same-origin (or typed into the address bar).
 * `Origin: null` is what browsers send on a form POST under `Referrer-Policy:
 * no-referrer` (ours), so it defers to Sec-Fetch-Site rather than passing or failing.
 */
export function isSameOriginRequest(c: Context, publicOrigin: string): boolean {
  if (c.req.header(API_REQUEST_HEADER.name)) return true;
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== 'null') return origin === publicOrigin;
  const site = c.req.header('sec-fetch-site');
  return site === 'same-origin' || site === 'none';
}

/**
 * Rate-limit key with sign-in on: the signed-in Whop user (the gate has run), so people
 * behind one office address do not share a budget and one person cannot multiply it by
 * opening sessions; the address for anything the gate let through without a session.
 */
export function perSignedInUser(fallback: ClientKey): ClientKey {
  return (c) => {
    const session = c.get('session');
    return session ? `user:${session.userId}` : fallback(c);
  };
}

/** Retry-After on the answers given while the session store is down. */
const STORE_RETRY_AFTER_S = 5;

export function createSignInGate(deps: SignInGateDeps): SignInGate {
  const now = deps.now ?? Date.now;
  const cookies = cookiePolicy(deps.config.publicUrl);
  const publicOrigin = new URL(deps.config.publicUrl).origin;
  const redirectUri = `${publicOrigin}/auth/callback`;
  const log = deps.logger;
  /** Admin re-checks in flight, per session, so a burst of requests asks Whop once. */
  const rechecks = new Map<string, Promise<'admin' | 'not_admin' | 'unavailable'>>();

  const page = (c: Context<AppEnv>, status: 200 | 400 | 403 | 404 | 502 | 503, content: AuthPage) => {
    c.header('Cache-Control', 'no-store');
    return c.html(renderAuthPage(content, deps.cssHref), status);
  };

  const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, cookies.session, cookies.attributes);

  /**
   * Fail closed when the session store (Redis) cannot answer: logged, and the request gets
   * a 503 rather than anything a session would have allowed. Other errors pass on.
   */
  function storeDown(err: unknown): void {
    if (!(err instanceof SessionStoreUnavailable)) throw err;
    log.warn({ event: 'session_store_unavailable', detail: err.message });
  }

  const storeDownPage = (c: Context<AppEnv>, retryHref: string) => {
    c.header('Retry-After', String(STORE_RETRY_AFTER_S));
    return page(c, 503, {
      title: 'Sign-in is briefly unavailable',
      paragraphs: ['The dashboard cannot check who is signed in right now. This usually passes within a minute.'],
      action: { label: 'Try again', href: retryHref },
    });
  };

  /** A sign-in route that answers the "briefly unavailable" page when the store is down. */
  const orStoreDownPage =
    (retryHref: (c: Context<AppEnv>) => string, handler: (c: Context<AppEnv>) => Promise<Response>) =>
    async (c: Context<AppEnv>) => {
      try {
        return await handler(c);
      } catch (err) {
        storeDown(err);
        return storeDownPage(c, retryHref(c));
      }
    };

  /** Where "Try again" goes on a page: the same address, if it is one of ours. */
  const samePage = (c: Context<AppEnv>) => {
    const url = new URL(c.req.url);
    return safeReturnTo(`${url.pathname}${url.search}`);
  };

  /** Revokes Whop's refresh token, and says so in the log when Whop did not. */
  async function revoke(refreshToken: string, why: string, userId: string) {
    const result = await deps.client.revoke(refreshToken);
    if (!result.ok) {
      log.warn({
        event: 'refresh_token_revoke_failed',
        why,
        user_id: userId,
        error: result.detail,
        ...(result.description && { error_description: result.description }),
        ...(result.status && { status: result.status }),
      });
    }
  }

  async function endSession(id: string | undefined, why: string) {
    const ended = await deps.sessions.destroy(id);
    if (ended?.refreshToken) await revoke(ended.refreshToken, why, ended.userId);
    if (ended) log.info({ event: 'session_end', why, user_id: ended.userId });
    return ended;
  }

  /** Is the session's holder still an admin? Asks Whop when the last answer is too old. */
  async function stillAdmin(id: string, session: Session): Promise<'admin' | 'not_admin' | 'unavailable'> {
    if (now() - session.adminCheckedAt < deps.config.adminRecheckMs) return 'admin';
    let pending = rechecks.get(id);
    if (!pending) {
      pending = (async () => {
        const answer = await deps.admins.isAdmin(session.userId);
        if (!answer.ok) {
          log.warn({ event: 'admin_recheck_failed', user_id: session.userId, detail: answer.detail });
          return 'unavailable' as const;
        }
        if (!answer.admin) return 'not_admin' as const;
        await deps.sessions.confirmAdmin(id, session);
        return 'admin' as const;
      })().finally(() => rechecks.delete(id));
      rechecks.set(id, pending);
    }
    return pending;
  }

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
      const current = await deps.sessions.touch(getCookie(c, cookies.session));
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
      setCookie(c, cookies.login, loginId, { ...cookies.attributes, maxAge: 600 });
      return c.redirect(url.href, 302);
    }),
  );

  // The login cookie is spent once the callback has run, so "Try again" starts a new sign-in.
  routes.get(
    '/auth/callback',
    orStoreDownPage(
      () => '/auth/login',
      async (c) => {
        const loginId = getCookie(c, cookies.login);
        deleteCookie(c, cookies.login, cookies.attributes);
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
            await revoke(result.refreshToken, check.ok ? 'not_admin' : 'admin_check_failed', result.userId);
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
          await endSession(getCookie(c, cookies.session), 'replaced');
          ({ id } = await deps.sessions.create(result));
        } catch (err) {
          // No session will hold Whop's refresh token, so it is not left behind either.
          if (err instanceof SessionStoreUnavailable && result.refreshToken)
            await revoke(result.refreshToken, 'store_unavailable', result.userId);
          throw err;
        }
        setCookie(c, cookies.session, id, cookies.attributes);
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
      await endSession(getCookie(c, cookies.session), 'sign_out');
    } catch (err) {
      storeDown(err);
      // The browser forgets the session now; the server's copy runs out on its own.
      clearSessionCookie(c);
      c.header('Retry-After', String(STORE_RETRY_AFTER_S));
      return page(c, 503, {
        title: 'Sign-out could not finish',
        paragraphs: [
          `This browser no longer holds your session, but the dashboard could not end it on the server just now. It ends by itself after ${Math.ceil(deps.sessions.idleTimeoutMs / 60_000)} minutes without use.`,
        ],
        action: { label: 'Go to the dashboard', href: '/' },
      });
    }
    clearSessionCookie(c);
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

  routes.get('/api/session', (c) => {
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

  // The gate: every /api route but the probes needs a live session of a current admin.
  const gate: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (PROBE_PATHS.has(c.req.path)) return next();
    let refusal: Response | null;
    try {
      refusal = await admit(c);
    } catch (err) {
      storeDown(err);
      return sendProblem(c, problems.storeUnavailable());
    }
    return refusal ?? next();
  };

  /** Sets the request's session and answers null, or answers why not. */
  async function admit(c: Context<AppEnv>): Promise<Response | null> {
    if (!isSameOriginRequest(c, publicOrigin)) {
      return sendProblem(c, problems.forbiddenOrigin());
    }
    // '' when there is no cookie: no session has that id.
    const id = getCookie(c, cookies.session) ?? '';
    const found = await deps.sessions.touch(id);
    if (!found.ok) {
      if (id) clearSessionCookie(c);
      if (found.reason !== 'missing') log.info({ event: 'session_end', why: found.reason });
      return sendProblem(c, found.reason === 'missing' ? problems.unauthenticated() : problems.sessionEnded());
    }
    const status = await stillAdmin(id, found.session);
    if (status === 'unavailable') {
      return sendProblem(c, problems.authUnavailable());
    }
    if (status === 'not_admin') {
      await endSession(id, 'no_longer_admin');
      clearSessionCookie(c);
      const company = await deps.admins.companyName();
      return sendProblem(c, problems.notAdmin(company));
    }
    c.set('session', found.session);
    return null;
  }

  return {
    gate,
    routes,

    // Looks only: a session that has ended, or an admin Whop no longer confirms, gets the
    // plain page, and the app's own request then meets the gate, which ends it and says why.
    async mayShowMembers(c) {
      try {
        const id = getCookie(c, cookies.session) ?? '';
        const found = await deps.sessions.touch(id);
        if (!found.ok || (await stillAdmin(id, found.session)) !== 'admin') return false;
        c.set('session', found.session);
        return true;
      } catch (err) {
        storeDown(err);
        return false;
      }
    },

    async serveIndex(c, indexHtml, respond = (html) => c.html(html)) {
      const id = getCookie(c, cookies.session);
      let found: SessionLookup;
      try {
        found = await deps.sessions.touch(id);
      } catch (err) {
        storeDown(err);
        return storeDownPage(c, samePage(c));
      }
      c.header('Cache-Control', 'no-store');
      if (!found.ok) {
        if (id) clearSessionCookie(c);
        return c.redirect(signInHref(samePage(c)), 302);
      }
      const tag = `<meta name="${SIGNED_IN_META}" content="${escapeHtml(found.session.name)}">`;
      return respond(indexHtml.replace('</head>', `    ${tag}\n  </head>`), found.session.name);
    },
  };
}
