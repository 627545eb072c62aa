import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { API_BASE } from '../../contract/api-paths';
import { DEMO_SIMULATE_PATH, type DemoSimulateAnswer, DemoSimulateRequestSchema } from '../../contract/demo-simulate';
import { type Problem, problems } from '../../contract/problem';
import { factory } from '../app-env';
import { sendProblem } from '../http/send-problem';

/**
 * What demo mode hands the app (start.ts, from the stand-in): make something happen to a demo
 * member at the stand-in and deliver Whop's webhook for it, signed, to this dashboard.
 */
export type DemoControls = {
  simulate(request: {
    memberId: string;
    type: DemoSimulateAnswer['type'];
  }): Promise<
    | { ok: true; webhookId: string; status: number | null }
    | { ok: false; reason: 'no_such_member' | 'nothing_to_change'; message: string }
  >;
};

const SHAPE = 'Send {"member_id": "mber_…", "type": "payment.succeeded" or "membership.deactivated"} as JSON.';
const invalid = (message: string): Problem => ({ status: 400, code: 'invalid_query', message });
const sentAsJson = (c: Context) => /^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '');

/**
 * POST /api/demo/simulate, mounted only in demo mode (elsewhere an unknown path: 405 for a POST):
 * the member page's "Simulate a payment". JSON only, as every POST of the API: a page on
 * another site cannot send it without a preflight.
 */
export function demoRoutes(demo: DemoControls) {
  const routes = factory.createApp();
  routes.post(
    DEMO_SIMULATE_PATH.slice(API_BASE.length),
    bodyLimit({ maxSize: 4096, onError: (c) => sendProblem(c, invalid(`That is too long. ${SHAPE}`)) }),
    async (c) => {
      if (!sentAsJson(c)) return sendProblem(c, invalid(SHAPE));
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return sendProblem(c, invalid(`That is not JSON. ${SHAPE}`));
      }
      const parsed = DemoSimulateRequestSchema.safeParse(body);
      if (!parsed.success) return sendProblem(c, invalid(SHAPE));
      const { member_id: memberId, type } = parsed.data;
      const done = await demo.simulate({ memberId, type });
      if (!done.ok) {
        return sendProblem(
          c,
          done.reason === 'no_such_member'
            ? problems.memberNotFound()
            : { status: 409, code: 'invalid_query', message: done.message },
        );
      }
      if (done.status === null || done.status >= 300) {
        return sendProblem(c, {
          status: 502,
          code: 'upstream_error',
          message: `The stand-in's webhook did not arrive (${done.status ?? 'no answer'}); refresh the page to see the change.`,
        });
      }
      return c.json({ type, webhook_id: done.webhookId, status: done.status } satisfies DemoSimulateAnswer);
    },
  );
  return routes;
}
