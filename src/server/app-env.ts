import { createFactory } from 'hono/factory';

/**
 * The Hono env every route and middleware shares. A leaf: it imports nothing of the app,
 * so routes, auth and app.ts can all depend on it without depending on each other.
 */

/** A signed-in admin, as the server remembers them. Never sent to the browser whole. */
export type Session = {
  userId: string;
  /** Display name for the header: name, username or email, whatever Whop shared. */
  name: string;
  createdAt: number;
  lastSeenAt: number;
  /** When Whop last confirmed the user is an admin of the company. */
  adminCheckedAt: number;
  /** Kept only to revoke it at sign-out; the dashboard never calls Whop as the user. */
  refreshToken?: string;
};

/** What the request's log line says about the Whop call behind it. */
export type UpstreamLog = { attempts: number; upstreamStatus: number | null; coalesced?: boolean; cached?: boolean };

export type AppEnv = {
  Variables: {
    requestId: string;
    lookup: UpstreamLog | undefined;
    /** The signed-in admin, set by the sign-in gate on /api routes. */
    session: Session | undefined;
    /** Set when a deep link's page carries its member, rendered by the server (first-paint.ts). */
    firstPaint: boolean | undefined;
  };
};

/** Typed sub-apps and middleware: `factory.createApp()`, `factory.createMiddleware()`. */
export const factory = createFactory<AppEnv>();
