import type { Context } from 'hono';
import { sendPage, whopErrors } from './answers';
import {
  type DemoPayment,
  demoPayments,
  demoTokenTransactions,
  HISTORY_SLOW_MS,
  HISTORY_SPECIAL_IDS,
  type HistorySpecialId,
  historySpecialMembers,
  paymentMatches,
  standInUserId,
} from './history-fixtures';

type Deps = { now: number; wait: (ms: number) => Promise<void> };

/** Recorded payments (the demo's "Simulate a payment") the stand-in keeps, all members together. */
export const SIMULATED_KEPT = 500;
type Handler = (c: Context, send: () => Response) => Response | Promise<Response>;

/**
 * `GET /payments` and `GET /company_token_transactions` for the stand-in, and the member
 * records of the special history ids. A special member's user id makes its lists fail.
 */
export function historyRoutes({ now, wait }: Deps) {
  const members = historySpecialMembers(now);
  const payments = demoPayments(now);
  const tokens = demoTokenTransactions(now);
  /** The payments `record` added, oldest first. */
  const recorded: DemoPayment[] = [];

  // A cursor no Whop page would carry: the dashboard must show the rows and stop paging.
  const oddPage = (c: Context, send: () => Response) =>
    send()
      .json()
      .then((page: { data: unknown[]; page_info: object }) =>
        c.json({ ...page, page_info: { ...page.page_info, end_cursor: '../not-a-cursor', has_next_page: true } }),
      );
  const slow: Handler = async (_c, send) => {
    await wait(HISTORY_SLOW_MS);
    return send();
  };
  const handlers: Record<HistorySpecialId, { payments?: Handler; tokens?: Handler }> = {
    [HISTORY_SPECIAL_IDS.paymentsForbidden]: { payments: (c) => whopErrors.forbidden(c) },
    [HISTORY_SPECIAL_IDS.tokensForbidden]: { tokens: (c) => whopErrors.forbidden(c) },
    [HISTORY_SPECIAL_IDS.rateLimited]: {
      payments: (c) => whopErrors.rateLimited(c, 30),
      tokens: (c) => whopErrors.rateLimited(c, 30),
    },
    [HISTORY_SPECIAL_IDS.slow]: {
      payments: slow,
      tokens: slow,
    },
    [HISTORY_SPECIAL_IDS.junk]: {
      payments: (c) => c.json({ data: 'not a list', page_info: null }),
      tokens: (c) => c.json([{ id: 42 }]),
    },
    [HISTORY_SPECIAL_IDS.oddCursor]: { payments: oddPage, tokens: oddPage },
  };
  const specialFor = (userId: string | null | undefined) =>
    Object.values(HISTORY_SPECIAL_IDS).find((id) => userId === standInUserId(id));

  return {
    members,
    /**
     * Records a new payment: it heads `GET /payments` (newest first) from now on. A public demo
     * is clicked without end: past SIMULATED_KEPT recorded ones, the oldest recorded goes.
     */
    record(payment: DemoPayment) {
      payments.unshift(payment);
      recorded.push(payment);
      const oldest = recorded.length > SIMULATED_KEPT ? recorded.shift() : undefined;
      if (oldest) payments.splice(payments.indexOf(oldest), 1);
    },
    payments(c: Context, params: URLSearchParams) {
      const query = params.get('query');
      // Whop's `query` is a search: ids, email, name and username, in part.
      const found = query ? payments.filter((p) => paymentMatches(p, query)) : payments;
      const ordered = params.get('direction') === 'asc' ? [...found].reverse() : found;
      const send = () => sendPage(c, ordered, params);
      const special = specialFor(query);
      const handler = special && handlers[special].payments;
      return handler ? handler(c, send) : send();
    },
    tokenTransactions(c: Context, params: URLSearchParams) {
      const userId = params.get('user_id');
      const type = params.get('transaction_type');
      const found = tokens.filter((t) => (!userId || t.user.id === userId) && (!type || t.transaction_type === type));
      const send = () => sendPage(c, found, params);
      const special = specialFor(userId);
      const handler = special && handlers[special].tokens;
      return handler ? handler(c, send) : send();
    },
  };
}
