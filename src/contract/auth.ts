/**
 * What browser and server agree on about sign-in. No zod: the eager bundle reads it.
 */

/**
 * Every API call from the SPA carries this header. A page on another site cannot add a
 * custom header to a request here without a CORS preflight, which the server never
 * approves, so its presence shows the call came from our own pages (CSRF defence).
 */
export const API_REQUEST_HEADER = { name: 'X-Requested-With', value: 'member-lookup' } as const;

/** Where to go to sign in and come back to `returnTo` (a same-origin path) afterwards. */
export function signInHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}
