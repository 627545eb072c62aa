import type { Context } from 'hono';
import { API_REQUEST_HEADER } from '../../contract/auth';

/**
 * Whether a request comes from our own pages: it carries the custom header, or its Origin
 * is ours, or the browser says it is same-origin (or typed into the address bar).
 * `Origin: null` is what browsers send on a form POST under `Referrer-Policy:
 * no-referrer` (ours), so it defers to Sec-Fetch-Site rather than passing or failing.
 */
export function isSameOriginRequest(c: Context, publicOrigin: string): boolean {
  if (c.req.header(API_REQUEST_HEADER.name)) return true;
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== 'null') return origin === publicOrigin;
  const site = c.req.header('sec-fetch-site');
  return site === 'same-origin' || site === 'none';
}
