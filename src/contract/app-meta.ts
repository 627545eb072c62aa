/**
 * What the server tells the app in index.html's `<meta>` tags, so the app needs no extra
 * request at load: the tags' names and what they say. The server writes them (page/shell.ts,
 * the signed-in tag auth/gate.ts); the app reads them (web/lib/app-meta.ts). No zod: the
 * eager bundle reads it.
 */

/** The `name` of each `<meta>` tag. */
export const APP_META_TAGS = {
  /** `demo` or `live`. */
  mode: 'app-mode',
  /** JSON: the demo members to suggest, only in demo mode. */
  demoMembers: 'demo-members',
  /** The signed-in manager's name, only with sign-in on. */
  signedInAs: 'signed-in-user',
} as const;

/**
 * `on` when Whop's webhooks are configured (WHOP_WEBHOOK_SECRET): member pages subscribe to
 * their changes. Apart from APP_META_TAGS: only the member page's live chunk reads it, and
 * every name in that object is in `/`'s bytes.
 */
export const LIVE_META_TAG = 'app-live';

/** A demo member the search page suggests. */
export type DemoMemberLink = { id: string; label: string };

/** What the server says on every page it serves: demo or live, and the demo members. */
export type AppMeta = {
  mode: 'demo' | 'live';
  demoMembers: readonly DemoMemberLink[];
  /** Whether member pages may subscribe to live changes (webhooks on); absent is off. */
  live?: boolean;
};

/** What one page's tags say: AppMeta, and who is signed in (null when the dashboard is open). */
export type PageMeta = AppMeta & { signedInAs: string | null };
