import type { Context } from 'hono';
import { CURSOR_PATTERN } from '../../contract/member-search';
import { problems } from '../../contract/problem';
import type { AppEnv } from '../app-env';
import { sendProblem } from '../http/send-problem';
import type { UpstreamOutcome } from '../upstream/upstream-call';

/** Notes the Whop call for the request's log line, then answers with its value or its problem. */
export function answerWith<T>(c: Context<AppEnv>, outcome: UpstreamOutcome<T>) {
  c.set('lookup', outcome);
  if (!outcome.ok) return sendProblem(c, outcome.problem);
  return c.json(outcome.value);
}

/** A page cursor is optional; when present it must look like one Whop handed out. */
export function readCursor(value: string | undefined): { ok: true; cursor?: string } | { ok: false } {
  if (value === undefined) return { ok: true };
  return CURSOR_PATTERN.test(value) ? { ok: true, cursor: value } : { ok: false };
}

export const badCursor = () =>
  problems.invalidQuery('That page cursor is not one this dashboard handed out. Start the search again.');
