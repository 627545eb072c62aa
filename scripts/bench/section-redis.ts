/**
 * Issue 11: what keeping shared state in Redis (REDIS_URL) costs a lookup, side by side
 * with the in-memory default in one run, and what one session check costs on Redis.
 */

import { createRedisSessionStore } from '../../src/server/auth/redis-session-store';
import { createMemorySessionStore } from '../../src/server/auth/session-store';
import { createSessionManager, type Session, SessionSchema } from '../../src/server/auth/sessions';
import { createLogger } from '../../src/server/ops/logger';
import { closeRedis, createRedisClient, waitForRedis } from '../../src/server/redis';
import { startRedisServer } from '../../test/redis-server';
import type { BenchContext } from './context';
import { count5xx, type LoadResult, newAgent, runLoad } from './load';
import { ms, signed, table } from './md';
import { startOurServer, startStandIn, stopChild } from './procs';
import { type Summary, summarize } from './stats';

const LATENCY_MS = 20;
const IN_FLIGHT = 50;
/** Members the cache-hit runs cycle through: all of them stay cached for the whole run. */
const HOT = 50;

type Row = { label: string; serial: Summary; parallel: { rps: number; p50: number; p99: number; fives: number } };

export async function redisSection(ctx: BenchContext): Promise<string> {
  ctx.log('bench: Redis vs in memory (issue 11)');
  const serialCount = ctx.quick ? 200 : 1_000;
  const parallelCount = ctx.quick ? 1_000 : 5_000;
  const redis = await startRedisServer();
  const standIn = await startStandIn({ key: ctx.key, latencyMs: LATENCY_MS, extraMembers: ctx.pool });
  // Rate limit on (high enough never to refuse), so its counter is part of the path, as in production.
  const common = { RATE_LIMIT_PER_MINUTE: '1000000', MEMBER_CACHE_TTL_MS: '30000', WHOP_REQUESTS_PER_SECOND: '1000' };
  const memory = await startOurServer({
    name: 'redis-off',
    tmp: ctx.tmp,
    key: ctx.key,
    upstream: standIn.baseURL,
    env: common,
  });
  const shared = await startOurServer({
    name: 'redis-on',
    tmp: ctx.tmp,
    key: ctx.key,
    upstream: standIn.baseURL,
    env: { ...common, REDIS_URL: redis.url, REDIS_PREFIX: 'bench:' },
  });
  const servers = [
    { label: 'In memory (REDIS_URL unset)', port: memory.port },
    { label: 'Redis (REDIS_URL set, same machine)', port: shared.port },
  ];

  const hotIds = Array.from({ length: HOT }, () => ctx.nextId());
  const hit = (i: number) => `/api/members/${hotIds[i % HOT]}`;
  const miss = () => `/api/members/${ctx.nextId()}`;
  type Samples = { serial: number[]; parallel: LoadResult[] };
  const fresh = (): Record<'miss' | 'hit', Samples> => ({
    miss: { serial: [], parallel: [] },
    hit: { serial: [], parallel: [] },
  });
  const samples = servers.map(() => fresh());
  const agents = servers.map(() => newAgent(IN_FLIGHT));
  // Rounds interleave the two servers, so a noisy neighbour on the shared cores hurts both alike.
  const rounds = ctx.quick ? 1 : 4;
  try {
    for (const [i, server] of servers.entries()) {
      await runLoad({ port: server.port, path: miss, count: 100, concurrency: 1, agent: agents[i], maxMs: 60_000 });
      await runLoad({ port: server.port, path: hit, count: HOT, concurrency: 1, agent: agents[i], maxMs: 60_000 });
    }
    for (let round = 0; round < rounds; round++) {
      for (const [i, server] of servers.entries()) {
        const run = (path: (n: number) => string, count: number, concurrency: number) =>
          runLoad({
            port: server.port,
            path,
            count: Math.ceil(count / rounds),
            concurrency,
            agent: agents[i],
            maxMs: 180_000,
          });
        const mine = samples[i]!;
        // Misses: a member nobody asked for yet (the rate-limit count, a cache read, Whop, a cache write).
        mine.miss.serial.push(...(await run(miss, serialCount, 1)).latencies);
        mine.miss.parallel.push(await run(miss, parallelCount, IN_FLIGHT));
        // Hits: the small set looked up above, served from the cache.
        mine.hit.serial.push(...(await run(hit, serialCount, 1)).latencies);
        mine.hit.parallel.push(await run(hit, parallelCount, IN_FLIGHT));
      }
    }
  } finally {
    for (const agent of agents) agent.destroy();
    await Promise.all([stopChild(memory.child), stopChild(shared.child)]);
    await stopChild(standIn.child);
  }
  const parallel = (results: LoadResult[]) => {
    const s = summarize(results.flatMap((r) => r.latencies));
    const completed = results.reduce((n, r) => n + r.completed, 0);
    const elapsed = results.reduce((n, r) => n + r.elapsedMs, 0);
    const fives = results.reduce((n, r) => n + count5xx(r) + r.errors, 0);
    return { rps: (completed / elapsed) * 1000, p50: s.p50, p99: s.p99, fives };
  };
  const rows: Record<'miss' | 'hit', Row[]> = { miss: [], hit: [] };
  for (const [i, server] of servers.entries()) {
    for (const kind of ['miss', 'hit'] as const) {
      const mine = samples[i]![kind];
      rows[kind].push({ label: server.label, serial: summarize(mine.serial), parallel: parallel(mine.parallel) });
    }
    ctx.log(
      `  ${server.label}: miss p50 ${ms(rows.miss[i]!.serial.p50)} ms, hit p50 ${ms(rows.hit[i]!.serial.p50, 2)} ms, hit ${rows.hit[i]!.parallel.rps.toFixed(0)} req/s`,
    );
  }

  const checks = await sessionCheckCost(redis.url, ctx.quick ? 1_000 : 10_000);
  await redis.stop();

  const lookupTable = (kind: 'miss' | 'hit') =>
    table(
      [
        'Store',
        'p50 ms (1 in flight)',
        'p99 ms (1 in flight)',
        `req/s (${IN_FLIGHT} in flight)`,
        `p50 ms (${IN_FLIGHT})`,
        `p99 ms (${IN_FLIGHT})`,
        '5xx + errors',
      ],
      rows[kind].map((r) => [
        r.label,
        ms(r.serial.p50, 2),
        ms(r.serial.p99, 2),
        r.parallel.rps.toFixed(0),
        ms(r.parallel.p50),
        ms(r.parallel.p99),
        r.parallel.fives,
      ]),
    );
  const delta = (kind: 'miss' | 'hit') => rows[kind][1]!.serial.p50 - rows[kind][0]!.serial.p50;

  return `## Redis vs in memory (issue 11)

The same built server twice, side by side in one run: once with the in-memory stores (the default),
once with \`REDIS_URL\` pointing at a local \`redis-server\` (Debian's 7.0, no persistence, on 127.0.0.1 of the
same two cores), measured in ${rounds} interleaved rounds. Rate limit on (\`RATE_LIMIT_PER_MINUTE=1000000\`, never refusing, so its counter is on the
path), cache on (\`MEMBER_CACHE_TTL_MS=30000\`), sign-in off; the stand-in answers in ${LATENCY_MS} ms.

**Cache misses**: every lookup a member not asked for before (${serialCount.toLocaleString('en-US')} at 1 in flight, then
${parallelCount.toLocaleString('en-US')} at ${IN_FLIGHT}): the rate-limit count, a cache read that misses, Whop, a cache write.

${lookupTable('miss')}

**Cache hits**: ${HOT} members looked up once, then again and again (the answer a second instance gets for a
member the first one just looked up): the rate-limit count and a cache read, no Whop call.

${lookupTable('hit')}

At p50 and 1 in flight, Redis changes a miss by ${signed(delta('miss'))} ms and a hit by ${signed(delta('hit'))} ms. What it adds per lookup: a rate-limit
round trip (rate-limiter-flexible's Lua script) and a \`GET\` (a miss adds a \`SET\`), each a loopback round trip.

**A session check on Redis.** What the sign-in gate does for every request: \`touch\` reads the session
and writes it back with the new idle deadline (\`GET\`, then \`SET … PX\`), timed in one process through
\`createSessionManager\` over each store, ${checks.count.toLocaleString('en-US')} checks of one live session, one after another:

${table(
  ['Session store', 'p50 µs', 'p99 µs', 'max µs', 'checks/s (one at a time)'],
  checks.rows.map((r) => [
    r.label,
    (r.s.p50 * 1000).toFixed(0),
    (r.s.p99 * 1000).toFixed(0),
    (r.s.max * 1000).toFixed(0),
    (1000 / r.s.mean).toFixed(0),
  ]),
)}
`;
}

/** Times `sessions.touch` over the in-memory store and over Redis, in this process. */
async function sessionCheckCost(url: string, count: number) {
  const logger = createLogger('silent');
  const client = createRedisClient({ url, prefix: 'bench-sessions:', logger });
  const ready = await waitForRedis(client, 10_000);
  if (!ready.ok) throw new Error(`bench: Redis did not answer: ${ready.reason}`);
  const stores = [
    { label: 'In memory', store: createMemorySessionStore<Session>() },
    { label: 'Redis', store: createRedisSessionStore<Session>(client, { schema: SessionSchema }) },
  ];
  const rows: Array<{ label: string; s: Summary }> = [];
  for (const { label, store } of stores) {
    const sessions = createSessionManager({
      store,
      loginStore: createMemorySessionStore(),
      secret: 'bench-session-secret-of-at-least-32-chars',
      idleTimeoutMs: 3_600_000,
      absoluteTimeoutMs: 86_400_000,
    });
    const { id } = await sessions.create({ userId: 'user_bench', name: 'Bench' });
    for (let i = 0; i < 200; i++) await sessions.touch(id);
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const result = await sessions.touch(id);
      samples.push(performance.now() - t0);
      if (!result.ok) throw new Error(`bench: the session ended during the run (${result.reason})`);
    }
    rows.push({ label, s: summarize(samples) });
  }
  await closeRedis(client);
  return { count, rows };
}
