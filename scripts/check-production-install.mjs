// Proves the production install works (npm test runs it after `npm run build`): a copy of
// the repository's files in a temp dir with production dependencies only
// (`npm ci --omit=dev`, what `npm prune --omit=dev` leaves), plus the build just made from
// the same sources. There, `npm start` must start without building, serve a demo member
// and the SPA, say it is ready, and exit 0 on SIGTERM; node_modules must hold none of the
// build or test tools; and without dist/ `npm start` must say what to do.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const BUILD = ['dist/client/index.html', 'dist/first-paint/first-paint.js', 'dist/server/main.js'];
const DEV_ONLY = [
  'vite',
  'tsx',
  'typescript',
  'vitest',
  '@playwright/test',
  'playwright',
  'playwright-core',
  '@biomejs/biome',
  '@stryker-mutator/core',
  'esbuild',
  'lighthouse',
  'oidc-provider',
  'jsdom',
];

function fail(message) {
  console.error(`production install: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

for (const file of BUILD) if (!existsSync(path.join(repo, file))) fail(`${file} is missing; run npm run build first`);

const dir = mkdtempSync(path.join(tmpdir(), 'prod-install-'));
// Only what a deployment carries: no .env of the developer's, no npm_* variables of this run.
const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };

try {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(path.join(repo, file))) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(repo, file), path.join(dir, file));
  }

  const started = performance.now();
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const installSeconds = ((performance.now() - started) / 1000).toFixed(1);

  const present = DEV_ONLY.filter((name) => existsSync(path.join(dir, 'node_modules', name)));
  if (present.length > 0) fail(`node_modules holds build or test tools: ${present.join(', ')}`);

  // Without a build, a pruned install must not try to build (vite is gone) and must say what to do.
  const missing = spawnSyncText('npm', ['start'], { cwd: dir, env: { ...env, PORT: '0' } });
  if (missing.status === 0 || !missing.output.includes('npm run build')) {
    fail(
      `npm start without dist/ should exit non-zero naming npm run build; got ${missing.status}:\n${missing.output}`,
    );
  }

  cpSync(path.join(repo, 'dist'), path.join(dir, 'dist'), { recursive: true });
  await startAndProbe(dir, env);

  const size = execFileSync('du', ['-sh', 'node_modules'], { cwd: dir, encoding: 'utf8' }).split('\t')[0];
  console.log(
    `production install: ok (npm ci --omit=dev in ${installSeconds} s, node_modules ${size}, no build or test tools)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function spawnSyncText(command, args, options) {
  try {
    const output = execFileSync(command, args, { ...options, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, output };
  } catch (err) {
    return { status: err.status ?? 1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

async function startAndProbe(cwd, baseEnv) {
  const child = spawn('npm', ['start'], {
    cwd,
    env: { ...baseEnv, PORT: '0', HOST: '127.0.0.1', WHOP_API_KEY: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    const listening = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/;
    const deadline = Date.now() + 20_000;
    while (!listening.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) fail(`npm start did not listen:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (/Building|rebuilding/.test(output)) fail(`npm start tried to build in a production install:\n${output}`);
    const base = listening.exec(output)[1];

    const member = await fetch(`${base}/api/members/mber_demoAvaChen`);
    const body = await member.json();
    if (member.status !== 200 || body.id !== 'mber_demoAvaChen') fail(`demo member: ${member.status}`);
    const page = await fetch(`${base}/`);
    if (page.status !== 200 || !(await page.text()).includes('<div id="root">')) fail(`/: ${page.status}`);
    // A deep link renders the member on the server, from the production install's packages only.
    const deep = await fetch(`${base}/members/mber_demoAvaChen`);
    const deepHtml = await deep.text();
    if (deep.status !== 200 || !deepHtml.includes('id="member-first-paint"') || !deepHtml.includes('>Ava Chen<')) {
      fail(`deep link without its first paint: ${deep.status}\n${deepHtml.slice(0, 400)}\n${output}`);
    }
    const ready = await fetch(`${base}/api/ready`);
    if (ready.status !== 200) fail(`/api/ready: ${ready.status} ${await ready.text()}`);

    // SIGTERM to npm must reach the server (npm start execs it) and end in a graceful stop.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const { code } = await exited;
    clearTimeout(timer);
    if (code !== 0 || !output.includes('"msg":"stopped"')) fail(`SIGTERM: exit ${code}, output:\n${output}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
