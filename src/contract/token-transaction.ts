import { DateTime, openEnum } from './member';
import { z } from './zod';

/** Whop's token transaction types (`CompanyTokenTransactionType`). */
export const TOKEN_TRANSACTION_TYPES = ['add', 'subtract', 'transfer'] as const;
export type KnownTokenTransactionType = (typeof TOKEN_TRANSACTION_TYPES)[number];

/** What Whop's list-token-transactions endpoint needs (the SDK's doc comment); named in its 403 message. */
export const TOKEN_TRANSACTION_READ_PERMISSIONS = [
  'company_token_transaction:read',
  'member:basic:read',
  'company:basic:read',
] as const;

/** How many token transactions one page holds. */
export const TOKEN_TRANSACTIONS_PAGE_SIZE = 10;

/**
 * The part of Whop's `CompanyTokenTransactionListResponse` the token history shows.
 * `amount` is always positive; `transaction_type` says which way it went.
 */
export const TokenTransactionSchema = z.object({
  id: z.string(),
  amount: z.number(),
  created_at: DateTime,
  description: z.nullable(z.string()),
  transaction_type: openEnum(TOKEN_TRANSACTION_TYPES),
  linked_transaction_id: z.nullable(z.string()),
  member: z.object({ id: z.string() }),
  user: z.object({ id: z.string() }),
});
export type TokenTransaction = z.infer<typeof TokenTransactionSchema>;

/** One page of a member's token transactions, newest first, as our API answers it. */
export const TokenTransactionPageSchema = z.object({
  data: z.array(TokenTransactionSchema),
  next_cursor: z.nullable(z.string()),
});
export type TokenTransactionPage = z.infer<typeof TokenTransactionPageSchema>;
