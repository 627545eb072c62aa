import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** How long a sign-in in progress (the login cookie) lasts: the round trip to Whop and back. */
const LOGIN_COOKIE_MAX_AGE_S = 600;

/** Cookie names and attributes: `__Host-` and Secure whenever the public URL is https. */
export function cookiePolicy(publicUrl: string) {
  const secure = new URL(publicUrl).protocol === 'https:';
  const prefix = secure ? '__Host-' : '';
  const attributes = { httpOnly: true, secure, sameSite: 'Lax', path: '/' } as const;
  return { secure, session: `${prefix}session`, login: `${prefix}signin`, attributes };
}

export type SignInCookies = ReturnType<typeof signInCookies>;

/** Reads, sets and clears the two sign-in cookies (the session, the sign-in in progress) under one policy. */
export function signInCookies(publicUrl: string) {
  const policy = cookiePolicy(publicUrl);
  return {
    session: (c: Context) => getCookie(c, policy.session),
    setSession: (c: Context, id: string) => setCookie(c, policy.session, id, policy.attributes),
    clearSession: (c: Context) => deleteCookie(c, policy.session, policy.attributes),
    login: (c: Context) => getCookie(c, policy.login),
    setLogin: (c: Context, id: string) =>
      setCookie(c, policy.login, id, { ...policy.attributes, maxAge: LOGIN_COOKIE_MAX_AGE_S }),
    clearLogin: (c: Context) => deleteCookie(c, policy.login, policy.attributes),
  };
}
