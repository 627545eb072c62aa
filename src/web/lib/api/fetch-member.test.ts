import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { fetchMember } from './fetch-member';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchMember', () => {
  it("sends the dashboard's API header, which the server's CSRF check looks for", async () => {
    const fetchSpy = vi.fn(
      async () =>
        new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in' } }), { status: 401 }),
    );
    vi.stubGlobal('fetch', fetchSpy);
    await expect(fetchMember('mber_x')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    const init = (fetchSpy.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(new Headers(init.headers).get('X-Requested-With')).toBe('member-lookup');
  });

  it('asks for a fresh answer only when told to (an explicit refresh)', async () => {
    const fetchSpy = vi.fn(async () => new Response('{}', { status: 404 }));
    vi.stubGlobal('fetch', fetchSpy);
    await fetchMember('mber_x').catch(() => {});
    await fetchMember('mber_x', undefined, { fresh: true }).catch(() => {});
    const sent = (fetchSpy.mock.calls as unknown as Array<[string, RequestInit]>).map(([, init]) =>
      new Headers(init.headers).get('cache-control'),
    );
    expect(sent).toEqual([null, 'no-cache']);
  });

  it('turns a 401 into an ApiError for the route to handle, without redirecting itself', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in' } }), { status: 401 }),
    );
    const error = await fetchMember('mber_x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
  });
});
