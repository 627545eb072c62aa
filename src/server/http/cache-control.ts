/**
 * Whether a request's `Cache-Control` asks for an answer no cache has kept: `no-cache`, or
 * `max-age=0` (RFC 9111 5.2.1). The dashboard's Refresh sends `no-cache`; a fetch the app
 * makes by itself sends neither, and is served from the member cache when it can be.
 */
export function asksForFresh(cacheControl: string | undefined): boolean {
  if (!cacheControl) return false;
  return cacheControl.split(',').some((directive) => {
    const [name = '', value] = directive.trim().toLowerCase().split('=', 2);
    return name === 'no-cache' || (name === 'max-age' && value?.replace(/^"|"$/g, '') === '0');
  });
}
