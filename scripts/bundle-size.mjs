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

/** The app's lazy chunks by name (src/contract/web-chunks.ts; JSON, so plain Node reads it). */
const WEB_CHUNKS = JSON.parse(readFileSync(new URL('../src/contract/web-chunks.json', import.meta.url), 'utf8'));

/**
 * The lazy chunks `/` loads on its own before the network goes quiet, and who loads them:
 * recent lookups and the theme switch render on `/` (React.lazy); the search box is
 * focused on `/`, and focus warms up its brains and the member route (with the member
 * skeleton, src/web/app/member-route-loader.ts); the member route,
 * once loaded, fetches the history panels' chunk when the page is idle. A module added
 * to or dropped from that chain must be named here (and in web-chunks.json), or
 * e2e/bytes.spec.ts fails.
 */
export const LOADED_AT_IDLE_ON_HOME = [
  WEB_CHUNKS.recentLookups,
  WEB_CHUNKS.themeToggle,
  WEB_CHUNKS.searchAssist,
  WEB_CHUNKS.memberRoute,
  WEB_CHUNKS.memberSkeleton,
  WEB_CHUNKS.historyPanels,
];

/** Vite's manifest (build.manifest in vite.config.ts): each module's chunk and what it imports. */
export function readManifest(root = 'dist/client') {
  return JSON.parse(readFileSync(path.join(root, '.vite', 'manifest.json'), 'utf8'));
}

/**
 * The manifest key of the dynamic import's chunk named `name` (src/contract/web-chunks.ts
 * does the same for the server). Throws unless exactly one is.
 */
export function chunkKey(manifest, name) {
  const keys = Object.keys(manifest).filter((key) => manifest[key].isDynamicEntry && manifest[key].name === name);
  if (keys.length !== 1)
    throw new Error(`${keys.length} chunks named ${name} in Vite's manifest: was it renamed or removed?`);
  return keys[0];
}

/**
 * The files the chunk named `name` needs (a name from web-chunks.json): its own, and those
 * of every chunk it imports statically (Vite preloads those beside a dynamic import), with
 * their CSS. Paths start with `/`, as the browser asks for them.
 */
export function chunkFiles(manifest, name, into = new Set()) {
  return filesOf(manifest, chunkKey(manifest, name), into);
}

function filesOf(manifest, key, into) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in Vite's manifest`);
  if (into.has(`/${chunk.file}`)) return into;
  into.add(`/${chunk.file}`);
  for (const css of chunk.css ?? []) into.add(`/${css}`);
  for (const imported of chunk.imports ?? []) filesOf(manifest, imported, into);
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
  for (const name of LOADED_AT_IDLE_ON_HOME) chunkFiles(manifest, name, refs);
  return measure(root, refs);
}
