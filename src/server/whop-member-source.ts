import { setTimeout as sleep } from 'node:timers/promises';
import Whop, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@whop/sdk';
import { MEMBER_READ_PERMISSIONS } from '../contract/api-error';
import { MemberSchema, type Member } from '../contract/member';
import { BodyTooLargeError, createGuardedFetch } from './guarded-fetch';
import { problems, type Problem } from './problem';
import { parseRetryAfter } from './retry-after';

/** What one lookup against Whop came to, with what the log line needs. */
export type FetchOutcome = ({ ok: true; member: Member } | { ok: false; problem: Problem }) & {
  attempts: number;
  /** The last HTTP status Whop answered with; null when no answer arrived. */
  upstreamStatus: number | null;
};

export type MemberSource = (id: string) => Promise<FetchOutcome>;

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

export type WhopMemberSourceOptions = {
  apiKey: string;
  baseURL: string;
  /** Every lookup, retries and waits included, ends within this many ms. */
  deadlineMs: number;
  maxBodyBytes?: number;
  retry?: RetryPolicy;
};

type Attempt =
  | { kind: 'ok'; member: Member; status: number }
  | { kind: 'fail'; problem: Problem; status: number | null; retryable: boolean; retryAfterMs?: number };

/**
 * Looks members up through the official SDK with our own retry policy: the SDK's
 * retries are off (maxRetries 0) because it retries 409s and sleeps out any Retry-After,
 * however long, which would break the deadline.
 */
export function createWhopMemberSource(options: WhopMemberSourceOptions): MemberSource {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const client = new Whop({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    appID: null,
    webhookKey: null,
    maxRetries: 0,
    timeout: options.deadlineMs,
    logLevel: 'off',
    fetch: createGuardedFetch(options.maxBodyBytes ?? 1024 * 1024),
  });

  async function attempt(id: string, signal: AbortSignal, timeout: number): Promise<Attempt> {
    try {
      const { data, response } = await client.members
        .retrieve(id, { signal, timeout, maxRetries: 0 })
        .withResponse();
      const parsed = MemberSchema.safeParse(data);
      if (!parsed.success) {
        return {
          kind: 'fail',
          status: response.status,
          retryable: false,
          problem: problems.upstreamError("Whop's answer was not a member record we could read."),
        };
      }
      return { kind: 'ok', member: parsed.data, status: response.status };
    } catch (err) {
      return classify(err, signal);
    }
  }

  return async function fetchMember(id) {
    // One timer per lookup, cleared as soon as it ends. AbortSignal.timeout() would keep
    // the signal, and every listener the SDK hangs on it, alive for the whole deadline:
    // under load that is seconds' worth of finished lookups held in memory.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('The lookup deadline passed', 'TimeoutError')),
      options.deadlineMs,
    );
    try {
      return await lookUp(id, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };

  async function lookUp(id: string, deadline: AbortSignal): Promise<FetchOutcome> {
    const started = Date.now();
    const remaining = () => options.deadlineMs - (Date.now() - started);
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const result = await attempt(id, deadline, Math.max(1, remaining()));
      if (result.kind === 'ok') return { ok: true, member: result.member, attempts, upstreamStatus: result.status };

      const done = (problem: Problem): FetchOutcome => ({ ok: false, problem, attempts, upstreamStatus: result.status });
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

function classify(err: unknown, signal: AbortSignal): Attempt {
  if (err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError || signal.aborted) {
    return { kind: 'fail', status: null, retryable: false, problem: problems.upstreamTimeout() };
  }
  if (err instanceof APIConnectionError) {
    if (err.cause instanceof BodyTooLargeError) {
      return {
        kind: 'fail',
        status: null,
        retryable: false,
        problem: problems.upstreamError("Whop's answer was larger than a member record can be."),
      };
    }
    return {
      kind: 'fail',
      status: null,
      retryable: true,
      problem: problems.upstreamError('Could not reach Whop. Try again in a moment.'),
    };
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    if (status === 404) return { kind: 'fail', status, retryable: false, problem: problems.memberNotFound() };
    if (status === 401) return { kind: 'fail', status, retryable: false, problem: problems.upstreamUnauthorized() };
    if (status === 403) {
      return { kind: 'fail', status, retryable: false, problem: problems.upstreamForbidden(MEMBER_READ_PERMISSIONS) };
    }
    if (status === 429) {
      const seconds = parseRetryAfter(err.headers?.get('retry-after'));
      return {
        kind: 'fail',
        status,
        retryable: true,
        retryAfterMs: seconds === undefined ? undefined : seconds * 1000,
        problem: problems.upstreamRateLimited(seconds ?? 5),
      };
    }
    if (status === 408 || status >= 500) {
      return { kind: 'fail', status, retryable: true, problem: problems.upstreamError() };
    }
    if (status >= 300 && status < 400) {
      return { kind: 'fail', status, retryable: false, problem: problems.upstreamError('Whop answered with an unexpected redirect.') };
    }
    return { kind: 'fail', status, retryable: false, problem: problems.upstreamError() };
  }
  // A body the SDK could not parse (truncated JSON and the like).
  return {
    kind: 'fail',
    status: null,
    retryable: false,
    problem: problems.upstreamError("Whop's answer was not a member record we could read."),
  };
}
