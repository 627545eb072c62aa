// The size budget for what `/` loads, enforced by `npm test`:
//   JavaScript <= 100 KiB gzipped (gzip level 9, as scripts/compress-assets.mjs serves it).
// Reads the built index.html for the entry script, its modulepreloads and stylesheets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const JS_BUDGET_BYTES = 100 * 1024;
const root = process.argv[2] ?? 'dist/client';
const html = readFileSync(path.join(root, 'index.html'), 'utf8');

const refs = [
  ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
];

let js = 0;
let css = 0;
const rows = [];
for (const ref of new Set(refs)) {
  const bytes = readFileSync(path.join(root, ref));
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (ref.endsWith('.css')) css += gz;
  else js += gz;
  rows.push(`  ${ref}  ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gz`);
}
console.log(`What / loads:\n${rows.join('\n')}`);
console.log(`JS ${(js / 1024).toFixed(1)} KiB gz of a ${JS_BUDGET_BYTES / 1024} KiB budget; CSS ${(css / 1024).toFixed(1)} KiB gz.`);
if (js > JS_BUDGET_BYTES) {
  console.error(`Over budget by ${((js - JS_BUDGET_BYTES) / 1024).toFixed(1)} KiB: split what / does not need.`);
  process.exit(1);
}
