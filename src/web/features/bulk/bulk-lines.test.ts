import { describe, expect, it } from 'vitest';
import { BULK_MAX_LINE_LENGTH, BULK_MAX_LINES } from '../../../contract/bulk';
import { checkLines, normaliseLine, normaliseLines } from './bulk-lines';

describe('normaliseLine', () => {
  it.each([
    ['  mber_a  ', 'mber_a'],
    ['"ava@example.com"', 'ava@example.com'],
    ["'avachen'", 'avachen'],
    ['""quoted twice""', '"quoted twice"'],
    ['"only one side', '"only one side'],
    ['" spaced "', 'spaced'],
    ['"', '"'],
  ])('%j -> %j', (raw, line) => {
    expect(normaliseLine(raw)).toBe(line);
  });
});

describe('normaliseLines', () => {
  it('splits on any line break, trims, drops blank lines and keeps the order', () => {
    expect(normaliseLines('mber_a\r\n\r\n  b@example.com \n""\r"c"\n\n')).toEqual(['mber_a', 'b@example.com', 'c']);
  });

  it('keeps duplicates: every pasted line gets its row', () => {
    expect(normaliseLines('a\na')).toEqual(['a', 'a']);
  });
});

describe('checkLines', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `mber_${i}`);

  it('accepts exactly the limit', () => {
    expect(checkLines(many(BULK_MAX_LINES))).toEqual({ ok: true, lines: many(BULK_MAX_LINES) });
  });

  it('refuses one line over the limit, naming the count and the limit', () => {
    expect(checkLines(many(BULK_MAX_LINES + 1))).toEqual({
      ok: false,
      message: '1,001 lines: a list holds at most 1,000. Split it and look up the rest after.',
    });
  });

  it('refuses a line over the length limit, naming the line', () => {
    const lines = ['mber_a', 'x'.repeat(BULK_MAX_LINE_LENGTH + 1)];
    expect(checkLines(lines)).toEqual({
      ok: false,
      message: 'Line 2 is 513 characters long; a line holds at most 512.',
    });
    expect(checkLines(['x'.repeat(BULK_MAX_LINE_LENGTH)]).ok).toBe(true);
  });

  it('refuses an empty list', () => {
    expect(checkLines([]).ok).toBe(false);
  });
});
