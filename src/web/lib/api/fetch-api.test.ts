import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from '../../../contract/zod';
import { fetchApi } from './fetch-api';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status, headers }));
}

const fetchThing = () => fetchApi('/api/thing', z.object({ ok: z.boolean() }), 'a thing');

describe('fetchApi', () => {
  it('passes a code the contract knows through, with message, retry time and request id', async () => {
    answer(
      429,
      { error: { code: 'rate_limited', message: 'Slow down.', request_id: 'req_1' } },
      { 'retry-after': '7' },
    );
    await expect(fetchThing()).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Slow down.',
      retryAfterSeconds: 7,
      requestId: 'req_1',
    });
  });

  it("names a code from a newer server unknown_code and keeps the server's message", async () => {
    answer(409, { error: { code: 'member_frozen', message: 'This member is frozen.', request_id: 'req_2' } });
    await expect(fetchThing()).rejects.toMatchObject({
      status: 409,
      code: 'unknown_code',
      message: 'This member is frozen.',
      requestId: 'req_2',
    });
  });

  it('calls an answer that is not our envelope unexpected_response', async () => {
    answer(502, '<html>Bad gateway</html>');
    await expect(fetchThing()).rejects.toMatchObject({ status: 502, code: 'unexpected_response' });
  });

  it('calls a body the schema rejects unexpected_response', async () => {
    answer(200, { ok: 'yes' });
    await expect(fetchThing()).rejects.toMatchObject({
      code: 'unexpected_response',
      message: 'The dashboard server sent a thing we could not read.',
    });
  });
});
