// The size budgets of what `/` loads, enforced by `npm test` (gzip level 9, as
// scripts/compress-assets.mjs serves it; 1 KiB = 1024 bytes):
//   JavaScript before the load event     <= 100 KiB
//   JavaScript until the network is idle <= 140 KiB (lazy chunks and idle prefetches included)
// The measuring lives in bundle-size.mjs, which e2e/bytes.spec.ts and `npm run bench` reuse.
import { IDLE_JS_BUDGET_BYTES, JS_BUDGET_BYTES, measureEntryAssets, measureIdleAssets } from './bundle-size.mjs';

const root = process.argv[2] ?? 'dist/client';
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const list = (files) => files.map((f) => `  ${f.ref}  ${kib(f.raw)} raw, ${kib(f.gz)} gz`).join('\n');

const entry = measureEntryAssets(root);
const idle = measureIdleAssets(root);
const entryRefs = new Set(entry.files.map((f) => f.ref));
console.log(`What / loads before its load event:\n${list(entry.files)}`);
console.log(`Then, until the network is idle:\n${list(idle.files.filter((f) => !entryRefs.has(f.ref)))}`);

const budgets = [
  { what: 'before the load event', js: entry.js, budget: JS_BUDGET_BYTES, fix: 'split what / does not need' },
  {
    what: 'until the network is idle',
    js: idle.js,
    budget: IDLE_JS_BUDGET_BYTES,
    fix: 'shrink the member route or load less of it ahead',
  },
];
let over = false;
for (const b of budgets) {
  const bytes = `${b.js.toLocaleString('en-US')} bytes`;
  console.log(`JS ${b.what}: ${kib(b.js)} gz (${bytes}) of a ${b.budget / 1024} KiB budget.`);
  if (b.js > b.budget) {
    console.error(`  Over budget by ${kib(b.js - b.budget)}: ${b.fix}.`);
    over = true;
  }
}
console.log(`CSS: ${kib(entry.css)} gz.`);
if (over) process.exit(1);
