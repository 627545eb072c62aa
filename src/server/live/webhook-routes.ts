import Whop from '@whop/sdk';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type LiveEventType, WEBHOOK_MAX_BODY_BYTES, WEBHOOK_PATH } from '../../contract/live';
import { factory } from '../app-env';
import type { Logger } from '../ops/logger';
import type { SeenDeliveries } from './seen-deliveries';
import { type EventTarget, readEvent } from './webhook-events';

/** What became of one delivery (the metric's outcome label, the log line's). */
export type WebhookOutcome = 'verified' | 'refused' | 'duplicate' | 'ignored';

/** The SDK takes the key base64-encoded; Whop shows it as text, whose UTF-8 bytes are the key (decision 0034). */
export const webhookKey = (secret: string): string => Buffer.from(secret, 'utf8').toString('base64');

export type WebhookRoutesDeps = {
  /** WHOP_WEBHOOK_SECRET, as Whop shows it. */
  secret: string;
  seen: SeenDeliveries;
  /** What a verified, first-seen delivery does (evict, publish); run after the answer, never awaited by it. */
  act(type: LiveEventType, target: EventTarget, at: string): Promise<void>;
  logger: Logger;
  /** Counts each delivery: its type when a live one (else `other`), and the outcome. */
  observe?: (type: LiveEventType | 'other', outcome: WebhookOutcome) => void;
  now?: () => number;
};

/**
 * POST /webhooks/whop: Whop's deliveries, outside the sign-in gate (Whop cannot sign in); only
 * a delivery whose Standard Webhooks signature verifies (the SDK's `unwrap`, which also
 * refuses a timestamp over 5 minutes off) does anything. Over 1 MB: 413 before it is read
 * whole. A type the pages do not react to: 200, ignored. A `webhook-id` seen before: 200,
 * not acted on again. Otherwise 202, and the work runs after the answer.
 */
export function webhookRoutes(deps: WebhookRoutesDeps) {
  const routes = factory.createApp();
  // The client only verifies: it never calls Whop, so it holds no API key of ours.
  const whop = new Whop({ apiKey: 'webhook-verification-only', webhookKey: null });
  const key = webhookKey(deps.secret);
  const now = deps.now ?? Date.now;
  const pending = new Set<Promise<void>>();

  const answer = (
    c: Context,
    status: 200 | 202 | 400 | 401 | 413,
    type: LiveEventType | 'other',
    outcome: WebhookOutcome,
    detail: Record<string, unknown> = {},
  ) => {
    deps.observe?.(type, outcome);
    const line = { event: 'webhook', type, outcome, status, ...detail };
    if (outcome === 'refused') deps.logger.warn(line, 'webhook delivery refused');
    else deps.logger.info(line, 'webhook delivery');
    return c.json({ outcome }, status);
  };

  routes.post(
    WEBHOOK_PATH,
    // Content-Length first; a body without one is counted as it streams in, stopping at the limit.
    bodyLimit({
      maxSize: WEBHOOK_MAX_BODY_BYTES,
      onError: (c) => answer(c, 413, 'other', 'refused', { reason: 'too_large' }),
    }),
    async (c) => {
      const body = await c.req.text();
      // Always a record: `unwrap` skips verification altogether when given no headers.
      const headers: Record<string, string> = Object.fromEntries(c.req.raw.headers);
      let event: unknown;
      try {
        event = whop.webhooks.unwrap(body, { headers, key });
      } catch (err) {
        // unwrap verifies, then parses: a SyntaxError is a signed body that is not JSON.
        if (err instanceof SyntaxError) return answer(c, 400, 'other', 'refused', { reason: 'not_json' });
        const reason = err instanceof Error ? err.message : 'unverified';
        return answer(c, 401, 'other', 'refused', { reason });
      }
      // Verified, so the id is Whop's (it is signed): only now may it be remembered.
      const webhookId = headers['webhook-id'] ?? '';
      const read = readEvent(event);
      if (read.kind === 'malformed')
        return answer(c, 400, 'other', 'refused', { reason: 'no_type', webhook_id: webhookId });
      if (read.kind === 'ignored') return answer(c, 200, read.type ?? 'other', 'ignored', { webhook_id: webhookId });
      if (!(await deps.seen.firstSighting(webhookId)))
        return answer(c, 200, read.type, 'duplicate', { webhook_id: webhookId });

      const at = new Date(now()).toISOString();
      const work = deps.act(read.type, read.target, at).catch((err: unknown) => {
        deps.logger.error(
          { event: 'webhook_work_failed', type: read.type, webhook_id: webhookId, err },
          'webhook work failed',
        );
      });
      pending.add(work);
      void work.finally(() => pending.delete(work));
      return answer(c, 202, read.type, 'verified', { webhook_id: webhookId });
    },
  );

  return {
    routes,
    /** Resolves once the work of every delivery answered so far has run (tests, close). */
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
