import { MEMBERSHIP_READ_PERMISSIONS } from './api-error';
import { type Membership, MembershipPageSchema, MembershipSchema } from './membership';
import {
  PAYMENT_READ_PERMISSIONS,
  PAYMENTS_PAGE_SIZE,
  type Payment,
  PaymentPageSchema,
  PaymentSchema,
} from './payment';
import {
  TOKEN_TRANSACTION_READ_PERMISSIONS,
  TOKEN_TRANSACTIONS_PAGE_SIZE,
  type TokenTransaction,
  TokenTransactionPageSchema,
  TokenTransactionSchema,
} from './token-transaction';
import type { z } from './zod';

/**
 * One of Whop's lists of a member's records, as every place that handles it needs to know
 * it: the server's call and route, its metrics, a deep link's first paint, the app's fetch,
 * cache and panel all read this row (ARCHITECTURE.md, "Adding a Whop list").
 */
export type MemberListRow<Item> = {
  /** Whop's endpoint as the SDK names it; the `endpoint` label of the Whop call metrics. */
  endpoint: string;
  /** The route under `/api/members/:id/` that answers a page of it. */
  path: string;
  /** One record, as the server keeps it and the app reads it. */
  item: z.ZodMiniType<Item>;
  /** One page of records, as our API answers it. */
  page: z.ZodMiniType<MemberListPage<Item>>;
  /** Records per page asked of Whop. */
  pageSize: number;
  /** What Whop's endpoint needs; named in the 403 message when the key lacks one. */
  permissions: readonly string[];
  /** The records in words, for messages: "Whop could not list this member's payments." */
  records: string;
  /** Whether a deep link's page comes with the list's first page (its panel is then in the server's HTML). */
  firstPaint: boolean;
};

/** A page of any list, as our API answers it: the records, and the cursor of the next page (null: the last). */
export type MemberListPage<Item> = { data: Item[]; next_cursor: string | null };

/** The records of each list, by name: a new list is a new key here and a row below. */
type Items = { memberships: Membership; payments: Payment; tokenTransactions: TokenTransaction };

export type MemberListName = keyof Items;
export type MemberListItem<N extends MemberListName> = Items[N];

/** The member's lists: one row each. */
export const MEMBER_LISTS: { readonly [N in MemberListName]: MemberListRow<Items[N]> } = {
  memberships: {
    endpoint: 'memberships.list',
    path: 'memberships',
    item: MembershipSchema,
    page: MembershipPageSchema,
    pageSize: 25,
    permissions: MEMBERSHIP_READ_PERMISSIONS,
    records: 'memberships',
    firstPaint: true,
  },
  payments: {
    endpoint: 'payments.list',
    path: 'payments',
    item: PaymentSchema,
    page: PaymentPageSchema,
    pageSize: PAYMENTS_PAGE_SIZE,
    permissions: PAYMENT_READ_PERMISSIONS,
    records: 'payments',
    firstPaint: true,
  },
  tokenTransactions: {
    endpoint: 'companyTokenTransactions.list',
    path: 'token-transactions',
    item: TokenTransactionSchema,
    page: TokenTransactionPageSchema,
    pageSize: TOKEN_TRANSACTIONS_PAGE_SIZE,
    permissions: TOKEN_TRANSACTION_READ_PERMISSIONS,
    records: 'token transactions',
    firstPaint: true,
  },
};

export const MEMBER_LIST_NAMES = Object.keys(MEMBER_LISTS) as MemberListName[];

/** The lists a deep link's page comes with, in the table's order. */
export const FIRST_PAINT_LISTS: readonly MemberListName[] = MEMBER_LIST_NAMES.filter((n) => MEMBER_LISTS[n].firstPaint);

/** Each first-paint list's first page; null: it did not come in time (or failed), and the app asks for it. */
export type FirstPaintLists = { [N in MemberListName]?: MemberListPage<Items[N]> | null };
