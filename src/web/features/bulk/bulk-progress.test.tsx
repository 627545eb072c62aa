import { describe, expect, it } from 'vitest';
import { secondsUntil, timeLeftText } from './bulk-progress';

describe('timeLeftText', () => {
  it.each([
    [0.2, 'about 1 s left'],
    [40, 'about 40 s left'],
    [60, 'about 1 min left'],
    [95, 'about 2 min left'],
    [3600, 'about 1 h left'],
    [5000, 'about 2 h left'],
  ])('%d s -> %s', (seconds, text) => {
    expect(timeLeftText(seconds)).toBe(text);
  });
});

describe('secondsUntil', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it.each([
    [null, 0],
    ['2026-06-01T12:00:03.200Z', 4],
    ['2026-06-01T11:59:00Z', 0],
    ['not a date', 0],
  ])('%s -> %d', (until, seconds) => {
    expect(secondsUntil(until, now)).toBe(seconds);
  });
});
