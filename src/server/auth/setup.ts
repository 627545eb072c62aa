import type { Logger } from '../logger';
import { createWhopAdminCheck } from './admin-check';
import type { SignInConfig } from './auth-env';
import { stylesheetHref } from './auth-pages';
import { createMemorySessionStore } from './session-store';
import { createSessionManager, type LoginTransaction, type Session } from './sessions';
import { createSignInGate, type SignInGate } from './sign-in';
import { createWhopSignIn } from './whop-sign-in';

/** Wires Sign in with Whop from configuration: the production assembly main.ts uses. */
export function setUpSignIn(options: {
  config: SignInConfig;
  /** The company API key and API base the access check uses (the stand-in's in demo mode). */
  apiKey: string;
  baseURL: string;
  logger: Logger;
  indexHtml?: string | undefined;
}): SignInGate {
  const { config } = options;
  const sessions = createSessionManager({
    store: createMemorySessionStore<Session>(),
    loginStore: createMemorySessionStore<LoginTransaction>(),
    secret: config.sessionSecret,
    idleTimeoutMs: config.idleTimeoutMs,
    absoluteTimeoutMs: config.absoluteTimeoutMs,
  });
  const client = createWhopSignIn({
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: `${config.publicUrl}/auth/callback`,
  });
  const admins = createWhopAdminCheck({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    companyId: config.companyId,
  });
  return createSignInGate({
    config,
    sessions,
    client,
    admins,
    logger: options.logger,
    cssHref: stylesheetHref(options.indexHtml),
  });
}
