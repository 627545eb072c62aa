/**
 * Slow clients (issue 11): Debian's slowhttptest holds 1,000 slow-reading and 1,000
 * slow-body connections on one entry point while this process looks members up through
 * the same entry, one at a time, each on a new connection (as a new visitor would):
 * (a) our server directly, (b) nginx running the shipped deploy/nginx.conf in front of it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { loopbackTls, startDeployNginx } from '../../test/nginx';
import type { BenchContext } from './context';
import { ms, table } from './md';
import { freePort, startOurServer, startStandIn, stopChild } from './procs';
import { summarize } from './stats';

const CONNECTIONS = 1000;
/** The probe's own address: 127.0.0.2 is loopback too, but not the attackers' 127.0.0.1 (nginx limits per address). */
const PROBE_ADDRESS = '127.0.0.2';
const PROBE_TIMEOUT_MS = 30_000;
/** The window the figure came from: the attack's first seconds, while connections pile up. */
const FIRST_WINDOW_MS = 5_000;

type Probe = { atMs: number; latencyMs: number; status: number | null };

/** One lookup on a fresh connection; `status` null when no answer came (reset, refused, timed out). */
function lookUp(url: URL, ca: Buffer): Promise<{ latencyMs: number; status: number | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let settled = false;
    const settle = (status: number | null) => {
      if (settled) return;
      settled = true;
      resolve({ latencyMs: performance.now() - t0, status });
    };
    const options = { method: 'GET', agent: false as const, localAddress: PROBE_ADDRESS, ca };
    const req = (url.protocol === 'https:' ? https : http).request(url, options, (res) => {
      res.on('data', () => {});
      res.on('end', () => settle(res.statusCode ?? 0));
      res.on('error', () => settle(null));
    });
    req.setTimeout(PROBE_TIMEOUT_MS, () => req.destroy(new Error('probe timeout')));
    req.on('error', () => settle(null));
    req.end();
  });
}

/** Lookups one after another until `untilMs` (performance.now()), timed from `startMs`. */
async function probe(entry: string, ctx: BenchContext, startMs: number, untilMs: number): Promise<Probe[]> {
  const ca = readFileSync(loopbackTls(path.join(ctx.tmp, 'nginx-deploy', 'tls')).certificate);
  const probes: Probe[] = [];
  while (performance.now() < untilMs) {
    const atMs = performance.now() - startMs;
    const { latencyMs, status } = await lookUp(new URL(`/api/members/${ctx.nextId()}`, entry), ca);
    probes.push({ atMs, latencyMs, status });
  }
  return probes;
}

type Attack = { child: ChildProcess; csv: string; exited: Promise<void> };

/** slowhttptest in one mode against `url`, for `seconds`; its per-second CSV goes to `<name>.csv`. */
function slowhttptest(name: string, args: string[], seconds: number, ctx: BenchContext): Attack {
  const out = path.join(ctx.tmp, name);
  const child = spawn(
    'slowhttptest',
    [...args, '-c', String(CONNECTIONS), '-r', '200', '-l', String(seconds), '-p', '3', '-g', '-o', out],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, csv: `${out}.csv`, exited };
}

/** The most connections slowhttptest held open at once, from its CSV (Seconds,Closed,Pending,Connected,…). */
function peakConnected(csv: string): number | null {
  if (!existsSync(csv)) return null;
  const [head, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
  const column = head!.split(',').findIndex((h) => h.trim().toLowerCase() === 'connected');
  if (column < 0) return null;
  return Math.max(0, ...rows.map((row) => Number(row.split(',')[column])).filter(Number.isFinite));
}

type Window = { label: string; probes: Probe[] };
type Measured = {
  target: string;
  windows: Window[];
  peak: { slowRead: number | null; slowBody: number | null };
};

async function measure(
  target: string,
  entry: string,
  assetPath: string,
  seconds: number,
  ctx: BenchContext,
): Promise<Measured> {
  ctx.log(
    `  ${target}: baseline, then ${CONNECTIONS} slow-read + ${CONNECTIONS} slow-body connections for ${seconds} s`,
  );
  // Warm-up (a fresh process compiles its hot paths), not counted; then the baseline.
  const warm = performance.now();
  await probe(entry, ctx, warm, warm + 2_000);
  const before = performance.now();
  const baseline = await probe(entry, ctx, before, before + 3_000);

  const start = performance.now();
  // Slow read: the largest answer there is (the SPA's main script), read 8 bytes a second
  // through a receive window of 1-8 bytes. Slow body: 8 KiB announced, ≤10 bytes every 5 s.
  const attacks = [
    slowhttptest(
      'slow-read',
      ['-X', '-u', `${entry}${assetPath}`, '-n', '1', '-w', '1', '-y', '8', '-z', '8'],
      seconds,
      ctx,
    ),
    slowhttptest(
      'slow-body',
      ['-B', '-u', `${entry}/api/members/mber_bench1`, '-t', 'POST', '-s', '8192', '-i', '5', '-x', '10'],
      seconds,
      ctx,
    ),
  ];
  const during = await probe(entry, ctx, start, start + seconds * 1000);
  const late = setTimeout(() => {
    for (const a of attacks) a.child.kill('SIGKILL');
  }, 15_000);
  await Promise.all(attacks.map((a) => a.exited));
  clearTimeout(late);
  const [slowRead, slowBody] = attacks.map((a) => peakConnected(a.csv));
  return {
    target,
    windows: [
      { label: 'before (no attack, 3 s)', probes: baseline },
      {
        label: `first ${FIRST_WINDOW_MS / 1000} s of the attack`,
        probes: during.filter((p) => p.atMs < FIRST_WINDOW_MS),
      },
      {
        label: `${FIRST_WINDOW_MS / 1000}-${seconds} s`,
        probes: during.filter((p) => p.atMs >= FIRST_WINDOW_MS),
      },
    ],
    peak: { slowRead: slowRead ?? null, slowBody: slowBody ?? null },
  };
}

export async function slowClientsSection(ctx: BenchContext): Promise<string> {
  ctx.log('bench: slow clients, direct and through nginx (deploy/nginx.conf)');
  const heading = '## Slow clients, directly and through nginx (issue 11)';
  const missing = ['slowhttptest', 'nginx'].filter((cmd) => spawnSync(cmd, ['-h']).error);
  if (missing.length) {
    return `${heading}\n\nNot measured: ${missing.join(' and ')} not installed (\`apt-get install slowhttptest nginx-light\`).\n`;
  }
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync('dist/client/index.html', 'utf8'))?.[1];
  if (!asset) throw new Error('dist/client/index.html names no script under /assets/: run npm run build');
  const seconds = ctx.quick ? 12 : 30;
  const standIn = await startStandIn({ key: ctx.key, latencyMs: 0, extraMembers: ctx.pool });
  const results: Measured[] = [];

  // A fresh server for each entry, so that one attack's aftermath does not weigh on the next.
  const direct = await startOurServer({
    name: 'slow-direct',
    tmp: ctx.tmp,
    key: ctx.key,
    upstream: standIn.baseURL,
    env: { MEMBER_CACHE_TTL_MS: '0' },
  });
  results.push(await measure('Our server, directly', `http://127.0.0.1:${direct.port}`, asset, seconds, ctx));
  await stopChild(direct.child);

  const behind = await startOurServer({
    name: 'slow-behind-nginx',
    tmp: ctx.tmp,
    key: ctx.key,
    upstream: standIn.baseURL,
    env: { MEMBER_CACHE_TTL_MS: '0', TRUST_PROXY: 'true' },
  });
  const nginx = await startDeployNginx({
    dir: path.join(ctx.tmp, 'nginx-deploy'),
    port: await freePort(),
    redirectPort: await freePort(),
    upstreamPorts: [behind.port],
    workerConnections: 4 * CONNECTIONS,
  });
  try {
    results.push(await measure('nginx (deploy/nginx.conf) in front', nginx.url, asset, seconds, ctx));
  } finally {
    await nginx.stop();
    await stopChild(behind.child);
    await stopChild(standIn.child);
  }

  const rows = results.flatMap((r) =>
    r.windows.map((w) => {
      const answered = w.probes.filter((p) => p.status !== null);
      const s = summarize(answered.map((p) => p.latencyMs));
      const not2xx = answered.filter((p) => p.status! < 200 || p.status! >= 300).length;
      return [
        r.target,
        w.label,
        w.probes.length,
        ms(s.p50, 2),
        ms(s.p99, 1),
        ms(s.max, 1),
        `${not2xx} / ${w.probes.length - answered.length}`,
      ];
    }),
  );
  const peaks = results.map((r) => [r.target, r.peak.slowRead ?? 'n/a', r.peak.slowBody ?? 'n/a']);

  return `${heading}

Debian's \`slowhttptest\` opens ${CONNECTIONS} slow-read connections (\`-X\`: the SPA's main script, \`${asset}\`,
read through a 1-8 byte receive window, 8 bytes a second) and ${CONNECTIONS} slow-body connections (\`-B\`: a
POST to \`/api/members/…\` announcing 8 KiB, at most 10 bytes every 5 s), 200 new connections a second
each, for ${seconds} s, from 127.0.0.1. Meanwhile this process looks up a different member each time, one
after another, **each on a new connection** (a new visitor; TLS included through nginx; 2 s of warm-up
not counted), from
127.0.0.2 (loopback too, but another client address: nginx limits connections per address). The same
server each time (the built \`dist/server/main.js\`, as \`npm start\` runs it; cache off, rate limit off; a fresh process
for each entry), the stand-in answering at once: the latency is the entry's own.

(a) our server directly, plain http; (b) nginx with the shipped \`deploy/nginx.conf\` (ports, the
upstream and a test certificate substituted, \`test/nginx.ts\`; one worker) over https in
front of it. Times are ms from sending the request (connect included) to the last byte.
The two entries differ in more than the guards: through nginx every probe pays a full TLS
handshake, and so do the 2,000 attack connections, on one nginx worker sharing the machine's
cores with the attack, the server and this process; the "before" rows show the TLS cost alone.

${table(['Entry', 'Window', 'Lookups', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx / no answer'], rows)}

Attack connections slowhttptest held open at its peak (from its per-second CSV):

${table(['Entry', 'slow read', 'slow body'], peaks)}
`;
}
