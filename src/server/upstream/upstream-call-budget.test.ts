import { APIError, APIUserAbortError } from '@whop/sdk';
import { describe, expect, it } from 'vitest';
import type { Priority, RequestBudget } from './request-budget';
import { type CallOptions, createUpstreamCall, DEFAULT_PAUSE_MS, type RecordProblems } from './upstream-call';

/**
 * The request budget in the Whop call: every attempt takes a slot first, a 429 pauses
 * bulk callers, a single lookup that gets no slot within its deadline answers busy, and a
 * bulk call waits for its first slot outside its deadline, until its caller stops it.
 */

const thing: RecordProblems = {
  notFound: () => ({ status: 404, code: 'member_not_found', message: 'no such thing' }),
  forbidden: () => ({ status: 502, code: 'upstream_forbidden', message: 'grant things:read' }),
  what: 'a thing',
  endpoint: 'things.retrieve',
};
const parse = (data: unknown) => data as { id: string };
const fast = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2, random: () => 0.5 };

/** A budget that records what it was asked and answers as `grant` says (never: waits for the signal). */
function recordingBudget(grant: (priority: Priority) => 'now' | 'never' = () => 'now') {
  const log: string[] = [];
  const budget: RequestBudget = {
    acquire(priority, signal) {
      log.push(`acquire:${priority}`);
      if (grant(priority) === 'now') return Promise.resolve();
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    },
    async pause(ms) {
      log.push(`pause:${ms}`);
    },
    pausedUntil: () => 0,
  };
  return { budget, log };
}

type Step = { data: unknown } | { status: number; headers?: Record<string, string> } | 'hang';
function scripted(steps: Step[]) {
  let calls = 0;
  const send = (options: CallOptions) => {
    const step = steps[Math.min(calls, steps.length - 1)]!;
    calls += 1;
    return {
      withResponse: (): Promise<{ data: unknown; response: Response }> => {
        if (step === 'hang')
          return new Promise((_, reject) =>
            options.signal.addEventListener('abort', () => reject(new APIUserAbortError())),
          );
        if ('data' in step) return Promise.resolve({ data: step.data, response: new Response(null) });
        return Promise.reject(
          APIError.generate(step.status, { message: 'x' }, undefined, new Headers(step.headers ?? {})),
        );
      },
    };
  };
  return { send, calls: () => calls };
}

describe('the request budget in every Whop call', () => {
  it.each([
    ['interactive' as const, undefined],
    ['bulk' as const, 'bulk' as const],
  ])('each attempt, retries included, takes a %s slot first', async (expected, priority) => {
    const { budget, log } = recordingBudget();
    const call = createUpstreamCall({ deadlineMs: 1_000, retry: fast, budget, priority });
    const { send, calls } = scripted([{ status: 500 }, { status: 503 }, { data: { id: 'a' } }]);
    const outcome = await call(send, parse, thing);
    expect(outcome.ok).toBe(true);
    expect(calls()).toBe(3);
    expect(log).toEqual([`acquire:${expected}`, `acquire:${expected}`, `acquire:${expected}`]);
  });

  it.each([
    ['with its Retry-After', { 'retry-after': '2' }, 'pause:2000'],
    ['without one: 5 s', {}, `pause:${DEFAULT_PAUSE_MS}`],
  ])('a 429 pauses bulk callers, %s', async (_, headers, paused) => {
    const { budget, log } = recordingBudget();
    const call = createUpstreamCall({ deadlineMs: 1_000, retry: { ...fast, maxRetries: 0 }, budget });
    const outcome = await call(scripted([{ status: 429, headers }]).send, parse, thing);
    expect(outcome.ok).toBe(false);
    expect(log).toEqual(['acquire:interactive', paused]);
  });

  it('a single lookup that gets no slot within its deadline answers busy, without asking Whop', async () => {
    const { budget } = recordingBudget(() => 'never');
    const call = createUpstreamCall({ deadlineMs: 50, retry: fast, budget });
    const { send, calls } = scripted([{ data: { id: 'a' } }]);
    const started = performance.now();
    const outcome = await call(send, parse, thing);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'busy', status: 503 }, attempts: 0 });
    expect(calls()).toBe(0);
  });

  it('a bulk call waits for its first slot outside its deadline, and its caller can stop it', async () => {
    const { budget } = recordingBudget(() => 'never');
    const call = createUpstreamCall({ deadlineMs: 20, retry: fast, budget, priority: 'bulk' });
    const { send, calls } = scripted([{ data: { id: 'a' } }]);
    const stop = new AbortController();
    const pending = call(send, parse, thing, stop.signal);
    // Well past the deadline, still waiting (a 429 pause can be longer than any deadline).
    await new Promise((r) => setTimeout(r, 60));
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    stop.abort();
    expect(await pending).toMatchObject({ ok: false, attempts: 0 });
    expect(calls()).toBe(0);
  });

  it("the caller's signal ends a call in flight at once", async () => {
    const call = createUpstreamCall({ deadlineMs: 5_000, retry: fast });
    const stop = new AbortController();
    const started = performance.now();
    const pending = call(scripted(['hang']).send, parse, thing, stop.signal);
    setTimeout(() => stop.abort(), 10);
    expect(await pending).toMatchObject({ ok: false, problem: { code: 'upstream_timeout' } });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
