import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEMBER_ID_MAX_LENGTH, parseMemberId, parseMemberIdParam } from './member-id';

describe('parseMemberId', () => {
  it('accepts mber_ ids and trims around them', () => {
    expect(parseMemberId('mber_abc123XYZ')).toEqual({ ok: true, id: 'mber_abc123XYZ' });
    expect(parseMemberId('  mber_abc123\n')).toEqual({ ok: true, id: 'mber_abc123' });
  });

  it.each([
    ['', 'Enter a member id'],
    ['   ', 'Enter a member id'],
    ['mber_', 'only the start of an id'],
    ['mem_abc123', 'membership id'],
    ['user_abc123', 'user id'],
    ['biz_abc123', 'company id'],
    ['mber_abc-123', 'only letters and digits'],
    ['mber_abc 123', 'only letters and digits'],
    ['mber_../../etc', 'only letters and digits'],
    ['mber_abc%2F', 'only letters and digits'],
    ['MBER_abc', 'start with mber_'],
    ['hello', 'start with mber_'],
    ['mber_ab\u00e9', 'only letters and digits'],
    ['mber_abc_def', 'only letters and digits'],
    ['mber_abc\uff11', 'only letters and digits'],
    ['prod_abc123', 'product id'],
    ['plan_abc123', 'plan id'],
    ['pay_abc123', 'payment id'],
  ])('rejects %j with a message a person understands', (input, fragment) => {
    const result = parseMemberId(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  it('caps the length', () => {
    const longest = `mber_${'a'.repeat(MEMBER_ID_MAX_LENGTH - 5)}`;
    expect(parseMemberId(longest).ok).toBe(true);
    const result = parseMemberId(`${longest}a`);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('too long') });
  });

  // An oracle written without a regex, so a loosened pattern (`\w+`, a dropped anchor)
  // disagrees with it instead of being copied into the test.
  const ASCII_ALNUM = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  const isMemberId = (s: string) =>
    s.startsWith('mber_') &&
    s.length > 5 &&
    s.length <= MEMBER_ID_MAX_LENGTH &&
    [...s.slice(5)].every((ch) => ASCII_ALNUM.has(ch));
  const alnum = fc.constantFrom(...ASCII_ALNUM);
  const wellFormed = fc.string({ unit: alnum, minLength: 1, maxLength: 40 }).map((tail) => `mber_${tail}`);
  // Characters a loose pattern would let through: underscore, hyphen, other scripts'
  // letters and digits, spaces and controls inside, path and URL characters.
  const bad = fc.constantFrom(
    '_',
    '-',
    '.',
    ' ',
    '\t',
    '\u0000',
    '/',
    '\\',
    '%',
    '?',
    '#',
    'é',
    'İ',
    '\uff11',
    '٣',
    '\u200b',
    '😀',
  );

  it('accepts a well-formed id and rejects it with any one bad character in it', () => {
    fc.assert(
      fc.property(wellFormed, bad, fc.nat(), (id, ch, at) => {
        expect(parseMemberId(id)).toEqual({ ok: true, id });
        const pos = 5 + (at % (id.length - 4));
        const broken = id.slice(0, pos) + ch + id.slice(pos);
        const expected = isMemberId(broken.trim());
        expect(parseMemberId(broken).ok).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the oracle on ids near the length cap and on other prefixes', () => {
    const near = fc
      .integer({ min: MEMBER_ID_MAX_LENGTH - 8, max: MEMBER_ID_MAX_LENGTH + 8 })
      .map((n) => `mber_${'a'.repeat(Math.max(0, n - 5))}`);
    const prefixed = fc
      .tuple(
        fc.constantFrom('mber_', 'mber', 'MBER_', 'mem_', 'user_', 'xmber_', ' mber_'),
        fc.string({ unit: alnum, maxLength: 10 }),
      )
      .map(([p, t]) => p + t);
    fc.assert(
      fc.property(fc.oneof(near, prefixed), (input) => {
        expect(parseMemberId(input).ok).toBe(isMemberId(input.trim()));
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts exactly mber_ plus ASCII letters and digits, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const result = parseMemberId(input);
        const trimmed = input.trim();
        const expected = isMemberId(trimmed);
        expect(result.ok).toBe(expected);
        if (result.ok) expect(result.id).toBe(trimmed);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseMemberIdParam', () => {
  it('takes exactly a member id', () => {
    expect(parseMemberIdParam('mber_abc123')).toEqual({ ok: true, id: 'mber_abc123' });
  });

  it.each([' mber_abc123', 'mber_abc123 ', ' mber_x ', 'mber_abc123\n'])('refuses %j: spaces around the id', (raw) => {
    expect(parseMemberIdParam(raw)).toEqual({ ok: false, message: 'Member ids have no spaces around them.' });
  });

  it('says what parseMemberId says about anything that is not an id, spaces or not', () => {
    for (const raw of ['', '   ', 'mem_abc', ' mber_a-b ', 'mber_']) {
      expect(parseMemberIdParam(raw)).toEqual(parseMemberId(raw));
    }
  });
});
