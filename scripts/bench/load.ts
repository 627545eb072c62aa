/**
 * A small closed-loop load generator on node:http: `concurrency` workers, each sending
 * its next request when the previous answer has been read to the end. Keep-alive agent,
 * one socket per worker. Bounded by a request count and a wall-clock limit.
 */
import http from 'node:http';

export type LoadOptions = {
  port: number;
  /** The path of request number i (lets every request ask for a different member). */
  path: (i: number) => string;
  count: number;
  concurrency: number;
  headers?: Record<string, string>;
  /** Stop starting new requests after this long, whatever the count. */
  maxMs: number;
  agent?: http.Agent;
};

export type LoadResult = {
  /** Milliseconds from sending to the last byte of the body, for every answered request. */
  latencies: number[];
  statuses: Map<number, number>;
  /** Requests that got no HTTP answer (reset, refused, timed out). */
  errors: number;
  elapsedMs: number;
  completed: number;
};

export function newAgent(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = options.agent ?? newAgent(options.concurrency);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const stopAt = started + options.maxMs;

  const one = (i: number) =>
    new Promise<void>((resolve) => {
      let settled = false;
      const settle = (status: number | null, t0: number) => {
        if (settled) return;
        settled = true;
        if (status === null) errors += 1;
        else {
          latencies.push(performance.now() - t0);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
        resolve();
      };
      const t0 = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port: options.port,
          path: options.path(i),
          method: 'GET',
          agent,
          headers: options.headers,
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => settle(res.statusCode ?? 0, t0));
          res.on('error', () => settle(null, t0));
        },
      );
      req.setTimeout(15_000, () => req.destroy(new Error('client timeout')));
      req.on('error', () => settle(null, t0));
      req.end();
    });

  const worker = async () => {
    while (next < options.count && performance.now() < stopAt) {
      const i = next;
      next += 1;
      await one(i);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  if (!options.agent) agent.destroy();
  return { latencies, statuses, errors, elapsedMs, completed: latencies.length };
}

export function non2xx(result: Pick<LoadResult, 'statuses'>): number {
  let n = 0;
  for (const [status, count] of result.statuses) if (status < 200 || status >= 300) n += count;
  return n;
}

export function count5xx(result: Pick<LoadResult, 'statuses'>): number {
  let n = 0;
  for (const [status, count] of result.statuses) if (status >= 500) n += count;
  return n;
}
