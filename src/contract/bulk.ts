// Many members at once (issue 27): what the bulk page sends, and what the server answers
// about a list. The server resolves every line as the search box would (search-query.ts),
// paced by the request budget; the page polls the list and fills its table.
import { DateTime, MemberSchema } from './member';
import { z } from './zod';

/** Lines one list may hold; more are refused before anything is sent (and by the server, 413). */
export const BULK_MAX_LINES = 1000;
/** One line's length at most (a pasted address with an id in it fits); longer is refused (400). */
export const BULK_MAX_LINE_LENGTH = 512;
/** The body of POST /api/bulk at most, in bytes: the lines above with room for JSON's quoting. */
export const BULK_MAX_BODY_BYTES = 1024 * 1024;
/** How long a list is kept after it was last changed. */
export const BULK_LIST_TTL_MS = 60 * 60 * 1000;

/** POST /api/bulk: the lines as the page has them, blank lines already left out. */
export const BulkCreateRequestSchema = z.object({
  lines: z.array(z.string()),
});
export type BulkCreateRequest = z.infer<typeof BulkCreateRequestSchema>;

/** A found member's columns in the table and the CSV: the member record, picked. */
export const BulkMemberSchema = z.object({
  id: z.string(),
  name: z.nullable(z.string()),
  username: z.nullable(z.string()),
  email: z.nullable(z.string()),
  access_level: MemberSchema.shape.access_level,
  status: MemberSchema.shape.status,
  most_recent_action: MemberSchema.shape.most_recent_action,
  most_recent_action_at: z.nullable(DateTime),
  usd_total_spent: z.number(),
  company_token_balance: z.number(),
  joined_at: DateTime,
});
export type BulkMember = z.infer<typeof BulkMemberSchema>;

/**
 * What one line came to:
 * - `pending`: not asked yet (or being asked);
 * - `found`: one member;
 * - `not_found`: Whop knows no such member (or no match for an email, username or user id);
 * - `ambiguous`: a name or username with more than one match; `matches` counts them
 *   (`more` when Whop had more than one page), `query` is what the search page opens with;
 * - `invalid`: not something we can look up; `message` says why, nothing was sent;
 * - `failed`: Whop or the dashboard could not answer; `message` says why, it can be retried;
 * - `cancelled`: not done, because the list was cancelled (or its instance stopped); can be run.
 */
export const BulkRowResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('pending') }),
  z.object({ outcome: z.literal('found'), member: BulkMemberSchema }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('ambiguous'), matches: z.number(), more: z.boolean(), query: z.string() }),
  z.object({ outcome: z.literal('invalid'), message: z.string() }),
  z.object({ outcome: z.literal('failed'), message: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
]);
export type BulkRowResult = z.infer<typeof BulkRowResultSchema>;
export type BulkOutcome = BulkRowResult['outcome'];

export const BULK_OUTCOMES = [
  'pending',
  'found',
  'not_found',
  'ambiguous',
  'invalid',
  'failed',
  'cancelled',
] as const satisfies readonly BulkOutcome[];

/** One pasted line and what it came to; `index` is its place in the pasted order (0-based). */
export const BulkRowSchema = z.intersection(
  z.object({
    index: z.number(),
    input: z.string(),
    /** The list's version when this row last changed (see BulkListSchema.version). */
    version: z.number(),
  }),
  BulkRowResultSchema,
);
export type BulkRow = z.infer<typeof BulkRowSchema>;

/**
 * - `running`: rows are being asked (or wait for the budget, or for this person's earlier list);
 * - `done`: every row has an outcome;
 * - `cancelled`: stopped by a person; the rows not done say `cancelled`;
 * - `stalled`: the instance running it stopped; the rows not done can be run again.
 */
export const BULK_STATES = ['running', 'done', 'cancelled', 'stalled'] as const;
export type BulkState = (typeof BULK_STATES)[number];

/** Counts of rows by outcome, for the progress bar and the totals. */
export const BulkCountsSchema = z.object({
  total: z.number(),
  done: z.number(),
  found: z.number(),
  not_found: z.number(),
  ambiguous: z.number(),
  invalid: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});
export type BulkCounts = z.infer<typeof BulkCountsSchema>;

/**
 * GET /api/bulk/:id (and the answer to POST /api/bulk, 201). With `?since=<version>` the
 * rows are only those changed after that version (the page polls this way); without it,
 * every row, in the pasted order.
 */
export const BulkListSchema = z.object({
  id: z.string(),
  state: z.enum(BULK_STATES),
  created_at: DateTime,
  /** Rises with every change to the list or a row. */
  version: z.number(),
  counts: BulkCountsSchema,
  /** Seconds until the rows left are done at the current pace; null when not running or not known yet. */
  eta_seconds: z.nullable(z.number()),
  /** Whop asked us to slow down (429): the list waits until then. Null otherwise. */
  paused_until: z.nullable(DateTime),
  rows: z.array(BulkRowSchema),
});
export type BulkList = z.infer<typeof BulkListSchema>;

/** A list id: unguessable (randomUUID), and checked before any store is asked. */
export const BULK_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isBulkId(value: string): boolean {
  return BULK_ID_PATTERN.test(value);
}
