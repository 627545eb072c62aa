import type { Context } from 'hono';
import type { Logger } from '../ops/logger';
import type { SendAuthPage } from './auth-pages';
import { SessionStoreUnavailable } from './session-store';

/** Retry-After on the answers given while the session store is down. */
export const STORE_RETRY_AFTER_S = 5;

/**
 * Fail closed when the session store (Redis) cannot answer: logged, and the caller answers
 * a 503 rather than anything a session would have allowed. Other errors pass on.
 */
export function storeDown(err: unknown, log: Logger): void {
  if (!(err instanceof SessionStoreUnavailable)) throw err;
  log.warn({ event: 'session_store_unavailable', detail: err.message });
}

/** The "briefly unavailable" page, with "Try again" going to `retryHref`. */
export function storeDownPage(c: Context, page: SendAuthPage, retryHref: string) {
  c.header('Retry-After', String(STORE_RETRY_AFTER_S));
  return page(c, 503, {
    title: 'Sign-in is briefly unavailable',
    paragraphs: ['The dashboard cannot check who is signed in right now. This usually passes within a minute.'],
    action: { label: 'Try again', href: retryHref },
  });
}
