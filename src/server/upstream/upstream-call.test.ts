import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@whop/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../contract/problem';
import { BodyTooLargeError } from './guarded-fetch';
import { createLimiter } from './limiter';
import {
  type CallOptions,
  createUpstreamCall,
  createWhopClient,
  type RecordProblems,
  type RetryPolicy,
  type UpstreamObserver,
} from './upstream-call';

/**
 * The retry loop on its own, with the SDK's requests scripted: each attempt answers with
 * data or throws what the SDK throws for that answer (its own error classes, made the way
 * the SDK makes them). The deadline timer and both clocks are fake and move only when a
 * test moves them, so "time left" is exact; the waits between attempts are real and kept to
 * a few ms (node:timers/promises is not faked), and a test that needs one to be cut short
 * moves the fake clock past the deadline while it runs.
 */
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function fakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
}

const thing: RecordProblems = {
  notFound: () => ({ status: 404, code: 'member_not_found', message: 'no such thing' }),
  forbidden: () => ({ status: 502, code: 'upstream_forbidden', message: 'grant things:read' }),
  what: 'a thing',
  endpoint: 'things.retrieve',
};

type Step = { data: unknown; status?: number } | { error: unknown } | 'hang';

/** An SDK error for an HTTP answer, as the SDK builds it (APIError.generate). */
const answered = (status: number, headers: Record<string, string> = {}) => ({
  error: APIError.generate(status, { message: 'upstream text' }, undefined, new Headers(headers)),
});

/** A `send` that plays `steps` in order (the last one repeats) and records what each attempt was given. */
function scripted(steps: Step[], during?: (attempt: number) => void) {
  const seen: CallOptions[] = [];
  const send = (options: CallOptions) => {
    seen.push(options);
    const step = steps[Math.min(seen.length, steps.length) - 1]!;
    during?.(seen.length);
    return {
      withResponse: (): Promise<{ data: unknown; response: Response }> => {
        if (step === 'hang') {
          return new Promise((_, reject) => {
            options.signal.addEventListener('abort', () => reject(new APIUserAbortError()));
          });
        }
        if ('error' in step) return Promise.reject(step.error);
        return Promise.resolve({ data: step.data, response: new Response(null, { status: step.status ?? 200 }) });
      },
    };
  };
  return { send, seen };
}

const parseThing = (data: unknown) =>
  typeof data === 'object' && data !== null && 'id' in data ? (data as { id: string }) : undefined;

/** Jitter pinned at the middle: the first wait is 3/4 of baseDelayMs, the second 3/4 of twice that. */
const policy = (p: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxRetries: 2,
  baseDelayMs: 40,
  maxDelayMs: 1000,
  random: () => 0.5,
  ...p,
});

function call(deadlineMs: number, retry: RetryPolicy = policy(), observe?: UpstreamObserver) {
  return createUpstreamCall({ deadlineMs, retry, observe });
}

const upstreamError = (message = 'Whop answered with an error. Try again in a moment.'): Problem => ({
  status: 502,
  code: 'upstream_error',
  message,
});

describe('one attempt', () => {
  it('gives the SDK our deadline signal, the time left as its timeout, and no retries of its own', async () => {
    fakeClock();
    const s = scripted([{ data: { id: 'thing_1' } }]);
    const outcome = await call(1500)(s.send, parseThing, thing);
    expect(outcome).toEqual({ ok: true, value: { id: 'thing_1' }, attempts: 1, upstreamStatus: 200 });
    expect(s.seen).toEqual([{ signal: expect.any(AbortSignal), timeout: 1500, maxRetries: 0 }]);
  });

  it('an answer that does not parse is a 502 naming the record, not retried', async () => {
    fakeClock();
    const s = scripted([{ data: { nope: true }, status: 200 }]);
    expect(await call(1000)(s.send, parseThing, thing)).toEqual({
      ok: false,
      problem: upstreamError("Whop's answer was not a thing we could read."),
      attempts: 1,
      upstreamStatus: 200,
    });
  });

  it('a body the SDK could not read (truncated JSON) is a 502 naming the record, not retried', async () => {
    fakeClock();
    const s = scripted([{ error: new SyntaxError('Unexpected end of JSON input') }]);
    expect(await call(1000)(s.send, parseThing, thing)).toEqual({
      ok: false,
      problem: upstreamError("Whop's answer was not a thing we could read."),
      attempts: 1,
      upstreamStatus: null,
    });
  });

  it('a status on an error that is not the SDK answer from Whop is not read as Whop status', async () => {
    fakeClock();
    const s = scripted([{ error: Object.assign(new Error('something else'), { status: 503 }) }]);
    expect(await call(1000)(s.send, parseThing, thing)).toMatchObject({
      ok: false,
      problem: upstreamError("Whop's answer was not a thing we could read."),
      attempts: 1,
    });
  });
});

describe('which answers are retried (docs/decisions/0001: connection errors, 408, 429, 5xx)', () => {
  const redirect = upstreamError('Whop answered with an unexpected redirect.');
  it.each<[number, boolean, Problem]>([
    [300, false, redirect],
    [302, false, redirect],
    [399, false, redirect],
    [400, false, upstreamError()],
    [
      401,
      false,
      {
        status: 502,
        code: 'upstream_unauthorized',
        message: "Whop rejected this dashboard's API key. An operator must set a valid WHOP_API_KEY.",
      },
    ],
    [403, false, { status: 502, code: 'upstream_forbidden', message: 'grant things:read' }],
    [404, false, { status: 404, code: 'member_not_found', message: 'no such thing' }],
    [408, true, upstreamError()],
    [409, false, upstreamError()],
    [422, false, upstreamError()],
    [500, true, upstreamError()],
    [502, true, upstreamError()],
    [503, true, upstreamError()],
    [504, true, upstreamError()],
  ])('%i: retried %s', async (status, retried, problem) => {
    fakeClock();
    const s = scripted([answered(status)]);
    const outcome = await call(1000, policy({ maxRetries: 1, baseDelayMs: 2 }))(s.send, parseThing, thing);
    expect(outcome).toEqual({ ok: false, problem, attempts: retried ? 2 : 1, upstreamStatus: status });
  });

  it('a 429 without Retry-After is retried after the backoff and, at the end, asks for 5 s', async () => {
    fakeClock();
    const s = scripted([answered(429)]);
    expect(await call(1000, policy({ maxRetries: 1, baseDelayMs: 2 }))(s.send, parseThing, thing)).toEqual({
      ok: false,
      problem: {
        status: 429,
        code: 'upstream_rate_limited',
        message: 'Whop is rate limiting this dashboard. Try again in 5 s.',
        retryAfterSeconds: 5,
      },
      attempts: 2,
      upstreamStatus: 429,
    });
  });

  it('a connection error is retried, then a 502 that says Whop could not be reached', async () => {
    fakeClock();
    const s = scripted([{ error: new APIConnectionError({ cause: new Error('ECONNRESET') }) }]);
    expect(await call(1000, policy({ baseDelayMs: 2 }))(s.send, parseThing, thing)).toEqual({
      ok: false,
      problem: upstreamError('Could not reach Whop. Try again in a moment.'),
      attempts: 3,
      upstreamStatus: null,
    });
  });

  it('a body past the cap is not retried: the same body would come back', async () => {
    fakeClock();
    const s = scripted([{ error: new APIConnectionError({ cause: new BodyTooLargeError(1024) }) }]);
    expect(await call(1000, policy({ baseDelayMs: 2 }))(s.send, parseThing, thing)).toEqual({
      ok: false,
      problem: upstreamError("Whop's answer was larger than a thing can be."),
      attempts: 1,
      upstreamStatus: null,
    });
  });

  it("the SDK's own timeout is a 504 and is not retried (it is set to the time left)", async () => {
    fakeClock();
    const s = scripted([{ error: new APIConnectionTimeoutError() }, { data: { id: 'thing_1' } }]);
    expect(await call(1000, policy({ baseDelayMs: 2 }))(s.send, parseThing, thing)).toEqual({
      ok: false,
      problem: {
        status: 504,
        code: 'upstream_timeout',
        message: 'Whop did not answer in time. Try again in a moment.',
      },
      attempts: 1,
      upstreamStatus: null,
    });
  });

  it('the retry policy given is the one used: maxRetries 0 means one attempt', async () => {
    fakeClock();
    const s = scripted([answered(503)]);
    const outcome = await call(5000, policy({ maxRetries: 0, baseDelayMs: 2 }))(s.send, parseThing, thing);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, upstreamStatus: 503 });
  });

  it('a retry that succeeds answers with the value and counts both attempts', async () => {
    fakeClock();
    const s = scripted([answered(500), { data: { id: 'thing_1' }, status: 200 }]);
    expect(await call(1000, policy({ baseDelayMs: 2 }))(s.send, parseThing, thing)).toEqual({
      ok: true,
      value: { id: 'thing_1' },
      attempts: 2,
      upstreamStatus: 200,
    });
  });
});

describe('backoff: a wait is made only when another attempt still fits the deadline', () => {
  // The clock is frozen while a call runs, so the time left is the whole deadline and a retry
  // happens exactly when the planned wait is shorter than it.
  const attemptsWithin = async (deadlineMs: number, retry: RetryPolicy, steps: Step[] = [answered(503)]) => {
    fakeClock();
    const s = scripted(steps);
    return (await call(deadlineMs, retry)(s.send, parseThing, thing)).attempts;
  };

  it('the first wait is half of baseDelayMs plus the jitter share of the other half (40 ms at 0.5: 30 ms)', async () => {
    expect(await attemptsWithin(30, policy({ maxRetries: 1 }))).toBe(1);
    expect(await attemptsWithin(31, policy({ maxRetries: 1 }))).toBe(2);
  });

  it('the jitter spans the upper half: at 0 the wait is 20 ms, at 1 it is 40 ms', async () => {
    expect(await attemptsWithin(20, policy({ maxRetries: 1, random: () => 0 }))).toBe(1);
    expect(await attemptsWithin(21, policy({ maxRetries: 1, random: () => 0 }))).toBe(2);
    expect(await attemptsWithin(40, policy({ maxRetries: 1, random: () => 1 }))).toBe(1);
    expect(await attemptsWithin(41, policy({ maxRetries: 1, random: () => 1 }))).toBe(2);
  });

  it('the second wait doubles (60 ms), and maxDelayMs caps it (50 ms cap: 37.5 ms)', async () => {
    expect(await attemptsWithin(60, policy())).toBe(2);
    expect(await attemptsWithin(61, policy())).toBe(3);
    expect(await attemptsWithin(37, policy({ maxDelayMs: 50 }))).toBe(2);
    expect(await attemptsWithin(38, policy({ maxDelayMs: 50 }))).toBe(3);
  });

  it('a 429 without Retry-After waits the backoff like any other retry', async () => {
    expect(await attemptsWithin(30, policy({ maxRetries: 1 }), [answered(429)])).toBe(1);
    expect(await attemptsWithin(31, policy({ maxRetries: 1 }), [answered(429)])).toBe(2);
  });

  it('time already spent counts: the next attempt gets only the time left, and no wait that does not fit', async () => {
    fakeClock();
    // The first attempt takes 50 of the 100 ms; 30 ms of backoff still fit in the other 50.
    const s = scripted([answered(500), { data: { id: 'thing_1' } }], (n) => {
      if (n === 1) vi.setSystemTime(Date.now() + 50);
    });
    expect(await call(100, policy())(s.send, parseThing, thing)).toMatchObject({ ok: true, attempts: 2 });
    expect(s.seen.map((o) => o.timeout)).toEqual([100, 50]);

    // The first attempt takes 80 of the 100 ms; 30 ms of backoff would not fit in 20.
    const late = scripted([answered(500), { data: { id: 'thing_1' } }], (n) => {
      if (n === 1) vi.setSystemTime(Date.now() + 80);
    });
    expect(await call(100, policy())(late.send, parseThing, thing)).toMatchObject({ ok: false, attempts: 1 });
  });
});

describe('Retry-After', () => {
  it('that does not fit the time left: the 429 goes back at once, with its seconds', async () => {
    fakeClock();
    const s = scripted([answered(429, { 'retry-after': '2' }), { data: { id: 'thing_1' } }]);
    expect(await call(2000)(s.send, parseThing, thing)).toEqual({
      ok: false,
      problem: {
        status: 429,
        code: 'upstream_rate_limited',
        message: 'Whop is rate limiting this dashboard. Try again in 2 s.',
        retryAfterSeconds: 2,
      },
      attempts: 1,
      upstreamStatus: 429,
    });
  });

  it('that fits: waited out (here 1 s, real), then the retry answers', async () => {
    fakeClock();
    const s = scripted([answered(429, { 'retry-after': '1' }), { data: { id: 'thing_1' } }]);
    expect(await call(1001)(s.send, parseThing, thing)).toMatchObject({ ok: true, attempts: 2 });
  });
});

describe('the deadline', () => {
  it('cuts an attempt that hangs: 504, with a TimeoutError as the reason on the signal', async () => {
    fakeClock();
    const s = scripted(['hang']);
    let settled = false;
    const outcome = call(1000)(s.send, parseThing, thing).finally(() => {
      settled = true;
    });
    vi.advanceTimersByTime(999);
    expect(s.seen[0]!.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(true);
    expect(s.seen[0]!.signal.reason).toMatchObject({ name: 'TimeoutError' });
    expect(await outcome).toEqual({
      ok: false,
      problem: {
        status: 504,
        code: 'upstream_timeout',
        message: 'Whop did not answer in time. Try again in a moment.',
      },
      attempts: 1,
      upstreamStatus: null,
    });
  });

  it('once it has passed, whatever the attempt then throws is a timeout', async () => {
    fakeClock();
    const s = scripted([{ error: new APIConnectionError({ cause: new Error('socket closed') }) }], () => {
      vi.advanceTimersByTime(1000);
    });
    expect(await call(1000, policy({ baseDelayMs: 2 }))(s.send, parseThing, thing)).toMatchObject({
      ok: false,
      problem: { code: 'upstream_timeout' },
      attempts: 1,
    });
  });

  it('ends a wait between attempts: 504 at once, no further attempt', async () => {
    fakeClock();
    const s = scripted([answered(500), { data: { id: 'thing_1' } }]);
    // The random draw comes just before the wait starts; the deadline passes during it.
    const retry = policy({
      baseDelayMs: 800,
      random: () => {
        setImmediate(() => vi.advanceTimersByTime(1000));
        return 0.5;
      },
    });
    expect(await call(1000, retry)(s.send, parseThing, thing)).toEqual({
      ok: false,
      problem: {
        status: 504,
        code: 'upstream_timeout',
        message: 'Whop did not answer in time. Try again in a moment.',
      },
      attempts: 1,
      upstreamStatus: 500,
    });
    expect(s.seen).toHaveLength(1);
  });

  it('its timer is cleared when the call ends, so nothing is held until it would have fired', async () => {
    fakeClock();
    const s = scripted([{ data: { id: 'thing_1' } }]);
    await call(60_000)(s.send, parseThing, thing);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the shared limiter', () => {
  it('a call that finds the cap and its queue full answers busy at once, without asking Whop', async () => {
    fakeClock();
    const limited = createUpstreamCall({ deadlineMs: 1000, retry: policy(), limiter: createLimiter(1, 0) });
    const first = scripted(['hang']);
    const running = limited(first.send, parseThing, thing);
    const second = scripted([{ data: { id: 'thing_2' } }]);
    expect(await limited(second.send, parseThing, thing)).toEqual({
      ok: false,
      problem: {
        status: 503,
        code: 'busy',
        message: 'The dashboard is handling too many lookups right now. Try again in a moment.',
        retryAfterSeconds: 1,
      },
      attempts: 0,
      upstreamStatus: null,
    });
    expect(second.seen).toHaveLength(0);
    vi.advanceTimersByTime(1000);
    expect(await running).toMatchObject({ ok: false, problem: { code: 'upstream_timeout' } });
  });
});

describe('observe (metrics)', () => {
  it('is told the endpoint, last status, attempts and the seconds the call took', async () => {
    fakeClock();
    const seen: Parameters<UpstreamObserver>[0][] = [];
    // Some time has gone by before the call, as it has in a running server.
    vi.advanceTimersByTime(5000);
    const s = scripted([{ data: { id: 'thing_1' } }], () => vi.advanceTimersByTime(250));
    await call(1000, policy(), (c) => seen.push(c))(s.send, parseThing, thing);
    expect(seen).toEqual([{ endpoint: 'things.retrieve', status: 200, attempts: 1, seconds: 0.25 }]);
  });
});

describe('createWhopClient', () => {
  it('never writes to the console, even with WHOP_LOG=debug in the environment', async () => {
    vi.stubEnv('WHOP_LOG', 'debug');
    const written = (['log', 'debug', 'info', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'mber_1' }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const client = createWhopClient({
        apiKey: 'k',
        baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
        deadlineMs: 2000,
      });
      expect(await client.members.retrieve('mber_1')).toMatchObject({ id: 'mber_1' });
      for (const spy of written) expect(spy).not.toHaveBeenCalled();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
