import type { Logger } from '../ops/logger';
import type { SessionManager } from './sessions';
import type { SignInClient } from './whop-sign-in';

export type SessionEnd = ReturnType<typeof createSessionEnd>;

/** Ending a session and revoking the Whop refresh token it held, each logged. */
export function createSessionEnd(deps: {
  sessions: SessionManager;
  client: Pick<SignInClient, 'revoke'>;
  logger: Logger;
}) {
  const log = deps.logger;

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

  async function end(id: string | undefined, why: string) {
    const ended = await deps.sessions.destroy(id);
    if (ended?.refreshToken) await revoke(ended.refreshToken, why, ended.userId);
    if (ended) log.info({ event: 'session_end', why, user_id: ended.userId });
    return ended;
  }

  return { revoke, end };
}
