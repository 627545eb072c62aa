// What `/` loads, measured the way the server sends it: the entry script, its
// modulepreloads and stylesheets named in the built index.html, each gzipped at level 9
// (what scripts/compress-assets.mjs precompresses). Shared by the size check and the bench.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const JS_BUDGET_BYTES = 100 * 1024;

export function measureEntryAssets(root = 'dist/client') {
  const html = readFileSync(path.join(root, 'index.html'), 'utf8');
  const refs = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ];
  let js = 0;
  let css = 0;
  const files = [];
  for (const ref of new Set(refs)) {
    const bytes = readFileSync(path.join(root, ref));
    const gz = gzipSync(bytes, { level: 9 }).length;
    const kind = ref.endsWith('.css') ? 'css' : 'js';
    if (kind === 'css') css += gz;
    else js += gz;
    files.push({ ref, kind, raw: bytes.length, gz });
  }
  return { files, js, css };
}
