import { describe, expect, it } from 'vitest';
import { asksForFresh } from './cache-control';

describe('asksForFresh', () => {
  it.each(['no-cache', 'No-Cache', 'max-age=0', 'max-age="0"', 'no-store, no-cache', ' private , no-cache '])(
    'is true for %j',
    (header) => {
      expect(asksForFresh(header)).toBe(true);
    },
  );

  it.each([undefined, '', 'max-age=60', 'max-age=00x', 'no-store', 'no-cache-please', 'x-no-cache', 'only-if-cached'])(
    'is false for %j',
    (header) => {
      expect(asksForFresh(header)).toBe(false);
    },
  );
});
