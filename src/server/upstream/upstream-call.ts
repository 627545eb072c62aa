import { setTimeout as sleep } from 'node:timers/promises';
import Whop, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@whop/sdk';
import { type Problem, problems } from '../../contract/problem';
import { BodyTooLargeError, createGuardedFetch } from './guarded-fetch';
import { type Limiter, runOrBusy } from './limiter';
import type { Priority, RequestBudget } from './request-budget';
import { parseRetryAfter } from './retry-after';
import { WHOP_API_VERSION } from './whop-api-version';

/** What one call to Whop came to, with what the log line needs. */
export type UpstreamOutcome<T> = ({ ok: true; value: T } | { ok: false; problem: Problem }) & {
  attempts: number;
  /** The last HTTP status Whop answered with; null when no answer arrived. */
  upstreamStatus: number | null;
};

export type RetryPolicy = {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1; injected so tests can pin the jitter. */
  random: () => number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 200,
  maxDelayMs: 2000,
  random: Math.random,
};

export type WhopClientOptions = {
  apiKey: string;
  baseURL: string;
  /** Every call, retries and waits included, ends within this many ms. */
  deadlineMs: number;
  maxBodyBytes?: number;
};

/** How every Whop call is made: the client's options, our retry policy, the shared cap. */
export type UpstreamOptions = WhopClientOptions & {
  retry?: RetryPolicy;
  /** Shared by every Whop call, so all of them together respect one cap on calls in flight. */
  limiter?: Limiter;
  /** Told of every call made (metrics): endpoint, last status, attempts, seconds taken. */
  observe?: UpstreamObserver;
  /** Whop calls a second, every instance together (request-budget.ts): each attempt takes a slot first. */
  budget?: RequestBudget;
  /** Whose calls these are: a person's lookup (`interactive`, the default) or a list's rows (`bulk`). */
  priority?: Priority;
};

export type UpstreamObserver = (call: {
  endpoint: string;
  status: number | null;
  attempts: number;
  seconds: number;
}) => void;

/** The answer when the limiter's queue is full: no call was made, try again in a second. */
export function busyOutcome(): UpstreamOutcome<never> {
  return { ok: false, problem: problems.busy(1), attempts: 0, upstreamStatus: null };
}

/** The per-request options every SDK call gets: our deadline, and no SDK retries. */
export type CallOptions = { signal: AbortSignal; timeout: number; maxRetries: 0 };

/** Anything the SDK returns for one request (`APIPromise`, `PagePromise`). */
export type SdkRequest = { withResponse(): Promise<{ data: unknown; response: Response }> };

/** How one kind of record turns Whop's failures into answers a person can act on. */
export type RecordProblems = {
  notFound: () => Problem;
  forbidden: () => Problem;
  /** What the record is, for "Whop's answer was not ___ we could read". */
  what: string;
  /** The SDK method, for metrics (`members.retrieve`); a fixed name, never an id. */
  endpoint: string;
};

type Attempt<T> =
  | { ok: true; value: T; status: number }
  | { ok: false; problem: Problem; status: number | null; retryable: boolean; retryAfterMs?: number };

/** The official SDK with its own retries off and our guarded fetch (docs/decisions/0001). */
export function createWhopClient(options: WhopClientOptions): Whop {
  return new Whop({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    appID: null,
    webhookKey: null,
    // Ours, not the SDK's default or WHOP_API_VERSION's (whop-api-version.ts).
    version: WHOP_API_VERSION,
    maxRetries: 0,
    timeout: options.deadlineMs,
    logLevel: 'off',
    fetch: createGuardedFetch(options.maxBodyBytes ?? 1024 * 1024),
  });
}

export type UpstreamCall = <T>(
  send: (options: CallOptions) => SdkRequest,
  parse: (data: unknown) => T | undefined,
  record: RecordProblems,
  /** The caller's own stop (a bulk list cancelled): ends the call at once, as the deadline would. */
  signal?: AbortSignal,
) => Promise<UpstreamOutcome<T>>;

/** How long a 429 without a usable Retry-After holds bulk calls back. */
export const DEFAULT_PAUSE_MS = 5_000;

/**
 * One call to Whop under our retry policy: the SDK's retries are off (maxRetries 0)
 * because it retries 409s and sleeps out any Retry-After, however long, which would
 * break the deadline. Retries connection errors, 408, 429 and 5xx with jittered backoff.
 * With a limiter, the call (and its deadline) starts once it has a slot, or answers busy.
 * With a budget, every attempt takes a slot of it first (docs/decisions/0033): a single
 * lookup within its deadline (busy when none comes in time, never a hang); a bulk call's
 * first slot before its deadline starts, so a list waits out a 429 pause rather than
 * timing out in it. A 429 pauses the budget's bulk callers for its Retry-After.
 */
export function createUpstreamCall(
  options: Pick<UpstreamOptions, 'deadlineMs' | 'retry' | 'limiter' | 'observe' | 'budget' | 'priority'>,
): UpstreamCall {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const { limiter, observe, budget } = options;
  const priority = options.priority ?? 'interactive';

  return (send, parse, record, signal) => {
    const task = async () => {
      const started = performance.now();
      const outcome = await callWithin(send, parse, record, signal);
      observe?.({
        endpoint: record.endpoint,
        status: outcome.upstreamStatus,
        attempts: outcome.attempts,
        seconds: (performance.now() - started) / 1000,
      });
      return outcome;
    };
    return limiter ? runOrBusy(limiter, task, busyOutcome) : task();
  };

  async function callWithin<T>(
    send: (options: CallOptions) => SdkRequest,
    parse: (data: unknown) => T | undefined,
    record: RecordProblems,
    signal: AbortSignal | undefined,
  ): Promise<UpstreamOutcome<T>> {
    // A bulk call waits for its first slot as long as it takes (a 429 pause included), until
    // its caller stops it; its deadline starts once it may go.
    const preAcquired = budget !== undefined && priority === 'bulk';
    if (preAcquired) {
      try {
        await budget.acquire('bulk', signal);
      } catch {
        return { ok: false, problem: problems.upstreamTimeout(), attempts: 0, upstreamStatus: null };
      }
    }
    const started = Date.now();
    // Our own timer rather than AbortSignal.timeout(): that one lives (with every listener
    // the SDK hangs on it, and what they hold) until it fires, deadlineMs later, long after
    // the lookup is done. Clearing it when the call ends frees all of that at once.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('Upstream deadline', 'TimeoutError')),
      options.deadlineMs,
    );
    const deadline = controller.signal;
    const stop = () => controller.abort(signal?.reason);
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    const remaining = () => options.deadlineMs - (Date.now() - started);
    try {
      return await run();
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    }

    /** A slot of the budget for this attempt, within the deadline; false when none came in time. */
    async function slot(budget: RequestBudget): Promise<boolean> {
      try {
        await budget.acquire(priority, deadline);
        return true;
      } catch {
        return false;
      }
    }

    async function run(): Promise<UpstreamOutcome<T>> {
      async function attempt(): Promise<Attempt<T>> {
        try {
          const { data, response } = await send({
            signal: deadline,
            timeout: Math.max(1, remaining()),
            maxRetries: 0,
          }).withResponse();
          const value = parse(data);
          if (value === undefined) {
            return {
              ok: false,
              status: response.status,
              retryable: false,
              problem: problems.upstreamError(unreadable(record)),
            };
          }
          return { ok: true, value, status: response.status };
        } catch (err) {
          return classify(err, deadline, record);
        }
      }

      let attempts = 0;
      let lastStatus: number | null = null;
      for (;;) {
        attempts += 1;
        // Without a budget the attempt starts in this turn, as it always has.
        const needsSlot = budget !== undefined && !(preAcquired && attempts === 1);
        if (needsSlot && !(await slot(budget))) {
          // No call was made for this attempt: the budget is spent for longer than the deadline
          // (busy: try again in a moment; a bulk row is asked again rather than failed).
          return { ok: false, problem: problems.busy(1), attempts: attempts - 1, upstreamStatus: lastStatus };
        }
        const result = await attempt();
        lastStatus = result.status;
        if (result.ok) return { ok: true, value: result.value, attempts, upstreamStatus: result.status };
        if (result.status === 429) await budget?.pause(result.retryAfterMs ?? DEFAULT_PAUSE_MS);

        const done = (problem: Problem): UpstreamOutcome<T> => ({
          ok: false,
          problem,
          attempts,
          upstreamStatus: result.status,
        });
        if (!result.retryable || attempts > policy.maxRetries) return done(result.problem);

        const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
        const jittered = backoff / 2 + policy.random() * (backoff / 2);
        const wait = Math.max(result.retryAfterMs ?? 0, jittered);
        // A wait that would not leave time for another attempt is not worth starting:
        // a rate limit is answered at once with its Retry-After, anything else as it is.
        if (wait >= remaining()) return done(result.problem);
        try {
          await sleep(wait, undefined, { signal: deadline });
        } catch {
          return done(problems.upstreamTimeout());
        }
      }
    }
  }
}

/** A `parse` for `call` from a zod schema: the value, or undefined when Whop's answer does not fit. */
export function parserFor<T>(schema: {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}): (data: unknown) => T | undefined {
  return (data) => {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  };
}

/** The SDK client and the call that wraps its requests: what every Whop record source uses. */
export function createWhopUpstream(options: UpstreamOptions): { client: Whop; call: UpstreamCall } {
  return { client: createWhopClient(options), call: createUpstreamCall(options) };
}

const unreadable = (record: RecordProblems) => `Whop's answer was not ${record.what} we could read.`;

function classify(err: unknown, signal: AbortSignal, record: RecordProblems): Attempt<never> {
  if (err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError || signal.aborted) {
    return { ok: false, status: null, retryable: false, problem: problems.upstreamTimeout() };
  }
  if (err instanceof APIConnectionError) {
    if (err.cause instanceof BodyTooLargeError) {
      return {
        ok: false,
        status: null,
        retryable: false,
        problem: problems.upstreamError(`Whop's answer was larger than ${record.what} can be.`),
      };
    }
    return {
      ok: false,
      status: null,
      retryable: true,
      problem: problems.upstreamError('Could not reach Whop. Try again in a moment.'),
    };
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    if (status === 404) return { ok: false, status, retryable: false, problem: record.notFound() };
    if (status === 401) return { ok: false, status, retryable: false, problem: problems.upstreamUnauthorized() };
    if (status === 403) return { ok: false, status, retryable: false, problem: record.forbidden() };
    if (status === 429) {
      const seconds = parseRetryAfter(err.headers?.get('retry-after'));
      return {
        ok: false,
        status,
        retryable: true,
        retryAfterMs: seconds === undefined ? undefined : seconds * 1000,
        problem: problems.upstreamRateLimited(seconds ?? 5),
      };
    }
    if (status === 408 || status >= 500) {
      return { ok: false, status, retryable: true, problem: problems.upstreamError() };
    }
    if (status >= 300 && status < 400) {
      return {
        ok: false,
        status,
        retryable: false,
        problem: problems.upstreamError('Whop answered with an unexpected redirect.'),
      };
    }
    return { ok: false, status, retryable: false, problem: problems.upstreamError() };
  }
  // A body the SDK could not parse (truncated JSON and the like).
  return { ok: false, status: null, retryable: false, problem: problems.upstreamError(unreadable(record)) };
}
