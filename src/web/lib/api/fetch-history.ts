import { type PaymentPage, PaymentPageSchema } from '../../../contract/payment';
import { type TokenTransactionPage, TokenTransactionPageSchema } from '../../../contract/token-transaction';
import { fetchApi } from './fetch-api';

const page = (cursor: string | null) => (cursor ? `?${new URLSearchParams({ cursor })}` : '');

/** GET /api/members/:id/payments: one page of a member's payments, newest first. */
export function fetchMemberPayments(memberId: string, cursor: string | null): Promise<PaymentPage> {
  return fetchApi(
    `/api/members/${encodeURIComponent(memberId)}/payments${page(cursor)}`,
    PaymentPageSchema,
    'payments',
  );
}

/** GET /api/members/:id/token-transactions: one page of a member's token transactions, newest first. */
export function fetchMemberTokenTransactions(memberId: string, cursor: string | null): Promise<TokenTransactionPage> {
  return fetchApi(
    `/api/members/${encodeURIComponent(memberId)}/token-transactions${page(cursor)}`,
    TokenTransactionPageSchema,
    'token transactions',
  );
}
