import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEMBER_ID_MAX_LENGTH, parseMemberId } from './member-id';

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

  it('accepts exactly mber_ plus ASCII letters and digits, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const result = parseMemberId(input);
        const trimmed = input.trim();
        const expected = /^mber_[A-Za-z0-9]+$/.test(trimmed) && trimmed.length <= MEMBER_ID_MAX_LENGTH;
        expect(result.ok).toBe(expected);
        if (result.ok) expect(result.id).toBe(trimmed);
      }),
      { numRuns: 2000 },
    );
  });
});
