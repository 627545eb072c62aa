// Demo mode only (issue 28): the member page's "Simulate a payment" asks the stand-in to record
// a change for a demo member and deliver Whop's webhook for it, signed, to this dashboard, so a
// newcomer sees a page update itself. Its own file: nothing outside demo mode loads it.
import { z } from './zod';

/** POST, JSON only; outside demo mode an unknown path (405 for a POST, as any unknown API path). */
export const DEMO_SIMULATE_PATH = '/api/demo/simulate';

/** What the stand-in can simulate. */
export const DEMO_SIMULATE_TYPES = ['payment.succeeded', 'membership.deactivated'] as const;
export type DemoSimulateType = (typeof DEMO_SIMULATE_TYPES)[number];

export const DemoSimulateRequestSchema = z.object({
  member_id: z.string().check(z.regex(/^mber_[A-Za-z0-9]+$/), z.maxLength(64)),
  type: z.enum(DEMO_SIMULATE_TYPES),
});
export type DemoSimulateRequest = z.infer<typeof DemoSimulateRequestSchema>;

/** What was delivered: the webhook's type and id, and the status the webhook endpoint answered. */
export const DemoSimulateAnswerSchema = z.object({
  type: z.enum(DEMO_SIMULATE_TYPES),
  webhook_id: z.string(),
  status: z.number(),
});
export type DemoSimulateAnswer = z.infer<typeof DemoSimulateAnswerSchema>;
