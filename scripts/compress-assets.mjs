// After `vite build`: writes .br and .gz beside every JS, CSS, SVG and HTML file so the
// server sends compressed bytes without compressing on each request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist/client';
const worth = /\.(js|css|svg|html|json|txt)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    // .vite/ holds the build manifest, read by the server and the size check, never served.
    if (statSync(file).isDirectory()) {
      if (!name.startsWith('.')) walk(file);
    }
    // index.html is rewritten with meta tags at start-up, so it is never served as-is.
    else if (worth.test(name) && name !== 'index.html') {
      const bytes = readFileSync(file);
      if (bytes.length < 1024) continue;
      writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}
walk(root);
