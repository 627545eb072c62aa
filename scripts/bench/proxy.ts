/**
 * Issue 7, table 1: what our server adds on top of the upstream's own latency, next to
 * a bare node:http pass-through and nginx, all in one run with interleaved rounds so a
 * noisy neighbour hurts every target alike.
 */
import { type LoadResult, newAgent, non2xx, runLoad } from './load';
import type { StandIn } from './procs';
import { type Summary, summarize } from './stats';

export type Target = {
  key: string;
  label: string;
  port: number;
  path: (id: string) => string;
  headers?: Record<string, string>;
  inFlight: number[];
};

export type Measured = {
  target: Target;
  inFlight: number;
  latency: Summary;
  rps: number;
  non2xx: number;
  errors: number;
  requests: number;
  upstreamCalls: number;
};

export type ProxyPlan = {
  rounds: number;
  /** Per round and target: requests at 1 in flight, and at 50 in flight. */
  serial: { warm: number; count: number };
  parallel: { warm: number; count: number };
};

export async function measureProxies(
  targets: Target[],
  standIn: StandIn,
  plan: ProxyPlan,
  nextId: () => string,
  log: (s: string) => void,
) {
  const acc = new Map<
    string,
    {
      latencies: number[];
      elapsed: number;
      completed: number;
      non2xx: number;
      errors: number;
      requests: number;
      calls: number;
    }
  >();
  for (let round = 1; round <= plan.rounds; round++) {
    for (const target of targets) {
      for (const inFlight of target.inFlight) {
        const { warm, count } = inFlight === 1 ? plan.serial : plan.parallel;
        const agent = newAgent(inFlight);
        const base = { port: target.port, concurrency: inFlight, headers: target.headers, agent, maxMs: 120_000 };
        await runLoad({ ...base, count: warm, path: () => target.path(nextId()) });
        const before = await standIn.calls();
        const r: LoadResult = await runLoad({ ...base, count, path: () => target.path(nextId()) });
        const after = await standIn.calls();
        agent.destroy();
        const key = `${target.key}@${inFlight}`;
        const a = acc.get(key) ?? {
          latencies: [],
          elapsed: 0,
          completed: 0,
          non2xx: 0,
          errors: 0,
          requests: 0,
          calls: 0,
        };
        a.latencies.push(...r.latencies);
        a.elapsed += r.elapsedMs;
        a.completed += r.completed;
        a.non2xx += non2xx(r);
        a.errors += r.errors;
        a.requests += r.completed + r.errors;
        a.calls += after.total - before.total;
        acc.set(key, a);
        const s = summarize(r.latencies);
        log(
          `  round ${round} ${target.label} @${inFlight}: p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, ${((r.completed / r.elapsedMs) * 1000).toFixed(0)} req/s`,
        );
      }
    }
  }
  const out: Measured[] = [];
  for (const target of targets) {
    for (const inFlight of target.inFlight) {
      const a = acc.get(`${target.key}@${inFlight}`)!;
      out.push({
        target,
        inFlight,
        latency: summarize(a.latencies),
        rps: (a.completed / a.elapsed) * 1000,
        non2xx: a.non2xx,
        errors: a.errors,
        requests: a.requests,
        upstreamCalls: a.calls,
      });
    }
  }
  return out;
}
