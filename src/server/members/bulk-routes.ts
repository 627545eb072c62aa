import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { API_ROUTES, bulkListApiPath } from '../../contract/api-paths';
import {
  BULK_MAX_BODY_BYTES,
  BULK_MAX_LINE_LENGTH,
  BULK_MAX_LINES,
  BulkCreateRequestSchema,
  isBulkId,
} from '../../contract/bulk';
import { problems } from '../../contract/problem';
import { factory } from '../app-env';
import type { ClientKey } from '../http/rate-limit';
import { sendProblem } from '../http/send-problem';
import type { BulkLists } from './bulk-runner';

export type BulkRoutesDeps = {
  bulk: BulkLists;
  /** Whose list it is: the signed-in user with sign-in on, else the client's key (one running list each). */
  owner: ClientKey;
};

const SHAPE = 'Send {"lines": [...]}: the pasted lines, as strings.';

/**
 * Every bulk POST is JSON: a page on another site can send text/plain or a form without a
 * preflight, never application/json. With sign-in on the gate checks the origin too; with it
 * off (loopback, an authenticating proxy) this is what keeps another site from starting,
 * cancelling or re-running lists.
 */
const sentAsJson = (c: Context) => /^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '');
const notJson = () => problems.invalidBulkRequest(`Send JSON (Content-Type: application/json). ${SHAPE}`);

/** Why the lines cannot make a list (400/413), or null. Counted before any line is read. */
function refusal(lines: readonly string[]) {
  if (lines.length > BULK_MAX_LINES) return problems.bulkTooManyLines(lines.length);
  if (lines.length === 0) return problems.invalidBulkRequest('Paste at least one line.');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') return problems.invalidBulkRequest(`Line ${i + 1} is blank. Leave blank lines out.`);
    if (line.length > BULK_MAX_LINE_LENGTH)
      return problems.invalidBulkRequest(`Line ${i + 1} is longer than ${BULK_MAX_LINE_LENGTH} characters.`);
  }
  return null;
}

/**
 * Many members at once (issue 27): POST /bulk starts a list, GET /bulk/:id reads it (with
 * `?since=<version>` only the rows changed since), POST …/cancel stops it, POST …/retry runs
 * its failed and cancelled rows again. A malformed id and a list no longer kept are both
 * 404 "gone": the store is never asked about something that cannot be an id.
 */
export function bulkRoutes(deps: BulkRoutesDeps) {
  const routes = factory.createApp();
  const gone = problems.bulkListGone;

  routes.post(
    API_ROUTES.bulk,
    bodyLimit({ maxSize: BULK_MAX_BODY_BYTES, onError: (c) => sendProblem(c, problems.bulkBodyTooLarge()) }),
    async (c) => {
      if (!sentAsJson(c)) return sendProblem(c, notJson());
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return sendProblem(c, problems.invalidBulkRequest(`That is not JSON. ${SHAPE}`));
      }
      const parsed = BulkCreateRequestSchema.safeParse(body);
      if (!parsed.success) return sendProblem(c, problems.invalidBulkRequest(SHAPE));
      const refused = refusal(parsed.data.lines);
      if (refused) return sendProblem(c, refused);
      const started = await deps.bulk.create(deps.owner(c), parsed.data.lines);
      if (!started.ok) return sendProblem(c, started.problem);
      c.header('Location', bulkListApiPath(started.list.id));
      return c.json(started.list, 201);
    },
  );

  routes.get(API_ROUTES.bulkList, async (c) => {
    const id = c.req.param('id');
    if (!isBulkId(id)) return sendProblem(c, gone());
    const since = c.req.query('since');
    if (since !== undefined && !/^\d{1,15}$/.test(since))
      return sendProblem(c, problems.invalidBulkRequest('`since` is a list version: a whole number.'));
    const list = await deps.bulk.read(id, since === undefined ? undefined : Number(since));
    return list ? c.json(list) : sendProblem(c, gone());
  });

  routes.post(API_ROUTES.bulkCancel, async (c) => {
    if (!sentAsJson(c)) return sendProblem(c, notJson());
    const id = c.req.param('id');
    const list = isBulkId(id) ? await deps.bulk.cancel(id) : undefined;
    return list ? c.json(list) : sendProblem(c, gone());
  });

  routes.post(API_ROUTES.bulkRetry, async (c) => {
    if (!sentAsJson(c)) return sendProblem(c, notJson());
    const id = c.req.param('id');
    const started = isBulkId(id) ? await deps.bulk.retry(id, deps.owner(c)) : undefined;
    if (!started) return sendProblem(c, gone());
    return started.ok ? c.json(started.list) : sendProblem(c, started.problem);
  });

  return routes;
}
