import { Hono } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { LIVE_EVENT_TYPES } from '../../contract/live';
import type { Counts } from './counts';

/**
 * Prometheus metrics, served only on their own listener (METRICS_PORT; main.ts). Every
 * label comes from a short fixed set: route templates (`/api/members/:id`, never an id),
 * methods, statuses, Whop endpoint names, attempt counts. Nothing personal ever becomes a
 * label, so nothing personal can reach a scrape.
 */
export type Metrics = Counts & { registry: Registry };

const WEBHOOK_OUTCOMES: readonly string[] = ['verified', 'refused', 'duplicate', 'ignored'];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const method = (m: string) => (METHODS.has(m) ? m : 'other');

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const whopCalls = new Counter({
    name: 'whop_api_calls_total',
    help: "Calls to Whop's API, by endpoint, last HTTP status ('none': no answer) and attempts made.",
    labelNames: ['endpoint', 'status', 'attempts'] as const,
    registers: [registry],
  });
  const whopLatency = new Histogram({
    name: 'whop_api_call_duration_seconds',
    help: "Time a call to Whop's API took, retries and waits included, by endpoint.",
    labelNames: ['endpoint'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'member_cache_lookups_total',
    help: 'Member lookups the cache answered (hit) or passed on (miss).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const coalesced = new Counter({
    name: 'member_lookups_coalesced_total',
    help: 'Member lookups that joined a Whop call already in flight for the same id.',
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'rate_limited_requests_total',
    help: "Requests refused by the dashboard's own rate limit (429 rate_limited).",
    registers: [registry],
  });
  const bulkLists = new Counter({
    name: 'bulk_lists_total',
    help: 'Bulk lists (many members at once) created, and ended by this instance: done, cancelled, or left stalled at a stop.',
    labelNames: ['event'] as const,
    registers: [registry],
  });
  const bulkRows = new Counter({
    name: 'bulk_rows_total',
    help: 'Rows of bulk lists that came to an outcome, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const event of ['created', 'done', 'cancelled', 'stalled']) bulkLists.inc({ event }, 0);
  const budgetWaits = new Histogram({
    name: 'whop_budget_wait_seconds',
    help: 'Time a Whop call waited for a slot of the request budget, by priority (interactive, bulk).',
    labelNames: ['priority'] as const,
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const webhookDeliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: "Whop's webhook deliveries, by type (a live one, else other) and outcome (verified, refused, duplicate, ignored).",
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  for (const outcome of WEBHOOK_OUTCOMES) webhookDeliveries.inc({ type: 'other', outcome }, 0);
  // Zero until something happens, so dashboards and alerts see the series from the start.
  cache.inc({ result: 'hit' }, 0);
  cache.inc({ result: 'miss' }, 0);

  return {
    registry,
    request({ method: m, route, status, seconds }) {
      const labels = { method: method(m), route, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
    whopCall({ endpoint, status, attempts, seconds }) {
      whopCalls.inc({ endpoint, status: status === null ? 'none' : String(status), attempts: String(attempts) });
      whopLatency.observe({ endpoint }, seconds);
    },
    cache: (result) => cache.inc({ result }),
    coalesced: () => coalesced.inc(),
    rateLimited: () => rateLimited.inc(),
    bulkList: (event) => bulkLists.inc({ event }),
    bulkRows: (outcome, rows) => bulkRows.inc({ outcome }, rows),
    budgetWait: (priority, seconds) => budgetWaits.observe({ priority }, seconds),
    webhookDelivery(type, outcome) {
      // Bounded whatever the caller passes: a live type or `other`, a known outcome or nothing.
      if (!WEBHOOK_OUTCOMES.includes(outcome)) return;
      webhookDeliveries.inc({ type: Object.hasOwn(LIVE_EVENT_TYPES, type) ? type : 'other', outcome });
    },
    trackLiveStreams(count) {
      new Gauge({
        name: 'live_streams_open',
        help: "Live member pages' streams (Server-Sent Events) open on this instance.",
        registers: [registry],
        collect() {
          this.set(count());
        },
      });
    },
    trackSessions(count) {
      new Gauge({
        name: 'sessions_active',
        help: 'Signed-in sessions that have not ended (with REDIS_URL: all instances together; NaN while Redis cannot be asked).',
        registers: [registry],
        async collect() {
          // A shared store that cannot answer (Redis down) makes the count unknown, not zero,
          // and must not fail the whole scrape.
          this.set(await count().catch(() => Number.NaN));
        },
      });
    },
  };
}

/** The metrics listener's whole app: GET /metrics, and 404 for anything else. */
export function metricsApp(metrics: Pick<Metrics, 'registry'>): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
  app.notFound((c) => c.text('Not found', 404));
  return app;
}
