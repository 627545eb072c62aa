import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MEMBER_ROUTE_MODULE,
  MEMBER_SKELETON_MODULE,
  memberPreloadLinks,
  memberRouteChunks,
  type ViteManifest,
} from './deep-link-preload';

const CHUNKS = ['/assets/member-route-a1.js', '/assets/member-badges-b2.js'];

describe('memberPreloadLinks', () => {
  it("preloads the member's answer the way fetch() asks for it, and the member route's chunks", () => {
    expect(memberPreloadLinks('mber_demoWhale', CHUNKS)).toBe(
      '</api/members/mber_demoWhale>; rel=preload; as=fetch; crossorigin, ' +
        '</assets/member-route-a1.js>; rel=modulepreload, </assets/member-badges-b2.js>; rel=modulepreload',
    );
  });

  it('leaves the answer out when asked to (a reload: the page asks for it marked fresh)', () => {
    expect(memberPreloadLinks('mber_x1', CHUNKS, { data: false })).toBe(
      '</assets/member-route-a1.js>; rel=modulepreload, </assets/member-badges-b2.js>; rel=modulepreload',
    );
    expect(memberPreloadLinks('mber_x1', [], { data: false })).toBeNull();
  });

  it('still preloads the answer when the manifest named no chunks', () => {
    expect(memberPreloadLinks('mber_x1', [])).toBe('</api/members/mber_x1>; rel=preload; as=fetch; crossorigin');
  });

  it.each([
    ['a CRLF and a header', 'mber_abc\r\nSet-Cookie: session=evil'],
    ['a lone LF', 'mber_abc\nX-Evil: 1'],
    ['quotes', 'mber_abc"; rel=preload; as=script'],
    ['angle brackets', 'mber_abc>; rel=preload, <https://evil.example/x'],
    ['a comma', 'mber_abc,mber_def'],
    ['5,000 characters', `mber_${'a'.repeat(4995)}`],
    ['spaces around it (the API refuses those too)', ' mber_abc '],
    ['a membership id', 'mem_abc123'],
    ['only the prefix', 'mber_'],
    ['nothing', ''],
    ['a path', 'mber_abc/../../api/session'],
  ])('gives no header at all for %s', (_what, id) => {
    expect(memberPreloadLinks(id, CHUNKS)).toBeNull();
  });

  it('never lets anything but a plain member id into the header', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (id) => {
        const links = memberPreloadLinks(id, CHUNKS);
        if (links === null) return;
        expect(id).toMatch(/^mber_[A-Za-z0-9]+$/);
        expect(links.startsWith(`</api/members/${id}>; rel=preload;`)).toBe(true);
      }),
    );
  });
});

describe('memberRouteChunks', () => {
  const manifest: ViteManifest = {
    'index.html': { file: 'assets/index-e1.js' },
    [MEMBER_ROUTE_MODULE]: { file: 'assets/member-route-a1.js', imports: ['index.html', '_badges.js'] },
    '_badges.js': { file: 'assets/member-badges-b2.js', imports: ['index.html', '_intl.js'] },
    '_intl.js': { file: 'assets/intl-c3.js', imports: ['_badges.js'] },
    'src/web/features/search/search-route.tsx': { file: 'assets/search-route-d4.js', imports: ['_intl.js'] },
  };
  const withSkeleton: ViteManifest = {
    ...manifest,
    [MEMBER_SKELETON_MODULE]: { file: 'assets/member-skeleton-f5.js', imports: ['index.html'] },
  };

  it("lists the route's chunk and what it imports, once each, without what the shell loads already", () => {
    expect(memberRouteChunks(manifest, new Set(['/assets/index-e1.js']))).toEqual([
      '/assets/member-route-a1.js',
      '/assets/member-badges-b2.js',
      '/assets/intl-c3.js',
    ]);
  });

  it('adds the member skeleton after the route, without what the shell loads already', () => {
    expect(memberRouteChunks(withSkeleton, new Set(['/assets/index-e1.js']))).toEqual([
      '/assets/member-route-a1.js',
      '/assets/member-badges-b2.js',
      '/assets/intl-c3.js',
      '/assets/member-skeleton-f5.js',
    ]);
  });

  it('is empty when the manifest does not know the member route (the deep link still works, one trip slower)', () => {
    expect(memberRouteChunks({ 'index.html': { file: 'assets/index-e1.js' } }, new Set())).toEqual([]);
  });
});
