import { JS_BUDGET_BYTES, measureEntryAssets } from '../bundle-size.mjs';
import { kib, table, verdict } from './md';

export async function bytesSection(): Promise<string> {
  const { files, js, css } = measureEntryAssets('dist/client');
  return `## 4. Bytes (issue 7)

What \`/\` loads, from the built \`dist/client/index.html\` (entry script, modulepreloads, stylesheets),
each gzipped at level 9 as the server sends it precompressed. The same measurement (\`scripts/bundle-size.mjs\`)
fails \`npm test\` past the budget. 1 KiB = 1024 bytes. The member route (\`member-route-*.js\`) is not on
this list: it loads with the first lookup.

${table(
  ['File', 'Raw', 'Gzipped'],
  [
    ...files.map((f) => [`\`${f.ref}\``, kib(f.raw), kib(f.gz)]),
    ['**JS total**', '', kib(js)],
    ['**CSS total**', '', kib(css)],
  ],
)}

| Goal | Figure | Result |
| --- | --- | --- |
| JS that \`/\` loads <= ${JS_BUDGET_BYTES / 1024} KiB gzipped | ${kib(js)} | ${verdict(js <= JS_BUDGET_BYTES)} |
`;
}
