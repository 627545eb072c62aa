import { describe, expect, it } from 'vitest';
import { serverOptions } from './server-options';

describe('serverOptions (inbound limits; process.test.ts holds them on a real socket)', () => {
  it('gives a request the upstream deadline plus 5 s, headers at most 10 s, 16 KiB of headers, 5 s idle keep-alive', () => {
    expect(serverOptions(8_000)).toEqual({
      requestTimeout: 13_000,
      headersTimeout: 10_000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: 16_384,
    });
  });

  it('never lets the headers take longer than the whole request may', () => {
    expect(serverOptions(2_000)).toMatchObject({ requestTimeout: 7_000, headersTimeout: 7_000 });
  });
});
