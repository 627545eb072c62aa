/**
 * npm run bench: measures the proxy, the cache, the browser path, the bytes and
 * Lighthouse scores, and writes docs/benchmarks.md. Not part of the test suite.
 *
 *   npm run bench                    the full run (about 15 minutes on 2 cores)
 *   npm run bench -- --quick         small counts, written to dist/benchmarks-quick.md
 *   npm run bench -- --only=proxy,load   some sections only (also written to dist/); names:
 *                                    proxy, coalescing, load, redis, browser, deeplink, bytes, lighthouse, slow,
 *                                    bulk, live
 *
 * Every server runs in its own process; this process is the load generator.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './context';
import { cpuShares, readCpuTimes } from './cpu-share';
import { benchMemberId } from './ipc';
import { gitRevision, machine, packageVersions } from './machine';
import { table } from './md';
import { stopAll } from './procs';
import { browserSection } from './section-browser';
import { bulkSection } from './section-bulk';
import { bytesSection } from './section-bytes';
import { coalescingSection } from './section-coalescing';
import { deepLinkSection } from './section-deep-link';
import { lighthouseSection } from './section-lighthouse';
import { liveSection } from './section-live';
import { loadSection } from './section-load';
import { proxySection } from './section-proxy';
import { redisSection } from './section-redis';
import { slowClientsSection } from './section-slow-clients';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const partial = quick || !!only;
const outFile =
  args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ??
  (partial ? 'dist/benchmarks-quick.md' : 'docs/benchmarks.md');
const want = (name: string) => !only || only.includes(name);
const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;

const LIMIT_MS = 25 * 60_000;
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${LIMIT_MS / 60_000} minutes; stopping`);
  void stopAll().finally(() => process.exit(1));
}, LIMIT_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stopAll().finally(() => process.exit(130)));
}

const log = (s: string) => console.log(s);
const started = Date.now();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'member-bench-'));
const key = `bench_${randomBytes(16).toString('hex')}`;
/** Generated members the stand-ins serve; requests cycle through them, so ids in flight never repeat. */
const POOL = 30_000;
let idCounter = 0;
const nextId = () => benchMemberId(idCounter++ % POOL);

const ctx: BenchContext = { quick, tmp, key, pool: POOL, nextId, log };

/** Other work on the machine skews everything; the report says how busy it was. */
const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(', ');
const loadAtStart = loadAverage();
if (os.loadavg()[0]! > 0.5 * os.cpus().length) {
  console.warn(`bench: the machine is busy (load average ${loadAtStart}); figures will be noisy`);
}

const sections: string[] = [];
/** Per section: how long it took and how the machine's CPU time went meanwhile. */
const cpuBySection: Array<{ title: string; seconds: number; shares: ReturnType<typeof cpuShares> }> = [];
let failed = false;
try {
  log('bench: building the SPA if sources changed');
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });

  /** Runs a section if asked for, timing it; its row is named by the section's own heading. */
  const section = async (name: string, make: () => Promise<string>) => {
    if (!want(name)) return;
    const before = readCpuTimes();
    const t0 = Date.now();
    const md = await make();
    sections.push(md);
    const title = /^## (.+?)(?: \(issues? [^)]*\))?$/m.exec(md)?.[1] ?? name;
    cpuBySection.push({ title, seconds: (Date.now() - t0) / 1000, shares: cpuShares(before, readCpuTimes()) });
  };
  await section('proxy', () => proxySection(ctx));
  await section('coalescing', () => coalescingSection(ctx));
  await section('load', () => loadSection(ctx));
  await section('redis', () => redisSection(ctx));
  // A shared link first: right after section 3's hundreds of browser contexts, every page of 3b
  // (the bare one too) measured 10-20% slower with the CPU idle in between, ours 40 ms more.
  await section('deeplink', () => deepLinkSection(ctx));
  await section('browser', () => browserSection(ctx));
  await section('bytes', () => bytesSection());
  await section('lighthouse', () => lighthouseSection(ctx));
  await section('slow', () => slowClientsSection(ctx));
  await section('bulk', () => bulkSection(ctx));
  await section('live', () => liveSection(ctx));
} catch (err) {
  failed = true;
  console.error('bench failed:', err);
} finally {
  await stopAll();
  clearTimeout(watchdog);
}

if (!failed) {
  const m = machine();
  const took = ((Date.now() - started) / 1000).toFixed(0);
  const header = `# Benchmarks

Generated by \`${command}\` (${took} s) on ${new Date().toISOString().slice(0, 10)} at commit ${gitRevision()}.
${quick ? '\n**A quick run: smaller samples, not the figures to quote.**\n' : only ? `\n**A partial run: only the sections ${only.join(', ')}, at full sample sizes.**\n` : ''}
Scripts: \`scripts/bench/\` (see \`docs/decisions/0003-benchmark-harness.md\` for how and why).
Every server under test runs in its own process; the load generator (\`scripts/bench/load.ts\`,
node:http with keep-alive, closed loop) is the bench process itself. All traffic stays on 127.0.0.1.
Times are milliseconds from sending a request to reading the last byte of its answer.

## Machine

${table(
  ['', ''],
  [
    ['CPU', m.cpu],
    ['Cores', m.cores],
    ['Memory', m.memory],
    ['OS', `${m.os}, kernel ${m.kernel}`],
    ['Node', m.node],
    ['Chromium', m.chromium],
    ['nginx', m.nginx],
    ['Load average (1, 5, 15 min)', `${loadAtStart} at the start, ${loadAverage()} at the end`],
  ],
)}

How the machine's CPU time went during each section (Linux's /proc/stat, all ${m.cores} cores): busy is
everything running (the servers, the load generator, Chromium, anything else), stolen is time
the host gave to other machines while this one was ready to run. A section with much stolen time
measured slower than the same code would on a quiet host; compare figures across runs with that
in mind.

${table(
  ['Section', 'Wall s', 'CPU busy', 'CPU stolen'],
  cpuBySection.map((c) => [
    c.title,
    c.seconds.toFixed(0),
    c.shares ? `${(c.shares.busy * 100).toFixed(0)}%` : 'not available',
    c.shares ? `${(c.shares.steal * 100).toFixed(1)}%` : 'not available',
  ]),
)}

## Package versions

${table(['Package', 'Version'], packageVersions())}
`;
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${header}\n${sections.join('\n')}`);
  log(`bench: wrote ${outFile} in ${took} s`);
}
rmSync(tmp, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
