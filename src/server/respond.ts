import type { Context } from 'hono';
import { errorEnvelope } from '../contract/api-error';
import type { Problem } from './problem';

/** Answers with the error envelope, the request id, and Retry-After when there is one. */
export function sendProblem(c: Context, problem: Problem) {
  if (problem.retryAfterSeconds !== undefined) c.header('Retry-After', String(problem.retryAfterSeconds));
  const requestId = c.get('requestId') as string | undefined;
  return c.json(errorEnvelope(problem.code, problem.message, requestId), problem.status);
}
