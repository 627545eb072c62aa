/** Thrown when an upstream body is larger than we are willing to hold in memory. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Upstream body exceeded ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * A `fetch` for the Whop SDK that never follows redirects (a redirect is an answer we
 * refuse, not a place to go with our key) and reads the whole body under the request's
 * signal with a size cap. The SDK's own timeout stops at the headers; buffering here
 * puts the body under the deadline too, so a slow drip cannot hold a lookup open.
 */
export function createGuardedFetch(maxBodyBytes: number, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, { ...init, redirect: 'manual' });
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      await response.body?.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBodyBytes);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBodyBytes) {
          await reader.cancel().catch(() => {});
          throw new BodyTooLargeError(maxBodyBytes);
        }
        chunks.push(value);
      }
    }
    const body = Buffer.concat(chunks);
    // Status 1xx/204/304 responses cannot carry a body in the Response constructor.
    const nullBody = response.status === 204 || response.status === 304;
    return new Response(nullBody ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
