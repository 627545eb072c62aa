import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Session } from '../app-env';
import type { SessionStore } from './session-store';

export type { Session };

/** A sign-in in progress: what the callback must see again (state, nonce, PKCE verifier). */
export type LoginTransaction = {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: number;
};

const time = z.number().nonnegative();

/** What a stored session must be to count as one: a shared store may hold anything under a key. */
export const SessionSchema: z.ZodType<Session> = z.object({
  userId: z.string().min(1),
  name: z.string(),
  createdAt: time,
  lastSeenAt: time,
  adminCheckedAt: time,
  refreshToken: z.string().min(1).optional(),
});

export const LoginTransactionSchema: z.ZodType<LoginTransaction> = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  returnTo: z.string(),
  createdAt: time,
});

export type SessionLookup = { ok: true; session: Session } | { ok: false; reason: 'missing' | 'idle' | 'absolute' };

export type SessionManagerOptions = {
  store: SessionStore<Session>;
  /**
   * Sign-ins in progress, kept apart so that a flood of unauthenticated sign-in starts
   * can only push out other sign-ins in progress, never the sessions of people in.
   */
  loginStore: SessionStore<LoginTransaction>;
  /** Keys the store entries (HMAC of the cookie value), so a dump of the store holds no usable cookie. */
  secret: string;
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** How long a sign-in may take between leaving for Whop and coming back. */
  loginTimeoutMs?: number;
  now?: () => number;
};

/** 128 bits from the CSPRNG, base64url: the only thing the cookie holds. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

/** Cookie values we accept: exactly what newSessionId makes (22 base64url characters). */
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export type SessionManager = ReturnType<typeof createSessionManager>;

export function createSessionManager(options: SessionManagerOptions) {
  const now = options.now ?? Date.now;
  const loginTimeoutMs = options.loginTimeoutMs ?? 10 * 60_000;
  const key = (kind: 'session' | 'login', id: string) =>
    `${kind}:${createHmac('sha256', options.secret).update(`${kind}:${id}`).digest('base64url')}`;

  /** Time left before the session ends, whichever of the two limits comes first. */
  const ttl = (s: Session, at: number) =>
    Math.min(s.lastSeenAt + options.idleTimeoutMs, s.createdAt + options.absoluteTimeoutMs) - at;

  return {
    idleTimeoutMs: options.idleTimeoutMs,
    absoluteTimeoutMs: options.absoluteTimeoutMs,

    /** Starts a session under a brand-new id (never one the browser brought along). */
    async create(user: {
      userId: string;
      name: string;
      refreshToken?: string | undefined;
    }): Promise<{ id: string; session: Session }> {
      const at = now();
      const id = newSessionId();
      const session: Session = {
        userId: user.userId,
        name: user.name,
        createdAt: at,
        lastSeenAt: at,
        adminCheckedAt: at,
        ...(user.refreshToken && { refreshToken: user.refreshToken }),
      };
      await options.store.set(key('session', id), session, ttl(session, at));
      return { id, session };
    },

    /** Looks a session up and, when it is still alive, counts this request as activity. */
    async touch(id: string | undefined): Promise<SessionLookup> {
      if (!id || !ID_PATTERN.test(id)) return { ok: false, reason: 'missing' };
      const stored = await options.store.get(key('session', id));
      if (!stored) return { ok: false, reason: 'missing' };
      const at = now();
      if (at >= stored.createdAt + options.absoluteTimeoutMs) {
        await options.store.delete(key('session', id));
        return { ok: false, reason: 'absolute' };
      }
      if (at >= stored.lastSeenAt + options.idleTimeoutMs) {
        await options.store.delete(key('session', id));
        return { ok: false, reason: 'idle' };
      }
      const session = { ...stored, lastSeenAt: at };
      await options.store.set(key('session', id), session, ttl(session, at));
      return { ok: true, session };
    },

    /** Records a fresh admin confirmation from Whop. */
    async confirmAdmin(id: string, session: Session): Promise<Session> {
      const at = now();
      const updated = { ...session, adminCheckedAt: at };
      await options.store.set(key('session', id), updated, ttl(updated, at));
      return updated;
    },

    /** Ends a session; returns what it held (for revoking the refresh token). */
    async destroy(id: string | undefined): Promise<Session | undefined> {
      if (!id || !ID_PATTERN.test(id)) return undefined;
      const k = key('session', id);
      const stored = await options.store.get(k);
      await options.store.delete(k);
      return stored;
    },

    /** Remembers a sign-in in progress under a new id for the login cookie. */
    async beginLogin(tx: Omit<LoginTransaction, 'createdAt'>): Promise<string> {
      const id = newSessionId();
      await options.loginStore.set(key('login', id), { ...tx, createdAt: now() }, loginTimeoutMs);
      return id;
    },

    /** Takes a sign-in in progress out of the store: each one can finish at most once. */
    async takeLogin(id: string | undefined): Promise<LoginTransaction | undefined> {
      if (!id || !ID_PATTERN.test(id)) return undefined;
      const tx = await options.loginStore.take(key('login', id));
      if (!tx || now() - tx.createdAt > loginTimeoutMs) return undefined;
      return tx;
    },

    /** When this session ends if nothing else happens (idle), and at the latest (absolute). */
    expiries(session: Session): { idle: number; absolute: number } {
      return {
        idle: Math.min(session.lastSeenAt + options.idleTimeoutMs, session.createdAt + options.absoluteTimeoutMs),
        absolute: session.createdAt + options.absoluteTimeoutMs,
      };
    },
  };
}
