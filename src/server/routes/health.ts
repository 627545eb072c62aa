import type { Health } from '../../contract/api-error';
import { factory } from '../app-env';

/** GET /health: cheap and never rate limited, since load balancers poll it. */
export function healthRoutes(mode: Health['mode']) {
  return factory.createApp().get('/health', (c) => c.json({ status: 'ok', mode } satisfies Health));
}
