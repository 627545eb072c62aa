import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/members/mber_demoAvaChen', '/members/mber_demoAvaChen'],
    ['/members/mber_x?tab=1#top', '/members/mber_x?tab=1#top'],
    ['/members/../members/mber_x', '/members/mber_x'],
    ['/api/session', '/api/session'],
  ])('keeps the same-origin path %j as %j', (raw, expected) => {
    expect(safeReturnTo(raw)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    '',
    'members/mber_x',
    'https://evil.example/',
    'http://evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2f%2fevil.example',
    '/%5cevil.example',
    '/%2F/evil.example',
    'javascript:alert(1)',
    '/\tevil',
    '/\nhttps://evil.example',
    ' /members',
    '/members\u0000',
    'data:text/html,hi',
    '/auth/login?returnTo=/x',
    '/auth/callback',
    '/auth',
    `/${'a'.repeat(3000)}`,
  ])('falls back to / for %j', (raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });

  it('always answers a path on this origin, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        const result = safeReturnTo(raw);
        expect(result.startsWith('/')).toBe(true);
        expect(result.startsWith('//')).toBe(false);
        expect(result).not.toMatch(/\\/);
        expect(new URL(result, 'https://dashboard.example').origin).toBe('https://dashboard.example');
      }),
      { numRuns: 2000 },
    );
  });
});
