import type { Context } from 'hono';
import { errorEnvelope } from '../../contract/api-error';
import type { Problem } from '../../contract/problem';

/** Answers with the one error envelope, the request id and any Retry-After. */
export function sendProblem(c: Context, problem: Problem) {
  if (problem.retryAfterSeconds !== undefined) c.header('Retry-After', String(problem.retryAfterSeconds));
  const requestId: string | undefined = c.get('requestId');
  return c.json(errorEnvelope(problem.code, problem.message, requestId), problem.status);
}
