import { Agent, type Dispatcher, request } from 'undici';

/** Thrown when an upstream body is larger than we are willing to hold in memory. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Upstream body exceeded ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** One keep-alive pool for every Whop client (members, history, directory, admin check). */
const WHOP_CONNECTIONS = new Agent();

/** Statuses whose Response cannot carry a body (the Response constructor throws). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` for the Whop SDK, built on undici's `request` rather than on `fetch` (the same
 * HTTP client underneath, without the WHATWG Request, stream and signal machinery that made
 * `fetch` the largest cost of a lookup; docs/decisions/0014). It never follows redirects (a
 * redirect is an answer we refuse, not a place to go with our key) and reads the whole body
 * under the request's signal with a size cap. The SDK's own timeout stops at the headers;
 * buffering here puts the body under the deadline too, so a slow drip cannot hold a lookup open.
 */
export function createGuardedFetch(maxBodyBytes: number, dispatcher: Dispatcher = WHOP_CONNECTIONS): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const signal = init?.signal ?? undefined;
    const answer = await request(url, {
      dispatcher,
      method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: headerPairs(init?.headers),
      body: requestBody(init?.body),
      signal,
    });
    // No (or an unreadable) Content-Length is NaN, which is never past the cap.
    const declared = Number(answer.headers['content-length']);
    if (declared > maxBodyBytes) {
      discard(answer.body);
      throw new BodyTooLargeError(maxBodyBytes);
    }
    // undici reads into Buffers of their own (never shared memory).
    const chunks: Buffer<ArrayBuffer>[] = [];
    let total = 0;
    for await (const chunk of answer.body as AsyncIterable<Buffer<ArrayBuffer>>) {
      total += chunk.byteLength;
      if (total > maxBodyBytes) {
        discard(answer.body);
        throw new BodyTooLargeError(maxBodyBytes);
      }
      chunks.push(chunk);
    }
    // Most answers arrive in one chunk: hand that one over rather than copying it.
    const [only] = chunks;
    const body = chunks.length === 1 && only ? only : Buffer.concat(chunks);
    return new Response(NULL_BODY_STATUSES.has(answer.statusCode) ? null : body, {
      status: answer.statusCode,
      headers: responseHeaders(answer.headers),
    });
  };
}

/** Closes a body we will not read (and its connection); its 'abort' error has nowhere to go. */
function discard(body: Dispatcher.ResponseData['body']) {
  body.on('error', () => {});
  body.destroy();
}

function headerPairs(headers: RequestInit['headers']): string[] {
  const flat: string[] = [];
  const entries = headers instanceof Headers ? headers : new Headers(headers);
  for (const [name, value] of entries) flat.push(name, value);
  // fetch asked for compressed answers and decoded them; this client does not decode, so it
  // says so rather than leave the choice to Whop or a proxy in between.
  if (!entries.has('accept-encoding')) flat.push('accept-encoding', 'identity');
  return flat;
}

function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  // The SDK sends JSON strings; anything else (a stream, a form) is not something our calls make.
  throw new TypeError('guarded fetch: only string and byte bodies are sent to Whop');
}

function responseHeaders(headers: Record<string, string | string[] | undefined>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name in headers) {
    const value = headers[name];
    if (Array.isArray(value)) for (const one of value) pairs.push([name, one]);
    else if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}
