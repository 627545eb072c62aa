import type { FirstPaintHistory } from '../../contract/first-paint';
import type { Member } from '../../contract/member';
import { PAYMENT_READ_PERMISSIONS, PAYMENTS_PAGE_SIZE, type PaymentPage, PaymentSchema } from '../../contract/payment';
import { problems } from '../../contract/problem';
import {
  TOKEN_TRANSACTION_READ_PERMISSIONS,
  TOKEN_TRANSACTIONS_PAGE_SIZE,
  type TokenTransactionPage,
  TokenTransactionSchema,
} from '../../contract/token-transaction';
import { createCoalescer } from '../upstream/coalesce';
import type { Limiter } from '../upstream/limiter';
import { pageParser } from '../upstream/list-page';
import {
  createWhopUpstream,
  type RecordProblems,
  type UpstreamOptions,
  type UpstreamOutcome,
} from '../upstream/upstream-call';

/** Whose history, in which company, from which page on. */
export type HistoryFilter = { companyId: string; memberId: string; userId: string; after?: string };

/** Where a member's money and tokens came from: Whop's payments and token transactions lists. */
export type MemberHistory = {
  listPayments(filter: HistoryFilter): Promise<UpstreamOutcome<PaymentPage>>;
  listTokenTransactions(filter: HistoryFilter): Promise<UpstreamOutcome<TokenTransactionPage>>;
};

const PAYMENT_LIST: RecordProblems = {
  notFound: () => problems.upstreamError("Whop could not list this member's payments."),
  forbidden: () => problems.upstreamForbidden(PAYMENT_READ_PERMISSIONS),
  what: 'a list of payments',
};
const TOKEN_LIST: RecordProblems = {
  notFound: () => problems.upstreamError("Whop could not list this member's token transactions."),
  forbidden: () => problems.upstreamForbidden(TOKEN_TRANSACTION_READ_PERMISSIONS),
  what: 'a list of token transactions',
};

/**
 * Whose history a member's panels list: null for a member without a Whop user, where there is
 * nothing to search for (never ask Whop with an empty query: it would list everyone's).
 */
export function historyFilterFor(member: Member, companyId: string | null, after?: string): HistoryFilter | null {
  if (!member.user) return null;
  return { companyId: companyId ?? member.company.id, memberId: member.id, userId: member.user.id, after };
}

const EMPTY = { data: [], next_cursor: null };

/**
 * Both lists' first pages for a deep link's first paint (first-paint.ts), as the panels' routes
 * answer them (routes/member-history.ts): each null when it is not a page (a problem or a
 * failure), which the app then asks for itself; null when neither is.
 */
export function firstHistoryPages(
  history: MemberHistory,
  companyId: string | null,
): (member: Member) => Promise<FirstPaintHistory | null> {
  return async (member) => {
    const filter = historyFilterFor(member, companyId);
    if (!filter) return { payments: EMPTY, tokens: EMPTY };
    const [payments, tokens] = await Promise.all([history.listPayments(filter), history.listTokenTransactions(filter)]);
    if (!payments.ok && !tokens.ok) return null;
    return { payments: payments.ok ? payments.value : null, tokens: tokens.ok ? tokens.value : null };
  };
}

type Owned = { member: { id: string } | null; user: { id: string } | null };

/**
 * Whop's payments `query` is a search (user id, membership id, email, name, username), so
 * it can match other people too: a user id that another's contains, an email that
 * mentions it. Only rows that are this member's, by member or user id, are kept.
 */
export function onlyThisMember<T extends Owned>(rows: readonly T[], who: { memberId: string; userId: string }): T[] {
  return rows.filter((row) => row.member?.id === who.memberId || row.user?.id === who.userId);
}

const parsePaymentPage = pageParser(PaymentSchema);
const parseTokenPage = pageParser(TokenTransactionSchema);

export type WhopHistoryOptions = UpstreamOptions & { limiter: Limiter };

/** The history on the official SDK, under the same deadline, retries, limiter and guarded fetch as every Whop call. */
export function createWhopHistory(options: WhopHistoryOptions): MemberHistory {
  const { client, call } = createWhopUpstream(options);
  const payments = createCoalescer<UpstreamOutcome<PaymentPage>>();
  const tokens = createCoalescer<UpstreamOutcome<TokenTransactionPage>>();
  const key = (f: HistoryFilter) => `${f.companyId}|${f.memberId}|${f.userId}|${f.after ?? ''}`;

  return {
    listPayments: (filter) =>
      payments(key(filter), async () => {
        const outcome = await call(
          (o) =>
            client.payments.list(
              {
                company_id: filter.companyId,
                query: filter.userId,
                first: PAYMENTS_PAGE_SIZE,
                order: 'created_at',
                direction: 'desc',
                // The SDK leaves an undefined cursor out of the query string.
                after: filter.after,
              },
              o,
            ),
          parsePaymentPage,
          PAYMENT_LIST,
        );
        return outcome.ok
          ? { ...outcome, value: { ...outcome.value, data: onlyThisMember(outcome.value.data, filter) } }
          : outcome;
      }),
    listTokenTransactions: (filter) =>
      tokens(key(filter), async () => {
        const outcome = await call(
          (o) =>
            client.companyTokenTransactions.list(
              {
                company_id: filter.companyId,
                user_id: filter.userId,
                first: TOKEN_TRANSACTIONS_PAGE_SIZE,
                after: filter.after,
              },
              o,
            ),
          parseTokenPage,
          TOKEN_LIST,
        );
        // user_id is an exact filter; the same check costs nothing and guards a looser Whop.
        return outcome.ok
          ? { ...outcome, value: { ...outcome.value, data: onlyThisMember(outcome.value.data, filter) } }
          : outcome;
      }),
  };
}
