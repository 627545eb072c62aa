// `npm run build`, second half: the server (src/server/main.ts and everything it imports
// of ours, the demo stand-in included) bundled by esbuild into one ES module with a source
// map. Packages stay external: the production install provides them (docs/decisions/0010).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  // Stack traces name our functions (node --enable-source-maps maps them to the sources).
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});
