import type { SignInConfig } from '../config';
import type { Logger } from '../ops/logger';
import type { AdminCheck } from './admin-check';
import { authPageSender } from './auth-pages';
import { authRoutes } from './auth-routes';
import { signInCookies } from './cookies';
import { type ApiGate, createApiGate } from './gate';
import { createSessionEnd } from './session-end';
import type { SessionManager } from './sessions';
import type { SignInClient } from './whop-sign-in';

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

/**
 * Sign in with Whop, put together: the API gate and the app shell's session check (gate.ts),
 * the /auth/* routes and GET /api/session (auth-routes.ts), sharing one cookie policy
 * (cookies.ts), one way to end a session (session-end.ts) and one page renderer (auth-pages.ts).
 */
export type SignInGate = ApiGate & {
  /** /auth/* and GET /api/session (which the gate must run before), to mount at the root. */
  routes: ReturnType<typeof authRoutes>;
};

export function createSignInGate(deps: SignInGateDeps): SignInGate {
  const cookies = signInCookies(deps.config.publicUrl);
  const sessionEnd = createSessionEnd(deps);
  const page = authPageSender(deps.cssHref);
  const shared = { ...deps, cookies, sessionEnd, page };
  return {
    ...createApiGate({ ...shared, now: deps.now ?? Date.now }),
    routes: authRoutes(shared),
  };
}
