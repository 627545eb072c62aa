import type { BenchContext } from './context';
import { count5xx, newAgent, non2xx, runLoad } from './load';
import { ms, signed, table, verdict } from './md';
import { rssKiB, startOurServer, startStandIn, stopChild } from './procs';
import { summarize } from './stats';

const LATENCY_MS = 20;
const IN_FLIGHT = 50;

export async function loadSection(ctx: BenchContext): Promise<string> {
  ctx.log('bench: load (issue 3)');
  const lookups = ctx.quick ? 1_000 : 10_000;
  const warm = ctx.quick ? 100 : 500;
  const standIn = await startStandIn({ key: ctx.key, latencyMs: LATENCY_MS, extraMembers: ctx.pool });
  const configs: Array<{ name: string; label: string; env: Record<string, string> }> = [
    { name: 'load-defaults', label: 'Defaults (UPSTREAM_CONCURRENCY 16, UPSTREAM_QUEUE 256)', env: {} },
    { name: 'load-c64', label: 'UPSTREAM_CONCURRENCY 64', env: { UPSTREAM_CONCURRENCY: '64' } },
  ];
  const rows: Array<Array<string | number>> = [];
  const goals: string[] = [];
  const measured: Array<{ rps: number; p99: number }> = [];
  for (const config of configs) {
    // A fresh server per configuration, so RSS growth is this run's alone.
    const server = await startOurServer({
      name: config.name,
      tmp: ctx.tmp,
      key: ctx.key,
      upstream: standIn.baseURL,
      env: config.env,
    });
    const path = () => `/api/members/${ctx.nextId()}`;
    const rssStart = rssKiB(server.pid);
    const agent = newAgent(IN_FLIGHT);
    await runLoad({ port: server.port, path, count: warm, concurrency: IN_FLIGHT, agent, maxMs: 60_000 });
    const rssWarm = rssKiB(server.pid);
    const r = await runLoad({ port: server.port, path, count: lookups, concurrency: IN_FLIGHT, agent, maxMs: 180_000 });
    const rssAfter = rssKiB(server.pid);
    // A second batch, not timed: if memory keeps climbing it is a leak, if it levels off
    // the first batch's growth was the heap settling to its working size.
    await runLoad({ port: server.port, path, count: lookups, concurrency: IN_FLIGHT, agent, maxMs: 180_000 });
    const rssSoak = rssKiB(server.pid);
    agent.destroy();
    await stopChild(server.child);
    const s = summarize(r.latencies);
    const fives = count5xx(r);
    const growthMB = ((rssAfter - rssStart) * 1024) / 1e6;
    const rps = (r.completed / r.elapsedMs) * 1000;
    ctx.log(
      `  ${config.label}: ${rps.toFixed(0)} req/s, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, 5xx ${fives}, RSS ${rssStart} -> ${rssAfter} KiB`,
    );
    measured.push({ rps, p99: s.p99 });
    const mb = (kiB: number) => ((kiB * 1024) / 1e6).toFixed(1);
    rows.push([
      config.label,
      r.completed + r.errors,
      rps.toFixed(0),
      ms(s.p50),
      ms(s.p99),
      ms(s.max),
      fives,
      non2xx(r) - fives,
      r.errors,
      mb(rssStart),
      mb(rssWarm),
      mb(rssAfter),
      signed(growthMB, 1),
      mb(rssSoak),
      signed(((rssSoak - rssAfter) * 1024) / 1e6, 1),
    ]);
    goals.push(
      `| ${config.label}: zero 5xx | ${fives} 5xx, ${r.errors} errors | ${verdict(fives === 0 && r.errors === 0)} |`,
      `| ${config.label}: RSS growth < 50 MB | ${growthMB.toFixed(1)} MB | ${verdict(growthMB < 50)} |`,
      `| ${config.label}: p99 <= ${LATENCY_MS} + 100 ms | ${ms(s.p99)} ms | ${verdict(s.p99 <= LATENCY_MS + 100)} |`,
    );
  }
  await stopChild(standIn.child);

  return `## Load (issue 3)

${lookups.toLocaleString('en-US')} lookups at ${IN_FLIGHT} in flight through our server, the stand-in at ${LATENCY_MS} ms. Every lookup asks
for a different member (so every one is a cache miss and reaches the stand-in); server defaults apart
from \`RATE_LIMIT_PER_MINUTE=0\`, cache on. A fresh server process per configuration, started as \`npm start\` starts it (the built \`dist/server/main.js\`); RSS is
\`VmRSS\` from \`/proc/<pid>/status\` of the server process at start, after a ${warm}-lookup warm-up, and after
the run; growth is counted from the start (the stricter reading). Then another ${lookups.toLocaleString('en-US')} lookups, not timed,
and RSS again: growth that stops there is the V8 heap settling to its working size, growth that goes
on would be a leak. MB = 10^6 bytes.

${table(
  [
    'Configuration',
    'Lookups',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    '5xx',
    'other non-2xx',
    'errors',
    'RSS start MB',
    'RSS warm MB',
    'RSS after MB',
    'Growth MB',
    `RSS after ${lookups.toLocaleString('en-US')} more MB`,
    'Growth in those MB',
  ],
  rows,
)}

| Goal | Figure | Result |
| --- | --- | --- |
${goals.join('\n')}

**What happens with the defaults.** 50 lookups in flight meet 16 upstream slots: 16 call the stand-in
and the rest wait in the queue (at most 34, well under \`UPSTREAM_QUEUE\` 256, so nothing is turned
away with 503). The slots alone would allow about ${(16 / (LATENCY_MS / 1000)).toFixed(0)} lookups a second (16 / ${LATENCY_MS} ms) and a
wait of about (50 / 16) x ${LATENCY_MS} = ${((50 / 16) * LATENCY_MS).toFixed(0)} ms; ${
    measured[0]!.rps < 0.9 * (16 / (LATENCY_MS / 1000))
      ? `the server reached ${measured[0]!.rps.toFixed(0)}, so its CPU per lookup, not the slots, set the pace`
      : `the server reached ${measured[0]!.rps.toFixed(0)}, so the slots set the pace`
  }. **With 64 slots** nothing queues for a slot, and the figure (${measured[1]!.rps.toFixed(0)} req/s, p99 ${ms(measured[1]!.p99)} ms) shows
what the server's CPU allows on this machine, shared with the load generator and the stand-in.

The trade-off: more slots let one dashboard hold more calls open against Whop at once (more of the
company's rate limit spent in a burst, more sockets), fewer slots protect Whop and turn bursts into
queueing and, past the queue, quick 503s. A team of community managers looking members up by hand
comes nowhere near 16 lookups in flight, so the defaults stay as they are.
`;
}
