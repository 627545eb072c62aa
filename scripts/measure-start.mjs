// Start-up time and idle RSS of the server: the built bundle (what `npm start` runs) against
// the TypeScript sources through tsx (what `npm start` ran before the production build).
// Start-up: from spawning the process to its "listening" log line. Idle RSS: VmRSS from
// /proc (Linux) 2 s after that line, with no request made. Demo mode, SPA loaded.
// Usage: npm run build && node scripts/measure-start.mjs [runs=5]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const runs = Number(process.argv[2] ?? 5);
const variants = {
  built: ['--enable-source-maps', 'dist/server/main.js'],
  tsx: ['--import', 'tsx', 'src/server/main.ts'],
};

async function once(args) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, WHOP_API_KEY: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const listening = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      output += d;
      if (output.includes('"msg":"dashboard listening')) resolve(performance.now() - started);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening:\n${output}`)));
  });
  await new Promise((r) => setTimeout(r, 2_000));
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { ms: listening, rssMiB: rssKiB / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
// Alternate the variants so a busy moment on the machine hits both alike.
for (let i = 0; i < runs; i++)
  for (const [name, args] of Object.entries(variants)) results[name].push(await once(args));

console.log(`| server | start-up ms, median (min-max) | idle RSS MiB, median (min-max) | runs |`);
console.log(`| --- | --- | --- | --- |`);
for (const [name, samples] of Object.entries(results)) {
  const ms = samples.map((s) => s.ms);
  const rss = samples.map((s) => s.rssMiB);
  const range = (xs, digits) =>
    `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;
  console.log(`| ${variants[name].join(' ')} | ${range(ms, 0)} | ${range(rss, 1)} | ${samples.length} |`);
}
