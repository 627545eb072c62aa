// Runs before `npm start`. Builds what is missing or older than its sources, so `npm start`
// works right after `npm ci` on a fresh clone and stays quick when nothing changed. In a
// production install (`npm prune --omit=dev` or `npm ci --omit=dev`) the build tools are
// absent: it then starts whatever dist/ holds, and when dist/ is missing says what to do.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
/** The module `npm run build` renders deep links' first paint from (package.json's build script). */
const FIRST_PAINT_ENTRY = 'src/web/app/first-paint.tsx';
process.chdir(root);

const parts = [
  {
    name: 'the dashboard',
    output: 'dist/client/index.html',
    inputs: [
      'src/web',
      'src/contract',
      'src/server/auth/auth-pages.ts',
      'src/server/page/shell.ts',
      'public',
      'index.html',
      'vite.config.ts',
      'package-lock.json',
    ],
    tools: ['node_modules/vite/bin/vite.js'],
    build: () => {
      execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
        stdio: 'inherit',
      });
      execFileSync(process.execPath, ['scripts/compress-assets.mjs'], { stdio: 'inherit' });
    },
  },
  {
    // The deep link's first paint, rendered on the server with the app's components (vite.config.ts).
    name: "the member page's server rendering",
    output: 'dist/first-paint/first-paint.js',
    inputs: ['src/web', 'src/contract', 'vite.config.ts', 'package-lock.json'],
    tools: ['node_modules/vite/bin/vite.js'],
    build: () =>
      execFileSync(
        process.execPath,
        ['node_modules/vite/bin/vite.js', 'build', '--ssr', FIRST_PAINT_ENTRY, '--logLevel', 'warn'],
        { stdio: 'inherit' },
      ),
  },
  {
    name: 'the server',
    output: 'dist/server/main.js',
    inputs: ['src/server', 'src/demo-whop', 'src/contract', 'scripts/build-server.mjs', 'package-lock.json'],
    tools: ['node_modules/esbuild/package.json'],
    build: () => execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' }),
  },
];

function newest(p) {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

for (const part of parts) {
  const builtAt = existsSync(part.output) ? statSync(part.output).mtimeMs : 0;
  const canBuild = part.tools.every((tool) => existsSync(tool));
  if (!canBuild) {
    // A production install: never try to build; start what was built before pruning.
    if (builtAt > 0) continue;
    console.error(
      [
        `Cannot start: ${part.output} is missing, and the build tools (dev dependencies) are not installed.`,
        'Build before removing them:  npm ci && npm run build && npm prune --omit=dev',
        'or, for a quick local start:  npm ci && npm start',
      ].join('\n'),
    );
    process.exit(1);
  }
  if (builtAt > 0 && Math.max(...part.inputs.map(newest)) <= builtAt) continue;
  console.log(
    builtAt === 0
      ? `Building ${part.name} (first start)…`
      : `Sources of ${part.name} changed since the last build; rebuilding…`,
  );
  part.build();
}
