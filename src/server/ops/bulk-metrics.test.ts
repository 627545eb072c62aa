import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics';

/** The bulk series: present at zero from the start, counted by event and by outcome, nothing else in their labels. */
describe('bulk metrics', () => {
  it('count lists by event and rows by outcome', async () => {
    const metrics = createMetrics();
    expect(await metrics.registry.metrics()).toContain('bulk_lists_total{event="stalled"} 0');
    metrics.bulkList('created');
    metrics.bulkList('done');
    metrics.bulkRows('found', 7);
    metrics.bulkRows('invalid', 2);
    metrics.bulkRows('found', 1);
    const scrape = await metrics.registry.metrics();
    expect(scrape).toContain('bulk_lists_total{event="created"} 1');
    expect(scrape).toContain('bulk_lists_total{event="done"} 1');
    expect(scrape).toContain('bulk_rows_total{outcome="found"} 8');
    expect(scrape).toContain('bulk_rows_total{outcome="invalid"} 2');
  });

  it('time waited for a budget slot, by priority', async () => {
    const metrics = createMetrics();
    metrics.budgetWait('bulk', 0.3);
    metrics.budgetWait('interactive', 0);
    const scrape = await metrics.registry.metrics();
    expect(scrape).toContain('whop_budget_wait_seconds_count{priority="bulk"} 1');
    expect(scrape).toContain('whop_budget_wait_seconds_bucket{le="0.25",priority="bulk"} 0');
    expect(scrape).toContain('whop_budget_wait_seconds_count{priority="interactive"} 1');
  });
});
