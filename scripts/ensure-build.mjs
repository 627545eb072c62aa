// Builds the SPA when dist/ is missing or older than its sources, so `npm start` works
// right after `npm ci` on a fresh clone and stays quick when nothing changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const output = 'dist/client/index.html';
const inputs = [
  'src/web',
  'src/contract',
  'src/server/auth/auth-pages.ts',
  'public',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
];

function newest(p) {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
if (builtAt === 0 || Math.max(...inputs.map(newest)) > builtAt) {
  console.log(
    builtAt === 0 ? 'Building the dashboard (first start)…' : 'Sources changed since the last build; rebuilding…',
  );
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  execFileSync(process.execPath, ['scripts/compress-assets.mjs'], { stdio: 'inherit' });
}
