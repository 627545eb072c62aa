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
    ['/authors', '/authors'],
    ['/members/a%2Fb', '/members/a%2Fb'],
    ['/members/a%5Cb', '/members/a%5Cb'],
    ['/members//x', '/members//x'],
    ['/members/%2Fx', '/members/%2Fx'],
    ['/members/%5cx', '/members/%5cx'],
    ['/members/x!', '/members/x!'],
    ['/members/x\u00a0', '/members/x%C2%A0'],
    [`/${'a'.repeat(2047)}`, `/${'a'.repeat(2047)}`],
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
    '/auth/',
    '/members/../auth/login',
    '//evil.example/members',
    '/.//evil.example/x',
    '/..//evil.example',
    '/members/..//evil.example',
    '/%2e//evil.example',
    '/%2e/%2fevil.example',
    '/members x',
    '/members\\x',
    '/members/..\\x',
    '/members\u007f',
    '/members\u0080',
    '/members\u009f',
    `/${'a'.repeat(2048)}`,
    `/${'a'.repeat(3000)}`,
  ])('falls back to / for %j', (raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });

  it('always answers a path on this origin, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), trickyPath), (raw) => {
        expectSafe(safeReturnTo(raw), raw);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps every plain path as it is', () => {
    fc.assert(
      fc.property(plainPath, (raw) => {
        expect(safeReturnTo(raw)).toBe(raw);
      }),
      { numRuns: 500 },
    );
  });
});

const SITE = 'https://dashboard.example';

/**
 * The oracle, written from what a browser does with a Location header rather than from
 * the code under test: the answer is `/`, or a path that lands on this site both as it is
 * and after one more round of percent-decoding of slashes (a proxy or router that decodes
 * `%2f` or `%5c`), is not a sign-in route, and names the same place as the input did.
 */
function expectSafe(result: string, raw: string) {
  if (result === '/') return;
  const decodedOnce = result.replace(/%2f/gi, '/').replace(/%5c/gi, '\\');
  for (const candidate of [result, decodedOnce]) {
    expect(new URL(candidate, SITE).origin, `${JSON.stringify(raw)} -> ${candidate}`).toBe(SITE);
    expect(candidate.startsWith('/') && !candidate.startsWith('//') && !candidate.startsWith('/\\')).toBe(true);
  }
  // Serialised by the URL parser: printable ASCII only (no space, tab, newline), and no backslash.
  expect(result).toMatch(/^[!-~]+$/);
  expect(result).not.toContain('\\');
  const path = new URL(result, SITE).pathname;
  expect(path === '/auth' || path.startsWith('/auth/')).toBe(false);
  // The same place: what the browser would have opened for the raw value, on this site.
  expect(new URL(result, SITE).href).toBe(new URL(raw, SITE).href);
}

/** Paths built from the pieces that make trouble: dot segments (plain and encoded), empty segments, encoded slashes. */
const trickyPath = fc
  .array(
    fc.constantFrom(
      '.',
      '..',
      '',
      '%2e',
      '%2E%2e',
      '.%2e',
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '%2f%2f',
      '%252f',
      'evil.example',
      'members',
      'auth',
      'x',
      '?q=1',
      '#h',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((segments) => `/${segments.join('/')}`);

/** Paths with nothing doubtful in them: letters, digits, `-_~`, single slashes, a query. */
const plainPath = fc
  .tuple(
    fc.array(fc.stringMatching(/^[A-Za-z0-9_~-]{1,12}$/), { minLength: 1, maxLength: 5 }),
    fc.option(fc.stringMatching(/^[a-z]{1,5}=[a-z0-9]{0,5}$/), { nil: undefined }),
  )
  .filter(([segments]) => segments[0] !== 'auth')
  .map(([segments, query]) => `/${segments.join('/')}${query === undefined ? '' : `?${query}`}`);
