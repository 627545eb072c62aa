import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after';

/** A fixed clock: Wed, 02 Dec 2026 10:00:00 GMT. */
const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);

describe('parseRetryAfter', () => {
  it.each<[string | null | undefined, number | undefined]>([
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    ['   ', undefined],
    ['120', 120],
    ['1', 1],
    // Whole seconds, rounded up, never less than 1: "0" would mean "retry in a loop".
    ['0', 1],
    ['1.5', 2],
    ['1.25', 2],
    ['2.0', 2],
    [' 5 ', 5],
    ['\t30\n', 30],
    // Text around a number is neither form; none of it is read as a number of seconds.
    ['5s', undefined],
    ['5 seconds', undefined],
    ['x5', undefined],
    ['later', undefined],
  ])('%j as seconds: %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each<[string, number]>([
    ['Wed, 02 Dec 2026 10:01:30 GMT', 90],
    ['Wed, 02 Dec 2026 10:00:01 GMT', 1],
    ['  Wed, 02 Dec 2026 10:00:10 GMT  ', 10],
    // A date already past (or now) still waits the minimum second.
    ['Wed, 02 Dec 2026 10:00:00 GMT', 1],
    ['Tue, 01 Dec 2026 09:00:00 GMT', 1],
  ])('the HTTP date %j, read at a fixed clock: %i s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('rounds a part of a second up (a date read 0.5 s before it)', () => {
    expect(parseRetryAfter('Wed, 02 Dec 2026 10:01:30 GMT', NOW + 500)).toBe(90);
    expect(parseRetryAfter('Wed, 02 Dec 2026 10:01:30 GMT', NOW + 1000)).toBe(89);
  });

  it('an unreadable date is undefined', () => {
    expect(parseRetryAfter('Wed, 32 Foo 2026 25:61:61 GMT', NOW)).toBeUndefined();
  });
});
