// The size budget for what `/` loads, enforced by `npm test`:
//   JavaScript <= 100 KiB gzipped (gzip level 9, as scripts/compress-assets.mjs serves it).
// The measuring lives in bundle-size.mjs, which `npm run bench` reuses.
import { JS_BUDGET_BYTES, measureEntryAssets } from './bundle-size.mjs';

const { files, js, css } = measureEntryAssets(process.argv[2] ?? 'dist/client');
const rows = files.map((f) => `  ${f.ref}  ${(f.raw / 1024).toFixed(1)} KiB raw, ${(f.gz / 1024).toFixed(1)} KiB gz`);
console.log(`What / loads:\n${rows.join('\n')}`);
console.log(
  `JS ${(js / 1024).toFixed(1)} KiB gz of a ${JS_BUDGET_BYTES / 1024} KiB budget; CSS ${(css / 1024).toFixed(1)} KiB gz.`,
);
if (js > JS_BUDGET_BYTES) {
  console.error(`Over budget by ${((js - JS_BUDGET_BYTES) / 1024).toFixed(1)} KiB: split what / does not need.`);
  process.exit(1);
}
