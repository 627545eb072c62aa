import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { childProcessEnv } from '../../../test/programs';
import { CookieJar, startSignInTestApp } from '../../../test/sign-in-app';
import { collectLogs, FAST_RETRIES, TEST_API_KEY, testEnv } from '../../../test/test-app';
import { MEMBER_LIST_NAMES, MEMBER_LISTS } from '../../contract/member-lists';
import { DEMO_COMPANY } from '../../demo-whop/fixtures';
import { startDemoWhop } from '../../demo-whop/server';
import { buildServer } from '../compose';
import { parseEnv } from '../config';
import { createMetrics, metricsApp } from './metrics';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<string> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  cleanups.push(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The whole server on a real port, its metrics on another, as main.ts wires them. */
async function startWithMetrics(env: Parameters<typeof testEnv>[0] = {}) {
  const whop = await startDemoWhop({ apiKey: TEST_API_KEY, latencyMs: 150 });
  cleanups.push(() => whop.close());
  const metrics = createMetrics();
  const { app } = buildServer(
    { env: testEnv({ WHOP_API_KEY: TEST_API_KEY, ...env }), access: { kind: 'open', reason: 'loopback' } },
    {
      upstream: { apiKey: TEST_API_KEY, baseURL: whop.baseURL },
      companyId: DEMO_COMPANY.id,
      spa: null,
      logDestination: collectLogs().sink,
      retry: FAST_RETRIES,
      metrics,
      clientKey: (c) => c.req.header('x-test-client') ?? 'test-client',
    },
  );
  return { app: await listen(app.fetch), metrics: await listen(metricsApp(metrics).fetch) };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get('content-type') };
}

/** The value of one series in a scrape, or undefined when it is absent. */
function sample(scrape: string, series: string): number | undefined {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics on their own listener', () => {
  it('count requests by route template, Whop calls, the cache, coalescing and rate limits, with nothing personal', async () => {
    const { app, metrics } = await startWithMetrics({ MEMBER_CACHE_TTL_MS: 5_000, RATE_LIMIT_PER_MINUTE: 2 });
    const as = (client: string) => ({ 'x-test-client': client });

    // Three lookups of one id at once: one Whop call, two coalesced; then a cache hit.
    const burst = await Promise.all([1, 2, 3].map((i) => get(`${app}/api/members/mber_demoAvaChen`, as(`a${i}`))));
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await get(`${app}/api/members/mber_demoAvaChen`, as('b'))).status).toBe(200);
    expect((await get(`${app}/api/members/mber_demoNotFound`, as('c'))).status).toBe(404);
    // 500 then 200: one call, two attempts.
    expect((await get(`${app}/api/members/mber_demoFlaky`, as('d'))).status).toBe(200);
    expect((await get(`${app}/api/members?query=ava`, as('e'))).status).toBe(200);
    // Client f: two allowed, the third refused by our own limit.
    for (const expected of [404, 404, 429]) {
      expect((await get(`${app}/api/members/mber_demoNotFound`, as('f'))).status).toBe(expected);
    }

    const scrape = await get(`${metrics}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.type).toContain('text/plain');
    const m = scrape.text;
    expect(sample(m, 'http_requests_total{method="GET",route="/api/members/:id",status="200"}')).toBe(5);
    expect(sample(m, 'http_requests_total{method="GET",route="/api/members/:id",status="404"}')).toBe(3);
    expect(sample(m, 'http_requests_total{method="GET",route="/api/members",status="200"}')).toBe(1);
    // The rate limit answers from middleware, before any route matched.
    expect(sample(m, 'http_requests_total{method="GET",route="unmatched",status="429"}')).toBe(1);
    expect(sample(m, 'http_request_duration_seconds_count{method="GET",route="/api/members/:id",status="200"}')).toBe(
      5,
    );
    expect(sample(m, 'whop_api_calls_total{endpoint="members.retrieve",status="200",attempts="1"}')).toBe(1);
    expect(sample(m, 'whop_api_calls_total{endpoint="members.retrieve",status="200",attempts="2"}')).toBe(1);
    expect(sample(m, 'whop_api_calls_total{endpoint="members.retrieve",status="404",attempts="1"}')).toBe(1);
    expect(sample(m, 'whop_api_calls_total{endpoint="members.list",status="200",attempts="1"}')).toBe(1);
    expect(sample(m, 'whop_api_call_duration_seconds_count{endpoint="members.retrieve"}')).toBe(3);
    expect(sample(m, 'member_lookups_coalesced_total')).toBe(2);
    // Hits: the 4th Ava lookup and the later not-found ones; misses: the first of each id.
    expect(sample(m, 'member_cache_lookups_total{result="hit"}')).toBeGreaterThanOrEqual(2);
    expect(sample(m, 'member_cache_lookups_total{result="miss"}')).toBeGreaterThanOrEqual(3);
    expect(sample(m, 'rate_limited_requests_total')).toBe(1);

    // No id, email, name or query text in any label.
    const labelValues = [...m.matchAll(/="([^"]*)"/g)].map((match) => match[1]);
    expect(labelValues.length).toBeGreaterThan(0);
    for (const value of labelValues) expect(value).not.toMatch(/mber_|user_|@|ava|chen/i);
    for (const line of m.split('\n').filter((l) => l.includes('route="'))) {
      expect(line).toMatch(/route="(\/api\/members(\/:id)?|unmatched)"/);
    }
  });

  it("count each of a member's lists under its own Whop endpoint, none under 'other'", async () => {
    const { app, metrics } = await startWithMetrics();
    const id = 'mber_demoAvaChen';
    for (const path of [id, ...MEMBER_LIST_NAMES.map((name) => `${id}/${MEMBER_LISTS[name].path}`)]) {
      expect((await get(`${app}/api/members/${path}`)).status).toBe(200);
    }
    const m = (await get(`${metrics}/metrics`)).text;
    // Each list route looks its member up first (the cache is off in tests).
    expect(sample(m, 'whop_api_calls_total{endpoint="members.retrieve",status="200",attempts="1"}')).toBeGreaterThan(0);
    for (const name of MEMBER_LIST_NAMES) {
      const series = `whop_api_calls_total{endpoint="${MEMBER_LISTS[name].endpoint}",status="200",attempts="1"}`;
      expect(sample(m, series), name).toBe(1);
    }
    expect(MEMBER_LIST_NAMES.map((name) => MEMBER_LISTS[name].endpoint)).toEqual([
      'memberships.list',
      'payments.list',
      'companyTokenTransactions.list',
    ]);
    expect(m).not.toContain('endpoint="other"');
  });

  it('are not served on the public port, and the metrics listener serves nothing else', async () => {
    const { app, metrics } = await startWithMetrics();
    expect((await get(`${app}/metrics`)).status).toBe(404);
    expect((await get(`${metrics}/`)).status).toBe(404);
    expect((await get(`${metrics}/api/members/mber_demoAvaChen`)).status).toBe(404);
  });

  it('count active sessions with sign-in on', async () => {
    const metrics = createMetrics();
    const t = await startSignInTestApp({ metrics });
    cleanups.push(() => t.close());
    const active = async () => sample(await metrics.registry.metrics(), 'sessions_active');
    expect(await active()).toBe(0);
    const jar = new CookieJar();
    expect((await t.signIn(jar, 'user_demoMarcus')).status).toBe(303);
    expect(await active()).toBe(1);
    await t.request('/auth/logout', jar, { method: 'POST', headers: { origin: t.publicUrl } });
    expect(await active()).toBe(0);
  });
});

describe('METRICS_PORT in the real process', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves process and request metrics on HOST at a port of its own, never on the public port', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: childProcessEnv({
        WHOP_API_KEY: '',
        PORT: '0',
        METRICS_PORT: '0',
        STATIC_DIR: 'dist/none',
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 15_000;
    const appUrl = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/;
    const metricsUrl = /"metrics_url":"(http:\/\/127\.0\.0\.1:\d+\/metrics)"/;
    while (!appUrl.test(output) || !metricsUrl.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const app = appUrl.exec(output)![1]!;
    expect((await get(`${app}/api/members/mber_demoAvaChen`)).status).toBe(200);
    expect((await get(`${app}/metrics`)).status).toBe(404);
    const scrape = (await get(metricsUrl.exec(output)![1]!)).text;
    expect(scrape).toContain('process_resident_memory_bytes');
    expect(sample(scrape, 'http_requests_total{method="GET",route="/api/members/:id",status="200"}')).toBe(1);
  });
});

describe('METRICS_PORT', () => {
  it('is off when unset or empty, a port when set', () => {
    const port = (source: Record<string, string>) => {
      const parsed = parseEnv(source);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.env.METRICS_PORT;
    };
    expect(port({})).toBeUndefined();
    expect(port({ METRICS_PORT: '' })).toBeUndefined();
    expect(port({ METRICS_PORT: '9464' })).toBe(9464);
    expect(port({ PORT: '0', METRICS_PORT: '0' })).toBe(0);
  });

  it('refuses a value that is not a port, or the public port itself', () => {
    for (const bad of [{ METRICS_PORT: 'nine' }, { METRICS_PORT: '70000' }, { PORT: '8080', METRICS_PORT: '8080' }]) {
      const parsed = parseEnv(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('METRICS_PORT');
    }
  });
});

describe('createMetrics', () => {
  it('shows both cache series at zero before the first lookup', async () => {
    const scrape = await createMetrics().registry.metrics();
    expect(sample(scrape, 'member_cache_lookups_total{result="hit"}')).toBe(0);
    expect(sample(scrape, 'member_cache_lookups_total{result="miss"}')).toBe(0);
  });

  it('labels an unusual method "other", and a Whop call with no answer status "none"', async () => {
    const metrics = createMetrics();
    metrics.request({ method: 'PROPFIND', route: '/api/*', status: 405, seconds: 0.001 });
    metrics.whopCall({ endpoint: 'members.retrieve', status: null, attempts: 3, seconds: 2 });
    const scrape = await metrics.registry.metrics();
    expect(sample(scrape, 'http_requests_total{method="other",route="/api/*",status="405"}')).toBe(1);
    expect(sample(scrape, 'whop_api_calls_total{endpoint="members.retrieve",status="none",attempts="3"}')).toBe(1);
  });

  it('buckets request times from 5 ms to 10 s, and Whop calls from 25 ms to 30 s', async () => {
    const metrics = createMetrics();
    metrics.request({ method: 'GET', route: '/api/health', status: 200, seconds: 0.003 });
    metrics.whopCall({ endpoint: 'members.retrieve', status: 200, attempts: 1, seconds: 20 });
    const scrape = await metrics.registry.metrics();
    const requestBuckets = [...scrape.matchAll(/^http_request_duration_seconds_bucket\{le="([^"]+)"/gm)].map(
      (m) => m[1],
    );
    expect(requestBuckets).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
    const whopBuckets = [...scrape.matchAll(/^whop_api_call_duration_seconds_bucket\{le="([^"]+)"/gm)].map((m) => m[1]);
    expect(whopBuckets).toEqual(['0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '30', '+Inf']);
    expect(
      sample(scrape, 'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/health",status="200"}'),
    ).toBe(1);
    expect(sample(scrape, 'whop_api_call_duration_seconds_bucket{le="10",endpoint="members.retrieve"}')).toBe(0);
    expect(sample(scrape, 'whop_api_call_duration_seconds_bucket{le="30",endpoint="members.retrieve"}')).toBe(1);
  });

  it('adds the process metrics only when asked to', async () => {
    expect(await createMetrics({ processMetrics: true }).registry.metrics()).toMatch(
      /^process_cpu_user_seconds_total /m,
    );
    expect(await createMetrics().registry.metrics()).not.toMatch(/^process_/m);
  });

  it('reports the session count as unknown (NaN), not a failed scrape, while the store cannot answer', async () => {
    const metrics = createMetrics();
    metrics.trackSessions(() => Promise.reject(new Error('Redis is down')));
    expect(sample(await metrics.registry.metrics(), 'sessions_active')).toBeNaN();
  });

  it('serves the scrape uncached, and a plain 404 for any other path', async () => {
    const app = metricsApp(createMetrics());
    const scrape = await app.request('/metrics');
    expect(scrape.headers.get('cache-control')).toBe('no-store');
    const other = await app.request('/api/health');
    expect(other.status).toBe(404);
    expect(await other.text()).toBe('Not found');
  });
});
