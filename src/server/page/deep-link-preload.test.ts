import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ViteManifest, WEB_CHUNKS } from '../../contract/web-chunks';
import {
  historyPanelChunks,
  memberPreloadLinks,
  memberRouteChunks,
  missingChunks,
  shellFiles,
} from './deep-link-preload';

const SHELL = [
  { href: '/assets/index-e1.js', kind: 'module' },
  { href: '/assets/index-s9.css', kind: 'style' },
] as const;
const CHUNKS = {
  shell: SHELL,
  chunks: ['/assets/member-route-a1.js', '/assets/member-badges-b2.js'],
  history: ['/assets/history-panels-h1.js'],
};
const noFiles = { shell: [], chunks: [], history: [] };

describe('memberPreloadLinks', () => {
  it("preloads the member's answer the way fetch() asks for it, then the shell's entry and stylesheet the way index.html asks for them, then the member route's chunks", () => {
    expect(memberPreloadLinks('mber_demoWhale', CHUNKS)).toBe(
      '</api/members/mber_demoWhale>; rel=preload; as=fetch; crossorigin, ' +
        '</assets/index-e1.js>; rel=modulepreload, </assets/index-s9.css>; rel=preload; as=style; crossorigin, ' +
        '</assets/member-route-a1.js>; rel=modulepreload, </assets/member-badges-b2.js>; rel=modulepreload',
    );
  });

  it('leaves the answer out when asked to (a reload: the page asks for it marked fresh)', () => {
    expect(memberPreloadLinks('mber_x1', CHUNKS, { data: false })).toBe(
      '</assets/index-e1.js>; rel=modulepreload, </assets/index-s9.css>; rel=preload; as=style; crossorigin, ' +
        '</assets/member-route-a1.js>; rel=modulepreload, </assets/member-badges-b2.js>; rel=modulepreload',
    );
    expect(memberPreloadLinks('mber_x1', noFiles, { data: false })).toBeNull();
  });

  it('for a page the server rendered: the stylesheet only, no answer (the page has it) and no code (it loads after the paint)', () => {
    expect(memberPreloadLinks('mber_x1', CHUNKS, { data: false, painted: true })).toBe(
      '</assets/index-s9.css>; rel=preload; as=style; crossorigin',
    );
  });

  it('still preloads the answer when the manifest named no chunks and the shell no files', () => {
    expect(memberPreloadLinks('mber_x1', noFiles)).toBe('</api/members/mber_x1>; rel=preload; as=fetch; crossorigin');
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

describe('shellFiles', () => {
  it("finds the entry script and the stylesheet in Vite's index.html, in its order", () => {
    const html = `<!doctype html><html><head>
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <script type="module" crossorigin src="/assets/index-RmgRfl7e.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-x1.js">
    <link rel="stylesheet" crossorigin href="/assets/index-BKNN3fvX.css">
    </head><body><div id="root"></div></body></html>`;
    expect(shellFiles(html)).toEqual([
      { href: '/assets/index-RmgRfl7e.js', kind: 'module' },
      { href: '/assets/index-BKNN3fvX.css', kind: 'style' },
    ]);
  });

  it('takes nothing that is not a plain /assets/ path: no other origin, no quotes or brackets', () => {
    const html = `<script type="module" src="https://cdn.example/app.js"></script>
      <script src="/assets/classic.js"></script>
      <link rel="stylesheet" href="/assets/a>b.css">
      <link rel="stylesheet" href="/theme.css">`;
    expect(shellFiles(html)).toEqual([]);
  });
});

describe('memberRouteChunks', () => {
  const manifest: ViteManifest = {
    'index.html': { file: 'assets/index-e1.js' },
    // Keyed by source path, which the server never reads: it finds a chunk by its name.
    'src/anywhere/route.ts': {
      file: 'assets/member-route-a1.js',
      name: WEB_CHUNKS.memberRoute,
      isDynamicEntry: true,
      imports: ['index.html', '_badges.js'],
    },
    '_badges.js': { file: 'assets/member-badges-b2.js', imports: ['index.html', '_intl.js'] },
    '_intl.js': { file: 'assets/intl-c3.js', imports: ['_badges.js'] },
    'src/web/features/search/search-route.tsx': { file: 'assets/search-route-d4.js', imports: ['_intl.js'] },
  };
  const withSkeleton: ViteManifest = {
    ...manifest,
    'src/anywhere/skeleton.tsx': {
      file: 'assets/member-skeleton-f5.js',
      name: WEB_CHUNKS.memberSkeleton,
      isDynamicEntry: true,
      imports: ['index.html'],
    },
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

  it("lists the history panels' chunks apart, without what the shell or the route loads already", () => {
    const withHistory: ViteManifest = {
      ...withSkeleton,
      'src/anywhere/history.tsx': {
        file: 'assets/history-panels-h1.js',
        name: WEB_CHUNKS.historyPanels,
        isDynamicEntry: true,
        imports: ['index.html', '_money.js', '_intl.js'],
      },
      '_money.js': { file: 'assets/money-m1.js' },
    };
    expect(historyPanelChunks(withHistory, new Set(['/assets/index-e1.js']))).toEqual([
      '/assets/history-panels-h1.js',
      '/assets/money-m1.js',
    ]);
    expect(historyPanelChunks(manifest, new Set())).toEqual([]);
  });

  it('is empty when the manifest does not know the member route (the deep link still works, one trip slower)', () => {
    expect(memberRouteChunks({ 'index.html': { file: 'assets/index-e1.js' } }, new Set())).toEqual([]);
  });

  it('takes only a dynamic entry by the name: a shared chunk of the same name is not the route', () => {
    const shared: ViteManifest = {
      '_member-route.js': { file: 'assets/member-route-s1.js', name: WEB_CHUNKS.memberRoute },
    };
    expect(memberRouteChunks(shared, new Set())).toEqual([]);
  });
});

describe('missingChunks', () => {
  it('names every chunk a deep link preloads that the manifest does not name', () => {
    expect(missingChunks({})).toEqual([WEB_CHUNKS.memberRoute, WEB_CHUNKS.memberSkeleton, WEB_CHUNKS.historyPanels]);
    const some: ViteManifest = {
      a: { file: 'assets/a.js', name: WEB_CHUNKS.memberRoute, isDynamicEntry: true },
      b: { file: 'assets/b.js', name: WEB_CHUNKS.historyPanels, isDynamicEntry: true },
    };
    expect(missingChunks(some)).toEqual([WEB_CHUNKS.memberSkeleton]);
  });

  it('counts a name two dynamic entries share as missing: which one would be a guess', () => {
    const twice: ViteManifest = {
      a: { file: 'assets/a.js', name: WEB_CHUNKS.memberSkeleton, isDynamicEntry: true },
      b: { file: 'assets/b.js', name: WEB_CHUNKS.memberSkeleton, isDynamicEntry: true },
    };
    expect(missingChunks(twice)).toContain(WEB_CHUNKS.memberSkeleton);
  });
});
