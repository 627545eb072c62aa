/**
 * npm run bench:compare -- before=/path/to/checkout after=/path/to/other ...
 *
 * What one change to the server path buys: the server of each checkout (a git worktree with
 * node_modules, run from its sources with tsx, so nothing needs building) against one
 * stand-in at 20 ms, in interleaved rounds so a noisy neighbour hurts every checkout alike.
 * Per round and checkout: p50 at 1 in flight and throughput at 50 in flight with
 * UPSTREAM_CONCURRENCY 64, every request for a different member, cache and rate limit off.
 * Prints a Markdown table of the medians over the rounds. Not part of `npm run bench`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { WHOP_API_VERSION } from '../../src/server/upstream/whop-api-version';
import { benchMemberId } from './ipc';
import { runLoad } from './load';
import { freePort, startStandIn, stopAll, stopChild, waitForHttp } from './procs';
import { median } from './stats';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 3);
const checkouts = args
  .filter((a) => !a.startsWith('--'))
  .map((a) => {
    const at = a.indexOf('=');
    if (at < 1) throw new Error(`expected label=/path/to/checkout, got ${a}`);
    return { label: a.slice(0, at), dir: a.slice(at + 1) };
  });
if (checkouts.length === 0) {
  console.error('usage: npm run bench:compare -- label=/path/to/checkout [label=/path ...] [--rounds=3]');
  process.exit(2);
}

const POOL = 30_000;
let next = 0;
const nextPath = () => `/api/members/${benchMemberId(next++ % POOL)}`;
const key = `bench_${randomBytes(16).toString('hex')}`;

try {
  const standIn = await startStandIn({ key, latencyMs: 20, extraMembers: POOL });
  const direct: number[] = [];
  const figures = new Map(checkouts.map((c) => [c.label, { p50: [] as number[], rps: [] as number[] }]));
  for (let round = 0; round < rounds; round++) {
    const floor = await runLoad({
      port: standIn.port,
      path: () => `/api/v1/members/${benchMemberId(next++ % POOL)}`,
      headers: { authorization: `Bearer ${key}`, 'api-version-date': WHOP_API_VERSION },
      count: 300,
      concurrency: 1,
      maxMs: 60_000,
    });
    direct.push(median(floor.latencies));
    // A different checkout goes first each round, so none always runs on a cold or warm machine.
    const order = checkouts.map((_, i) => checkouts[(i + round) % checkouts.length]!);
    for (const { label, dir } of order) {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: dir,
        stdio: 'ignore',
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? '/root',
          HOST: '127.0.0.1',
          PORT: String(port),
          WHOP_API_KEY: key,
          WHOP_BASE_URL: standIn.baseURL,
          MEMBER_CACHE_TTL_MS: '0',
          RATE_LIMIT_PER_MINUTE: '0',
          // The proxy is measured, not Whop's budget (decision 0033): never the pace of the run.
          WHOP_REQUESTS_PER_SECOND: '1000',
          UPSTREAM_CONCURRENCY: '64',
          LOG_LEVEL: 'info',
          STATIC_DIR: 'dist/none',
        },
      });
      try {
        await waitForHttp(`http://127.0.0.1:${port}/api/health`);
        await runLoad({ port, path: nextPath, count: 50, concurrency: 1, maxMs: 60_000 });
        const one = await runLoad({ port, path: nextPath, count: 300, concurrency: 1, maxMs: 60_000 });
        await runLoad({ port, path: nextPath, count: 500, concurrency: 50, maxMs: 60_000 });
        const fifty = await runLoad({ port, path: nextPath, count: 5000, concurrency: 50, maxMs: 120_000 });
        if (one.errors + fifty.errors > 0 || fifty.statuses.size !== 1 || !fifty.statuses.has(200))
          throw new Error(`${label}: not every lookup answered 200`);
        const f = figures.get(label)!;
        f.p50.push(median(one.latencies));
        f.rps.push(fifty.completed / (fifty.elapsedMs / 1000));
        console.error(
          `round ${round + 1} ${label}: p50 @1 ${median(one.latencies).toFixed(2)} ms, ${f.rps.at(-1)!.toFixed(0)} req/s @50`,
        );
      } finally {
        await stopChild(child);
      }
    }
  }
  const floor = median(direct);
  console.log(`Stand-in at 20 ms, direct p50 at 1 in flight ${floor.toFixed(2)} ms; medians of ${rounds} rounds.\n`);
  console.log('| Checkout | p50 ms at 1 in flight | added over direct | req/s at 50 in flight |');
  console.log('| --- | --- | --- | --- |');
  for (const { label } of checkouts) {
    const f = figures.get(label)!;
    const p50 = median(f.p50);
    console.log(`| ${label} | ${p50.toFixed(2)} | +${(p50 - floor).toFixed(2)} | ${median(f.rps).toFixed(0)} |`);
  }
} finally {
  await stopAll();
}
