import type { Health } from '../../contract/api-error';
import { API_ROUTES, apiPath } from '../../contract/api-paths';
import { problems } from '../../contract/problem';
import { factory } from '../app-env';
import { checkReadiness, type ReadinessCheck } from './readiness';
import { sendProblem } from './send-problem';

/** Probes: no session, no rate limit (load balancers and orchestrators poll them). */
export const PROBE_PATHS: ReadonlySet<string> = new Set([apiPath(API_ROUTES.health), apiPath(API_ROUTES.ready)]);

/**
 * GET /health is liveness: the process answers, nothing else is asked. GET /ready is
 * readiness: 200 only when every check passes (static files present, and later Redis
 * reachable), else 503 `not_ready` with the reasons, so a load balancer sends no traffic.
 */
export function healthRoutes(mode: Health['mode'], readiness: readonly ReadinessCheck[] = []) {
  return factory
    .createApp()
    .get(API_ROUTES.health, (c) => c.json({ status: 'ok', mode } satisfies Health))
    .get(API_ROUTES.ready, async (c) => {
      const result = await checkReadiness(readiness);
      if (!result.ready) return sendProblem(c, problems.notReady(result.reasons));
      return c.json({ status: 'ready', mode });
    });
}
