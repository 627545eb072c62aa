/**
 * Where our server's added time goes, one layer at a time, at 1 in flight: each step
 * runs in this process against the stand-in (its own process) and adds one layer of the
 * production path. Not a substitute for the over-HTTP figure in table 1; a way to read it.
 */
import path from 'node:path';
import pino from 'pino';
import { Agent, request } from 'undici';
import { buildServer } from '../../src/server/compose';
import { readConfig } from '../../src/server/config';
import { WHOP_API_VERSION } from '../../src/server/upstream/whop-api-version';
import { newAgent, runLoad } from './load';
import type { StandIn } from './procs';
import { summarize } from './stats';

export type Step = { label: string; p50: number; p99: number; n: number };

export async function breakdown(opts: {
  standIn: StandIn;
  key: string;
  tmp: string;
  nextId: () => string;
  rounds: number;
  warm: number;
  count: number;
}): Promise<Step[]> {
  const { standIn, key } = opts;
  // The server as main.ts builds it (compose.ts), with the member cache and the rate limit off.
  const config = readConfig({
    WHOP_API_KEY: key,
    WHOP_BASE_URL: standIn.baseURL,
    MEMBER_CACHE_TTL_MS: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    // The proxy is measured, not Whop's budget (decision 0033): never the pace of the run.
    WHOP_REQUESTS_PER_SECOND: '1000',
    LOG_LEVEL: 'info',
  });
  if (!config.ok) throw new Error(config.message);
  const { source, lookup, app } = buildServer(config.config, {
    spa: null,
    logDestination: pino.destination({ dest: path.join(opts.tmp, 'breakdown.log'), sync: true }),
  });
  const undiciAgent = new Agent();
  const headers = { authorization: `Bearer ${key}`, 'api-version-date': WHOP_API_VERSION };

  const mustOk = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`breakdown: ${what} did not answer 200`);
  };
  const steps: Array<{ label: string; once?: (id: string) => Promise<void> }> = [
    { label: 'node:http request to the stand-in (as in table 1, "direct")' },
    {
      label: "+ undici's `request` and `JSON.parse` (the HTTP client under our guarded fetch)",
      once: async (id) => {
        const res = await request(`${standIn.baseURL}/members/${id}`, { headers, dispatcher: undiciAgent });
        mustOk(res.statusCode === 200, 'request');
        JSON.parse(await res.body.text());
      },
    },
    {
      label: '+ `@whop/sdk` `members.retrieve`, our guarded fetch, deadline, zod (`createWhopMemberSource`)',
      once: async (id) => mustOk((await source(id)).ok, 'source'),
    },
    {
      label: '+ limiter and coalescing map (`createMemberLookup`, cache off)',
      once: async (id) => mustOk((await lookup(id)).ok, 'lookup'),
    },
    {
      label: '+ Hono app: routing, id parsing, security headers, JSON, log line (`app.request`, no socket)',
      once: async (id) => {
        const res = await app.request(`/api/members/${id}`);
        mustOk(res.ok, 'app');
        await res.text();
      },
    },
  ];

  const samples = new Map<string, number[]>(steps.map((s) => [s.label, []]));
  for (let round = 0; round < opts.rounds; round++) {
    for (const step of steps) {
      const out = samples.get(step.label)!;
      if (!step.once) {
        const agent = newAgent(1);
        const run = (count: number) =>
          runLoad({
            port: standIn.port,
            path: () => `/api/v1/members/${opts.nextId()}`,
            headers,
            count,
            concurrency: 1,
            agent,
            maxMs: 60_000,
          });
        await run(opts.warm);
        out.push(...(await run(opts.count)).latencies);
        agent.destroy();
        continue;
      }
      for (let i = 0; i < opts.warm + opts.count; i++) {
        const t0 = performance.now();
        await step.once(opts.nextId());
        if (i >= opts.warm) out.push(performance.now() - t0);
      }
    }
  }
  await undiciAgent.close();
  return steps.map((s) => {
    const sum = summarize(samples.get(s.label)!);
    return { label: s.label, p50: sum.p50, p99: sum.p99, n: sum.n };
  });
}
