import { IDLE_JS_BUDGET_BYTES, JS_BUDGET_BYTES, measureEntryAssets, measureIdleAssets } from '../bundle-size.mjs';
import { kib, table, verdict } from './md';

export async function bytesSection(): Promise<string> {
  const entry = measureEntryAssets('dist/client');
  const idle = measureIdleAssets('dist/client');
  const onEntry = new Set(entry.files.map((f) => f.ref));
  const later = idle.files.filter((f) => !onEntry.has(f.ref));
  return `## 4. Bytes (issues 7 and 14)

What \`/\` loads, each file gzipped at level 9 as the server sends it precompressed; 1 KiB = 1024 bytes.
Before its load event: the entry script, modulepreloads and stylesheets of the built \`dist/client/index.html\`.
Until the network is idle: that, plus the lazy modules \`/\` starts loading by itself (recent lookups, the
theme switch, the search box's brains and the member route it warms up on focus, with every chunk they
import, from Vite's manifest: \`LOADED_AT_IDLE_ON_HOME\` in \`scripts/bundle-size.mjs\`). The same
measurement fails \`npm test\` past either budget, and \`e2e/bytes.spec.ts\` checks in Chromium that \`/\`
fetches exactly these files before the network goes quiet.

${table(
  ['File', 'When', 'Raw', 'Gzipped'],
  [
    ...entry.files.map((f) => [`\`${f.ref}\``, 'before load', kib(f.raw), kib(f.gz)]),
    ...later.map((f) => [`\`${f.ref}\``, 'until idle', kib(f.raw), kib(f.gz)]),
    ['**JS before load**', '', '', kib(entry.js)],
    ['**JS until idle**', '', '', kib(idle.js)],
    ['**CSS**', '', '', kib(entry.css)],
  ],
)}

| Goal | Figure | Result |
| --- | --- | --- |
| JS that \`/\` loads before its load event <= ${JS_BUDGET_BYTES / 1024} KiB gzipped | ${kib(entry.js)} | ${verdict(entry.js <= JS_BUDGET_BYTES)} |
| JS that \`/\` fetches until the network is idle <= ${IDLE_JS_BUDGET_BYTES / 1024} KiB gzipped | ${kib(idle.js)} | ${verdict(idle.js <= IDLE_JS_BUDGET_BYTES)} |
`;
}
