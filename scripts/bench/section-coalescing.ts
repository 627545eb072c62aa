import { readFileSync, statSync } from 'node:fs';
import type { BenchContext } from './context';
import { non2xx, runLoad } from './load';
import { ms, table, verdict } from './md';
import { startOurServer, startStandIn, stopChild } from './procs';

const LATENCY_MS = 20;

type LogLine = { route?: string; status?: number; coalesced?: boolean; cached?: boolean };

/** The server's request log lines written since `offset`. */
function linesSince(file: string, offset: number): LogLine[] {
  return readFileSync(file, 'utf8')
    .slice(offset)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogLine)
    .filter((l) => l.route === '/api/members/:id');
}

export async function coalescingSection(ctx: BenchContext): Promise<string> {
  ctx.log('bench: coalescing and cache');
  const standIn = await startStandIn({ key: ctx.key, latencyMs: LATENCY_MS, extraMembers: 10 });
  // Server defaults: cache on (MEMBER_CACHE_TTL_MS 5000), UPSTREAM_CONCURRENCY 16.
  const server = await startOurServer({ name: 'coalescing', tmp: ctx.tmp, key: ctx.key, upstream: standIn.baseURL });
  const id = 'mber_bench7';
  const path = () => `/api/members/${id}`;

  type Phase = {
    label: string;
    lookups: number;
    calls: number;
    coalesced: number;
    cached: number;
    fresh: number;
    elapsed: number;
    non2xx: number;
    errors: number;
  };
  const phases: Phase[] = [];
  for (const [label, concurrency] of [
    ['100 concurrent lookups of one id (cold)', 100],
    ['then 100 sequential lookups of the same id', 1],
  ] as const) {
    const offset = statSync(server.logFile).size;
    const before = (await standIn.calls(id)).forId;
    const r = await runLoad({ port: server.port, path, count: 100, concurrency, maxMs: 60_000 });
    const after = (await standIn.calls(id)).forId;
    await new Promise((res) => setTimeout(res, 200)); // let the log lines land
    const lines = linesSince(server.logFile, offset);
    phases.push({
      label,
      lookups: r.completed,
      calls: after - before,
      coalesced: lines.filter((l) => l.coalesced).length,
      cached: lines.filter((l) => l.cached).length,
      fresh: lines.filter((l) => !l.coalesced && !l.cached).length,
      elapsed: r.elapsedMs,
      non2xx: non2xx(r),
      errors: r.errors,
    });
  }
  await Promise.all([stopChild(server.child), stopChild(standIn.child)]);
  const [concurrent, sequential] = phases as [Phase, Phase];

  return `## 2. Coalescing and cache (issue 7; issue 3 item 3)

Our server with its defaults (\`MEMBER_CACHE_TTL_MS\` 5000, \`UPSTREAM_CONCURRENCY\` 16) in front of the
stand-in at ${LATENCY_MS} ms. 100 requests for one id at once (100 connections), then 100 one after another.
Upstream calls are counted by the stand-in; how each lookup was served comes from the server's own
log line (\`coalesced\`, \`cached\`).

${table(
  [
    'Phase',
    'Lookups answered',
    'Upstream calls',
    'Called upstream',
    'Joined a call in flight',
    'From the cache',
    'Wall time ms',
    'non-2xx / errors',
  ],
  phases.map((p) => [
    p.label,
    p.lookups,
    p.calls,
    p.fresh,
    p.coalesced,
    p.cached,
    ms(p.elapsed, 0),
    `${p.non2xx} / ${p.errors}`,
  ]),
)}

| Goal | Figure | Result |
| --- | --- | --- |
| 100 concurrent lookups of one id -> 1 upstream call | ${concurrent.calls} | ${verdict(concurrent.calls === 1 && concurrent.lookups === 100 && concurrent.non2xx === 0)} |
| 100 sequential lookups within the cache TTL -> 0 more upstream calls | ${sequential.calls} | ${verdict(sequential.calls === 0 && sequential.lookups === 100 && sequential.non2xx === 0)} |

Requests that arrive after the first answer came back (opening 100 connections takes a while)
are served from the cache rather than coalesced; either way Whop sees one call.
`;
}
