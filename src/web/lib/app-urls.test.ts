import { describe, expect, it } from 'vitest';
import { isMemberPath, memberPath, SEARCH_PARAM, searchPath } from './app-urls';

describe('memberPath', () => {
  it('puts the member id under /members/', () => {
    expect(memberPath('mber_demoAvaChen')).toBe('/members/mber_demoAvaChen');
  });

  it('percent-encodes anything that is not safe in a path segment', () => {
    expect(memberPath('a/b?c#d e')).toBe('/members/a%2Fb%3Fc%23d%20e');
  });
});

describe('searchPath', () => {
  it('carries the text in ?q=', () => {
    expect(searchPath('ava')).toBe('/search?q=ava');
  });

  it('form-encodes spaces, ampersands, plus signs and non-ASCII text', () => {
    expect(searchPath('ava chen&x=1')).toBe('/search?q=ava+chen%26x%3D1');
    expect(searchPath('a+b@example.com')).toBe('/search?q=a%2Bb%40example.com');
    expect(searchPath('Zoë')).toBe('/search?q=Zo%C3%AB');
  });

  it('round-trips through URLSearchParams', () => {
    const text = 'user_x & "quotes" / 100%';
    expect(new URL(searchPath(text), 'http://x').searchParams.get(SEARCH_PARAM)).toBe(text);
  });
});

describe('isMemberPath', () => {
  it.each([
    ['/members/mber_x', true],
    ['/members/', true],
    ['/members', false],
    ['/search', false],
    ['/', false],
  ])('%s -> %s', (path, expected) => {
    expect(isMemberPath(path)).toBe(expected);
  });
});
