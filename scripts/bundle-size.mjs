// What `/` loads, measured the way the server sends it, each file gzipped at level 9 (what
// scripts/compress-assets.mjs precompresses). Two figures, both budgets of `npm test`:
//   - before its load event: the entry script, its modulepreloads and stylesheets named in
//     the built index.html;
//   - until the network is idle: that, plus the lazy modules `/` itself starts loading with
//     nobody touching it (LOADED_AT_IDLE_ON_HOME) and every chunk they import, from Vite's
//     manifest. e2e/bytes.spec.ts checks in Chromium that this is exactly what `/` fetches.
// Shared by the size check, the e2e check and the bench.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const JS_BUDGET_BYTES = 100 * 1024;
export const IDLE_JS_BUDGET_BYTES = 140 * 1024;

/**
 * The lazy modules `/` loads on its own before the network goes quiet, and who loads them:
 * recent lookups and the theme switch render on `/` (React.lazy); the search box is
 * focused on `/`, and focus warms up its brains and the member route (with the member
 * skeleton, src/web/app/member-route-loader.ts); the member route,
 * once loaded, fetches the history panels' chunk when the page is idle. A module added
 * to or dropped from that chain must be named here, or e2e/bytes.spec.ts fails.
 */
export const LOADED_AT_IDLE_ON_HOME = [
  'src/web/features/search/recent-lookups.tsx',
  'src/web/lib/theme/theme-toggle.tsx',
  'src/web/features/search/search-assist.ts',
  'src/web/features/member/member-route.ts',
  'src/web/features/member/member-skeleton.tsx',
  'src/web/features/member/history-panels.tsx',
];

/** Vite's manifest (build.manifest in vite.config.ts): each module's chunk and what it imports. */
export function readManifest(root = 'dist/client') {
  return JSON.parse(readFileSync(path.join(root, '.vite', 'manifest.json'), 'utf8'));
}

/**
 * The files a module's chunk needs: its own, and those of every chunk it imports
 * statically (Vite preloads those beside a dynamic import), with their CSS. Paths start
 * with `/`, as the browser asks for them.
 */
export function chunkFiles(manifest, key, into = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in Vite's manifest: was it renamed or removed?`);
  if (into.has(`/${chunk.file}`)) return into;
  into.add(`/${chunk.file}`);
  for (const css of chunk.css ?? []) into.add(`/${css}`);
  for (const imported of chunk.imports ?? []) chunkFiles(manifest, imported, into);
  return into;
}

function measure(root, refs) {
  let js = 0;
  let css = 0;
  const files = [];
  for (const ref of refs) {
    const bytes = readFileSync(path.join(root, ref));
    const gz = gzipSync(bytes, { level: 9 }).length;
    const kind = ref.endsWith('.css') ? 'css' : 'js';
    if (kind === 'css') css += gz;
    else js += gz;
    files.push({ ref, kind, raw: bytes.length, gz });
  }
  return { files, js, css };
}

function entryRefs(root) {
  const html = readFileSync(path.join(root, 'index.html'), 'utf8');
  return [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ];
}

/** What `/` needs before its load event. */
export function measureEntryAssets(root = 'dist/client') {
  return measure(root, new Set(entryRefs(root)));
}

/** Everything `/` fetches until the network is idle: the entry's files first, then the lazy ones. */
export function measureIdleAssets(root = 'dist/client') {
  const manifest = readManifest(root);
  const refs = new Set(entryRefs(root));
  for (const key of LOADED_AT_IDLE_ON_HOME) chunkFiles(manifest, key, refs);
  return measure(root, refs);
}
