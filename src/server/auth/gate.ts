import type { Context, MiddlewareHandler } from 'hono';
import { APP_META_TAGS } from '../../contract/app-meta';
import { signInHref } from '../../contract/auth';
import { problems } from '../../contract/problem';
import type { AppEnv } from '../app-env';
import type { SignInConfig } from '../config';
import { escapeHtml } from '../http/escape-html';
import { PROBE_PATHS } from '../http/health-routes';
import type { ClientKey } from '../http/rate-limit';
import { sendProblem } from '../http/send-problem';
import type { Logger } from '../ops/logger';
import type { AdminCheck } from './admin-check';
import type { SendAuthPage } from './auth-pages';
import type { SignInCookies } from './cookies';
import { safeReturnTo } from './return-to';
import { isSameOriginRequest } from './same-origin';
import type { SessionEnd } from './session-end';
import type { Session, SessionLookup, SessionManager } from './sessions';
import { storeDown, storeDownPage } from './store-down';

export type ApiGateDeps = {
  config: Pick<SignInConfig, 'publicUrl' | 'adminRecheckMs'>;
  sessions: SessionManager;
  admins: AdminCheck;
  cookies: SignInCookies;
  sessionEnd: SessionEnd;
  page: SendAuthPage;
  logger: Logger;
  now: () => number;
};

export type ApiGate = {
  /** The session gate in front of every /api route but the probes: a live session of a current admin. */
  gate: MiddlewareHandler<AppEnv>;
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

/** Who may use the API and see the app: a live session of someone Whop still lists as an admin. */
export function createApiGate(deps: ApiGateDeps): ApiGate {
  const { cookies, logger: log, now } = deps;
  const publicOrigin = new URL(deps.config.publicUrl).origin;
  /** Admin re-checks in flight, per session, so a burst of requests asks Whop once. */
  const rechecks = new Map<string, Promise<'admin' | 'not_admin' | 'unavailable'>>();

  /** Where "Try again" goes on a page: the same address, if it is one of ours. */
  const samePage = (c: Context<AppEnv>) => {
    const url = new URL(c.req.url);
    return safeReturnTo(`${url.pathname}${url.search}`);
  };

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

  // The gate: every /api route but the probes needs a live session of a current admin.
  const gate: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (PROBE_PATHS.has(c.req.path)) return next();
    let refusal: Response | null;
    try {
      refusal = await admit(c);
    } catch (err) {
      storeDown(err, log);
      return sendProblem(c, problems.storeUnavailable());
    }
    return refusal ?? next();
  };

  /** Sets the request's session and answers null, or answers why not. */
  async function admit(c: Context<AppEnv>): Promise<Response | null> {
    if (!isSameOriginRequest(c, publicOrigin)) return sendProblem(c, problems.forbiddenOrigin());
    // '' when there is no cookie: no session has that id.
    const id = cookies.session(c) ?? '';
    const found = await deps.sessions.touch(id);
    if (!found.ok) {
      if (id) cookies.clearSession(c);
      if (found.reason !== 'missing') log.info({ event: 'session_end', why: found.reason });
      return sendProblem(c, found.reason === 'missing' ? problems.unauthenticated() : problems.sessionEnded());
    }
    const status = await stillAdmin(id, found.session);
    if (status === 'unavailable') return sendProblem(c, problems.authUnavailable());
    if (status === 'not_admin') {
      await deps.sessionEnd.end(id, 'no_longer_admin');
      cookies.clearSession(c);
      const company = await deps.admins.companyName();
      return sendProblem(c, problems.notAdmin(company));
    }
    c.set('session', found.session);
    return null;
  }

  return {
    gate,

    // Looks only: a session that has ended, or an admin Whop no longer confirms, gets the
    // plain page, and the app's own request then meets the gate, which ends it and says why.
    async mayShowMembers(c) {
      try {
        const id = cookies.session(c) ?? '';
        const found = await deps.sessions.touch(id);
        if (!found.ok || (await stillAdmin(id, found.session)) !== 'admin') return false;
        c.set('session', found.session);
        return true;
      } catch (err) {
        storeDown(err, log);
        return false;
      }
    },

    async serveIndex(c, indexHtml, respond = (html) => c.html(html)) {
      const id = cookies.session(c);
      let found: SessionLookup;
      try {
        found = await deps.sessions.touch(id);
      } catch (err) {
        storeDown(err, log);
        return storeDownPage(c, deps.page, samePage(c));
      }
      c.header('Cache-Control', 'no-store');
      if (!found.ok) {
        if (id) cookies.clearSession(c);
        return c.redirect(signInHref(samePage(c)), 302);
      }
      const tag = `<meta name="${APP_META_TAGS.signedInAs}" content="${escapeHtml(found.session.name)}">`;
      return respond(indexHtml.replace('</head>', `    ${tag}\n  </head>`), found.session.name);
    },
  };
}
