import { z } from './zod';

/** Every error code the API answers with. The UI has a message for each. */
export const ERROR_CODES = [
  'invalid_member_id',
  'member_not_found',
  'invalid_query',
  'membership_not_found',
  'search_not_configured',
  'upstream_unauthorized',
  'upstream_forbidden',
  'upstream_rate_limited',
  'upstream_error',
  'upstream_timeout',
  'rate_limited',
  'busy',
  'method_not_allowed',
  'not_found',
  'internal_error',
  // Sign in with Whop
  'unauthenticated',
  'not_admin',
  'forbidden_origin',
  'auth_unavailable',
  // The session store (Redis) cannot be reached: sign-in checks fail closed.
  'store_unavailable',
  // Operability: GET /api/ready while the server cannot serve yet (or any more).
  'not_ready',
  // Many members at once (issue 27): a bad paste (400), too many lines or bytes (413), one
  // running list per person (409), a list no longer kept (404).
  'invalid_bulk_request',
  'bulk_too_large',
  'bulk_list_running',
  'bulk_list_gone',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether a code from an envelope is one this build knows; a newer server may send others. */
export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** The one error envelope for the whole API: `{ "error": { "code", "message" } }`. */
export const ApiErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    request_id: z.optional(z.string()),
  }),
});
export type ApiErrorEnvelope = z.infer<typeof ApiErrorEnvelopeSchema>;

export function errorEnvelope(code: ErrorCode, message: string, requestId?: string): ApiErrorEnvelope {
  return { error: { code, message, ...(requestId ? { request_id: requestId } : {}) } };
}

/** The permissions Whop's retrieve-member endpoint needs; named in 403 messages. */
export const MEMBER_READ_PERMISSIONS = ['member:basic:read', 'member:email:read', 'member:phone:read'] as const;

/** The permissions Whop's membership endpoints need; named in their 403 messages. */
export const MEMBERSHIP_READ_PERMISSIONS = ['member:basic:read', 'member:email:read'] as const;

export const HealthSchema = z.object({
  status: z.literal('ok'),
  mode: z.enum(['demo', 'live']),
});
export type Health = z.infer<typeof HealthSchema>;
