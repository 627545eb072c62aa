import type { CompanyTokenTransactionListResponse } from '@whop/sdk/resources/company-token-transactions';
import type { CardBrands, PaymentListResponse, PaymentMethodTypes } from '@whop/sdk/resources/payments';
import type { Currency, ReceiptStatus } from '@whop/sdk/resources/shared';
import { DEMO_COMPANY, DEMO_PRODUCTS, type DemoMember, demoMembers, demoMemberships, standInMember } from './fixtures';
import { unlisted, type WithUnlisted } from './unlisted';

/*
 * Payments and token transactions for the demo members, typed against @whop/sdk's
 * `PaymentListResponse` and `CompanyTokenTransactionListResponse`. Each member's paid
 * payments, less refunds and lost disputes, add up to their `usd_total_spent`, and their
 * token transactions to their `company_token_balance` (history-fixtures.test.ts checks).
 * Every `substatus` the SDK lists appears at least once.
 */

/** One item of `GET /payments` (`payments.list`); a substatus Whop may add later is allowed. */
export type DemoPayment = WithUnlisted<PaymentListResponse, 'substatus'>;
/** One item of `GET /company_token_transactions` (`companyTokenTransactions.list`). */
export type DemoTokenTransaction = CompanyTokenTransactionListResponse;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Members whose payments or token history fail in one way each; their member records are
 * served (the card paints) and they stay out of search results.
 */
export const HISTORY_SPECIAL_IDS = {
  /** Payments answer 403; tokens are fine. */
  paymentsForbidden: 'mber_demoPaymentsHidden',
  /** Token transactions answer 403; payments are fine. */
  tokensForbidden: 'mber_demoTokensHidden',
  /** Both lists answer 429 with Retry-After: 30. */
  rateLimited: 'mber_demoHistoryRateLimited',
  /** Both lists answer after HISTORY_SLOW_MS. */
  slow: 'mber_demoHistorySlow',
  /** Both lists answer 200 with something that is not a page. */
  junk: 'mber_demoHistoryJunk',
  /** Both lists answer a page whose next cursor is not one we know. */
  oddCursor: 'mber_demoHistoryOddCursor',
} as const;
export type HistorySpecialId = (typeof HISTORY_SPECIAL_IDS)[keyof typeof HISTORY_SPECIAL_IDS];

/** The user id the stand-in gives a special member (fixtures.ts `standInMember`). */
export const standInUserId = (memberId: string) => `user_${memberId.slice('mber_'.length)}`;

/** The special history members' records: who they are and what their figures say. */
export const HISTORY_SPECIAL_MEMBERS: ReadonlyArray<{
  id: HistorySpecialId;
  name: string;
  usd_total_spent: number;
  company_token_balance: number;
}> = [
  { id: HISTORY_SPECIAL_IDS.paymentsForbidden, name: 'Hidden Hana', usd_total_spent: 300, company_token_balance: 40 },
  { id: HISTORY_SPECIAL_IDS.tokensForbidden, name: 'Private Piet', usd_total_spent: 25, company_token_balance: 70 },
  { id: HISTORY_SPECIAL_IDS.rateLimited, name: 'Busy Bea', usd_total_spent: 10, company_token_balance: 1 },
  { id: HISTORY_SPECIAL_IDS.slow, name: 'Slow Sol', usd_total_spent: 25, company_token_balance: 40 },
  { id: HISTORY_SPECIAL_IDS.junk, name: 'Garbled Gus', usd_total_spent: 10, company_token_balance: 1 },
  { id: HISTORY_SPECIAL_IDS.oddCursor, name: 'Odd Otto', usd_total_spent: 25, company_token_balance: 40 },
];

/**
 * How long the slow member's lists take. Longer than the member's own slow answer (SLOW_MS):
 * a deep link's page waits up to FIRST_PAINT_WAIT_MS for the lists and the app only takes
 * over after it (1.5 s in the e2e server, whose upstream deadline is 4 s). With 2 s the
 * panels' loading state lasted a few hundred ms on a loaded machine, and a test looking for
 * it missed it once in CI.
 */
export const HISTORY_SLOW_MS = 3000;

const PRODUCT_ROUTES: Record<keyof typeof DEMO_PRODUCTS, string> = {
  pro: 'northwind-pro',
  signals: 'daily-signals',
  course: 'trading-basics',
};
const PLANS: Record<keyof typeof DEMO_PRODUCTS, string> = {
  pro: 'plan_demoProMonthly',
  signals: 'plan_demoSignalsYearly',
  course: 'plan_demoCourseOnce',
};

type PaymentSeed = {
  id: string;
  memberId: string;
  product: keyof typeof DEMO_PRODUCTS;
  plan?: string;
  ago: number;
  currency: Currency;
  total: number;
  /** Whop's USD equivalent; for USD payments the total itself. */
  usd?: number;
  status: ReceiptStatus | null;
  substatus: DemoPayment['substatus'];
  refunded?: { amount: number; ago: number };
  failure?: string;
  /** How many attempts to charge it failed; 1 when it failed, 0 otherwise, unless given. */
  attempts?: number;
  disputeAlertedAgo?: number;
  /** Card brand and last four; null for a payment without a card. */
  card?: readonly [CardBrands, string] | null;
  method?: PaymentMethodTypes;
  /** Another person's user and member, for the exact-member filter. */
  other?: { memberId: string; user: PaymentListResponse.User };
};

const visa = ['visa', '4242'] as const;
const amex = ['amex', '0005'] as const;

const paymentSeeds: PaymentSeed[] = [
  // Ava Chen: every status family the panel tells apart, and two currencies besides USD.
  {
    id: 'pay_demoAva01',
    memberId: 'mber_demoAvaChen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    ago: 1 * DAY,
    currency: 'usd',
    total: 49,
    status: 'pending',
    substatus: 'pending',
  },
  {
    id: 'pay_demoAva02',
    memberId: 'mber_demoAvaChen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    ago: 5 * DAY,
    currency: 'eur',
    total: 45,
    usd: 48.6,
    status: 'paid',
    substatus: 'succeeded',
    card: ['mastercard', '4444'],
  },
  {
    id: 'pay_demoAva03',
    memberId: 'mber_demoAvaChen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    ago: 33 * DAY,
    currency: 'usd',
    total: 49,
    status: 'open',
    substatus: 'failed',
    failure: 'Your card was declined: insufficient funds.',
  },
  {
    id: 'pay_demoAva04',
    memberId: 'mber_demoAvaChen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    ago: 35 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'partially_refunded',
    refunded: { amount: 19, ago: 30 * DAY },
  },
  {
    id: 'pay_demoAva05',
    memberId: 'mber_demoAvaChen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    ago: 65 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'dispute_needs_response',
    disputeAlertedAgo: 60 * DAY,
  },
  {
    id: 'pay_demoAva06',
    memberId: 'mber_demoAvaChen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    ago: 95 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'refunded',
    refunded: { amount: 49, ago: 90 * DAY },
  },
  {
    id: 'pay_demoAva07',
    memberId: 'mber_demoAvaChen',
    product: 'course',
    plan: 'plan_demoCourseOnce',
    ago: 125 * DAY,
    currency: 'jpy',
    total: 3000,
    usd: 20.4,
    status: 'paid',
    substatus: 'succeeded',
    card: ['jcb', '0000'],
  },
  {
    id: 'pay_demoAva08',
    memberId: 'mber_demoAvaChen',
    product: 'course',
    plan: 'plan_demoCourseOnce',
    ago: 380 * DAY,
    currency: 'usd',
    total: 999,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoAva09',
    memberId: 'mber_demoAvaChen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    ago: 410 * DAY,
    currency: 'usd',
    total: 87.5,
    status: 'paid',
    substatus: 'succeeded',
  },
  // Someone else whose user id contains Ava's: Whop's search for user_demoAva finds it too.
  {
    id: 'pay_demoAvaJunior01',
    memberId: 'mber_demoAvaJunior',
    product: 'pro',
    ago: 3 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'succeeded',
    other: {
      memberId: 'mber_demoAvaJunior',
      user: { id: 'user_demoAvaJunior', username: 'avachenjr', name: 'Ava Chen Jr.', email: 'ava.jr@example.com' },
    },
  },

  // Harriet Okafor, the whale: more than a page, every dispute state, the largest amounts.
  {
    id: 'pay_demoWhale01',
    memberId: 'mber_demoWhale',
    product: 'pro',
    ago: 1 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'succeeded',
    card: amex,
  },
  {
    id: 'pay_demoWhale02',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 10 * DAY,
    currency: 'inr',
    total: 98_765_432.1,
    usd: 1_185_185.19,
    status: 'paid',
    substatus: 'succeeded',
    card: amex,
  },
  {
    id: 'pay_demoWhale03',
    memberId: 'mber_demoWhale',
    product: 'pro',
    ago: 20 * DAY,
    currency: 'usd',
    total: 2_500_000,
    status: 'paid',
    substatus: 'dispute_warning',
    disputeAlertedAgo: 18 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale04',
    memberId: 'mber_demoWhale',
    product: 'pro',
    ago: 40 * DAY,
    currency: 'usd',
    total: 1_000_000,
    status: 'paid',
    substatus: 'dispute_warning_needs_response',
    disputeAlertedAgo: 38 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale05',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 60 * DAY,
    currency: 'usd',
    total: 750_000,
    status: 'paid',
    substatus: 'dispute_under_review',
    disputeAlertedAgo: 55 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale06',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 80 * DAY,
    currency: 'eur',
    total: 480_000,
    usd: 518_400,
    status: 'paid',
    substatus: 'dispute_warning_under_review',
    disputeAlertedAgo: 75 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale07',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 100 * DAY,
    currency: 'usd',
    total: 1_234_567.89,
    status: 'paid',
    substatus: 'dispute_won',
    disputeAlertedAgo: 95 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale08',
    memberId: 'mber_demoWhale',
    product: 'course',
    ago: 120 * DAY,
    currency: 'usd',
    total: 300_000,
    status: 'paid',
    substatus: 'dispute_warning_closed',
    disputeAlertedAgo: 115 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale09',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 140 * DAY,
    currency: 'usd',
    total: 999_999.99,
    status: 'paid',
    substatus: 'dispute_lost',
    disputeAlertedAgo: 135 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale10',
    memberId: 'mber_demoWhale',
    product: 'pro',
    ago: 160 * DAY,
    currency: 'usd',
    total: 400_000,
    status: 'paid',
    substatus: 'dispute_closed',
    disputeAlertedAgo: 155 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale11',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 180 * DAY,
    currency: 'usd',
    total: 600_000,
    status: 'paid',
    substatus: 'open_dispute',
    disputeAlertedAgo: 178 * DAY,
    card: amex,
  },
  {
    id: 'pay_demoWhale12',
    memberId: 'mber_demoWhale',
    product: 'course',
    ago: 200 * DAY,
    currency: 'usd',
    total: 25_000,
    status: 'paid',
    substatus: 'auto_refunded',
    refunded: { amount: 25_000, ago: 199 * DAY },
    card: amex,
  },
  {
    id: 'pay_demoWhale13',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 400 * DAY,
    currency: 'jpy',
    total: 150_000_000,
    usd: 1_020_000,
    status: 'paid',
    substatus: 'succeeded',
    card: amex,
  },
  {
    id: 'pay_demoWhale14',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 800 * DAY,
    currency: 'gbp',
    total: 1_500_000,
    usd: 1_890_000,
    status: 'paid',
    substatus: 'succeeded',
    card: amex,
  },
  {
    id: 'pay_demoWhale15',
    memberId: 'mber_demoWhale',
    product: 'signals',
    ago: 1400 * DAY,
    currency: 'usd',
    total: 947_476.82,
    status: 'paid',
    substatus: 'succeeded',
    card: amex,
  },

  // Tomás Silva, past due: renewals that did not go through, and the resolution center.
  {
    id: 'pay_demoTomas01',
    memberId: 'mber_demoTomasSilva',
    product: 'pro',
    ago: 1 * DAY,
    currency: 'usd',
    total: 129.99,
    status: 'open',
    substatus: 'past_due',
    failure: 'The card has expired.',
  },
  {
    id: 'pay_demoTomas02',
    memberId: 'mber_demoTomasSilva',
    product: 'pro',
    ago: 31 * DAY,
    currency: 'usd',
    total: 129.99,
    status: 'uncollectible',
    substatus: 'uncollectible',
    failure: 'Payment could not be collected after 4 attempts.',
  },
  {
    id: 'pay_demoTomas03',
    memberId: 'mber_demoTomasSilva',
    product: 'pro',
    ago: 61 * DAY,
    currency: 'usd',
    total: 129.99,
    status: 'paid',
    substatus: 'resolution_needs_response',
  },
  {
    id: 'pay_demoTomas04',
    memberId: 'mber_demoTomasSilva',
    product: 'pro',
    ago: 91 * DAY,
    currency: 'usd',
    total: 129.99,
    status: 'paid',
    substatus: 'resolution_under_review',
  },
  {
    id: 'pay_demoTomas05',
    memberId: 'mber_demoTomasSilva',
    product: 'pro',
    ago: 121 * DAY,
    currency: 'usd',
    total: 129.99,
    status: 'paid',
    substatus: 'resolution_won',
  },
  {
    id: 'pay_demoTomas06',
    memberId: 'mber_demoTomasSilva',
    product: 'pro',
    ago: 151 * DAY,
    currency: 'usd',
    total: 129.99,
    status: 'paid',
    substatus: 'resolution_lost',
  },

  // One or two each for the others.
  {
    id: 'pay_demoPriya01',
    memberId: 'mber_demoPriyaNair',
    product: 'pro',
    ago: 5 * DAY,
    currency: 'inr',
    total: 0,
    usd: 0,
    status: 'draft',
    substatus: 'drafted',
    card: null,
    method: 'upi',
  },
  {
    id: 'pay_demoKenji01',
    memberId: 'mber_demoNoEmail',
    product: 'pro',
    ago: 6 * DAY,
    currency: 'jpy',
    total: 9000,
    usd: 61.2,
    status: 'void',
    substatus: 'canceled',
    card: ['jcb', '1111'],
  },
  {
    id: 'pay_demoKenji02',
    memberId: 'mber_demoNoEmail',
    product: 'pro',
    ago: 36 * DAY,
    currency: 'jpy',
    total: 8820,
    usd: 59.99,
    status: 'paid',
    substatus: 'succeeded',
    card: ['jcb', '1111'],
  },
  {
    id: 'pay_demoQuietfox01',
    memberId: 'mber_demoNoName',
    product: 'pro',
    ago: 50 * DAY,
    currency: 'usd',
    total: 0.3,
    status: 'void',
    substatus: 'price_too_low',
  },
  {
    id: 'pay_demoQuietfox02',
    memberId: 'mber_demoNoName',
    product: 'pro',
    ago: 80 * DAY,
    currency: 'usd',
    total: 120,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoLena01',
    memberId: 'mber_demoLeftUser',
    product: 'signals',
    plan: 'plan_demoSignalsMonthly',
    ago: 120 * DAY,
    currency: 'gbp',
    total: 118.4,
    usd: 150,
    status: 'paid',
    substatus: 'succeeded',
    card: null,
    method: 'paypal',
  },
  {
    id: 'pay_demoLena02',
    memberId: 'mber_demoLeftUser',
    product: 'signals',
    plan: 'plan_demoSignalsMonthly',
    ago: 150 * DAY,
    currency: 'gbp',
    total: 118.4,
    usd: 150,
    status: 'paid',
    substatus: 'succeeded',
    card: null,
    method: 'paypal',
  },
  {
    id: 'pay_demoLena03',
    memberId: 'mber_demoLeftUser',
    product: 'signals',
    plan: 'plan_demoSignalsMonthly',
    ago: 180 * DAY,
    currency: 'gbp',
    total: 118.4,
    usd: 150,
    status: 'paid',
    substatus: 'succeeded',
    card: null,
    method: 'paypal',
  },
  {
    id: 'pay_demoOmar01',
    memberId: 'mber_demoPaused',
    product: 'pro',
    ago: 40 * DAY,
    currency: 'egp',
    total: 11_800,
    usd: 240,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoSofia01',
    memberId: 'mber_demoSplitPay',
    product: 'course',
    plan: 'plan_demoCourseSplit',
    ago: 20 * DAY,
    currency: 'mxn',
    total: 5650,
    usd: 333,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoSofia02',
    memberId: 'mber_demoSplitPay',
    product: 'course',
    plan: 'plan_demoCourseSplit',
    ago: 50 * DAY,
    currency: 'mxn',
    total: 5650,
    usd: 333,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoSofia03',
    memberId: 'mber_demoSplitPay',
    product: 'course',
    plan: 'plan_demoCourseSplit',
    ago: 80 * DAY,
    currency: 'mxn',
    total: 5650,
    usd: 333,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoSofia04',
    memberId: 'mber_demoSplitPay',
    product: 'course',
    plan: 'plan_demoCourseSplit',
    ago: 81 * DAY,
    currency: 'mxn',
    total: 5650,
    usd: 333,
    status: 'unresolved',
    substatus: 'unresolved',
  },
  {
    id: 'pay_demoNoah01',
    memberId: 'mber_demoExpiring',
    product: 'pro',
    ago: 30 * DAY,
    currency: 'gbp',
    total: 22.9,
    usd: 29,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoLiam01',
    memberId: 'mber_demoPending',
    product: 'pro',
    ago: 1 * DAY,
    currency: 'usd',
    total: 49,
    status: 'open',
    substatus: 'incomplete',
  },
  {
    id: 'pay_demoRhea01',
    memberId: 'mber_demoRestricted',
    product: 'pro',
    ago: 9 * DAY,
    currency: 'usd',
    total: 155,
    status: 'paid',
    substatus: 'open_resolution',
  },
  {
    id: 'pay_demoRhea02',
    memberId: 'mber_demoRestricted',
    product: 'pro',
    ago: 39 * DAY,
    currency: 'usd',
    total: 155,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoMarkup01',
    memberId: 'mber_demoMarkup',
    product: 'pro',
    ago: 4 * DAY,
    currency: 'usd',
    total: 15,
    status: 'paid',
    substatus: 'succeeded',
  },
  // The access summary's stories (decision 0028).
  {
    id: 'pay_demoIngrid01',
    memberId: 'mber_demoExpiredAfterFailures',
    product: 'pro',
    ago: 7 * DAY,
    currency: 'usd',
    total: 49,
    status: 'uncollectible',
    substatus: 'uncollectible',
    failure: 'Your card was declined: insufficient funds.',
    attempts: 4,
  },
  {
    id: 'pay_demoIngrid02',
    memberId: 'mber_demoExpiredAfterFailures',
    product: 'pro',
    ago: 37 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoIngrid03',
    memberId: 'mber_demoExpiredAfterFailures',
    product: 'pro',
    ago: 67 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoFelix01',
    memberId: 'mber_demoCanceledByChoice',
    product: 'pro',
    ago: 42 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoFelix02',
    memberId: 'mber_demoCanceledByChoice',
    product: 'pro',
    ago: 72 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoTobias01',
    memberId: 'mber_demoRefunded',
    product: 'pro',
    ago: 17 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'refunded',
    refunded: { amount: 49, ago: 2 * DAY },
  },
  {
    id: 'pay_demoTobias02',
    memberId: 'mber_demoRefunded',
    product: 'pro',
    ago: 44 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoYusuf01',
    memberId: 'mber_demoChargebackLost',
    product: 'pro',
    ago: 40 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'dispute_lost',
    disputeAlertedAgo: 38 * DAY,
  },
  {
    id: 'pay_demoYusuf02',
    memberId: 'mber_demoChargebackLost',
    product: 'pro',
    ago: 70 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoChiara01',
    memberId: 'mber_demoChargebackOpen',
    product: 'pro',
    ago: 34 * DAY,
    currency: 'usd',
    total: 49,
    status: 'paid',
    substatus: 'dispute_needs_response',
    disputeAlertedAgo: 4 * DAY,
  },
  // A substatus Whop's reference does not list (yet): the badge shows it neutrally.
  {
    id: 'pay_demoZoe01',
    memberId: 'mber_demoFuture',
    product: 'signals',
    plan: 'plan_demoSignalsMonthly',
    ago: 7 * HOUR,
    currency: 'eur',
    total: 69.9,
    usd: 75.5,
    status: 'paid',
    substatus: unlisted('payout_on_hold'),
  },

  // The special history members whose payments are readable.
  {
    id: 'pay_demoPiet01',
    memberId: HISTORY_SPECIAL_IDS.tokensForbidden,
    product: 'pro',
    ago: 2 * DAY,
    currency: 'usd',
    total: 25,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoSol01',
    memberId: HISTORY_SPECIAL_IDS.slow,
    product: 'pro',
    ago: 2 * DAY,
    currency: 'usd',
    total: 25,
    status: 'paid',
    substatus: 'succeeded',
  },
  {
    id: 'pay_demoOtto01',
    memberId: HISTORY_SPECIAL_IDS.oddCursor,
    product: 'pro',
    ago: 2 * DAY,
    currency: 'usd',
    total: 25,
    status: 'paid',
    substatus: 'succeeded',
  },
];

type TokenSeed = {
  id: string;
  memberId: string;
  ago: number;
  type: 'add' | 'subtract' | 'transfer';
  amount: number;
  description: string | null;
  /** Which way a transfer went: Whop's record does not say, the stand-in knows. */
  direction?: 'in' | 'out';
  linked?: string;
};

const tokenSeeds: TokenSeed[] = [
  {
    id: 'cttx_demoAva01',
    memberId: 'mber_demoAvaChen',
    ago: 2 * DAY,
    type: 'subtract',
    amount: 50,
    description: 'Redeemed: 1:1 coaching call',
  },
  {
    id: 'cttx_demoAva02',
    memberId: 'mber_demoAvaChen',
    ago: 9 * DAY,
    type: 'add',
    amount: 100,
    description: 'Monthly loyalty bonus',
  },
  {
    id: 'cttx_demoAva03',
    memberId: 'mber_demoAvaChen',
    ago: 20 * DAY,
    type: 'transfer',
    direction: 'out',
    amount: 25,
    description: 'Sent to @mweber',
    linked: 'cttx_demoMarcus01',
  },
  {
    id: 'cttx_demoAva04',
    memberId: 'mber_demoAvaChen',
    ago: 60 * DAY,
    type: 'add',
    amount: 25,
    description: 'Referral bonus: @priya.n',
  },
  {
    id: 'cttx_demoAva05',
    memberId: 'mber_demoAvaChen',
    ago: 400 * DAY,
    type: 'add',
    amount: 200,
    description: 'Welcome bonus',
  },
  {
    id: 'cttx_demoMarcus02',
    memberId: 'mber_demoMarcusWeber',
    ago: 19 * DAY,
    type: 'subtract',
    amount: 25,
    description: 'Redeemed: merch voucher',
  },
  {
    id: 'cttx_demoMarcus01',
    memberId: 'mber_demoMarcusWeber',
    ago: 20 * DAY,
    type: 'transfer',
    direction: 'in',
    amount: 25,
    description: 'Received from @avachen',
    linked: 'cttx_demoAva03',
  },

  {
    id: 'cttx_demoWhale01',
    memberId: 'mber_demoWhale',
    ago: 12 * HOUR,
    type: 'subtract',
    amount: 1_234_567.9,
    description: 'Redeemed: private desk session',
  },
  {
    id: 'cttx_demoWhale02',
    memberId: 'mber_demoWhale',
    ago: 3 * DAY,
    type: 'add',
    amount: 50_000_000,
    description: 'Annual loyalty grant',
  },
  {
    id: 'cttx_demoWhale03',
    memberId: 'mber_demoWhale',
    ago: 10 * DAY,
    type: 'add',
    amount: 10_000_000,
    description: 'Referral bonus for 40 referrals during the spring trading challenge',
  },
  {
    id: 'cttx_demoWhale04',
    memberId: 'mber_demoWhale',
    ago: 20 * DAY,
    type: 'subtract',
    amount: 500_000,
    description: 'Redeemed: signals upgrade',
  },
  {
    id: 'cttx_demoWhale05',
    memberId: 'mber_demoWhale',
    ago: 30 * DAY,
    type: 'add',
    amount: 25_000_000,
    description: 'Top-up purchase',
  },
  {
    id: 'cttx_demoWhale06',
    memberId: 'mber_demoWhale',
    ago: 40 * DAY,
    type: 'transfer',
    direction: 'in',
    amount: 2_000_000,
    description: 'Received from a desk partner',
    linked: 'cttx_demoDeskPartner01',
  },
  {
    id: 'cttx_demoWhale07',
    memberId: 'mber_demoWhale',
    ago: 60 * DAY,
    type: 'add',
    amount: 5_000_000,
    description: 'Quarterly volume reward',
  },
  {
    id: 'cttx_demoWhale08',
    memberId: 'mber_demoWhale',
    ago: 80 * DAY,
    type: 'subtract',
    amount: 250_000,
    description: 'Redeemed: event ticket',
  },
  {
    id: 'cttx_demoWhale09',
    memberId: 'mber_demoWhale',
    ago: 100 * DAY,
    type: 'add',
    amount: 3_000_000,
    description: null,
  },
  {
    id: 'cttx_demoWhale10',
    memberId: 'mber_demoWhale',
    ago: 200 * DAY,
    type: 'add',
    amount: 4_000_000,
    description: 'Quarterly volume reward',
  },
  {
    id: 'cttx_demoWhale11',
    memberId: 'mber_demoWhale',
    ago: 400 * DAY,
    type: 'add',
    amount: 1_000_000,
    description: 'Anniversary grant',
  },
  {
    id: 'cttx_demoWhale12',
    memberId: 'mber_demoWhale',
    ago: 1500 * DAY,
    type: 'add',
    amount: 750_000,
    description: 'Welcome bonus',
  },

  {
    id: 'cttx_demoPriya01',
    memberId: 'mber_demoPriyaNair',
    ago: 5 * DAY,
    type: 'add',
    amount: 10,
    description: 'Trial welcome tokens',
  },
  {
    id: 'cttx_demoKenji01',
    memberId: 'mber_demoNoEmail',
    ago: 200 * DAY,
    type: 'add',
    amount: 5,
    description: 'Welcome bonus',
  },
  {
    id: 'cttx_demoOmar02',
    memberId: 'mber_demoPaused',
    ago: 20 * DAY,
    type: 'subtract',
    amount: 8,
    description: 'Redeemed: chart pack',
  },
  {
    id: 'cttx_demoOmar01',
    memberId: 'mber_demoPaused',
    ago: 200 * DAY,
    type: 'add',
    amount: 20,
    description: 'Welcome bonus',
  },
  {
    id: 'cttx_demoSofia01',
    memberId: 'mber_demoSplitPay',
    ago: 100 * DAY,
    type: 'add',
    amount: 40,
    description: 'Course completion reward',
  },
  { id: 'cttx_demoNoah01', memberId: 'mber_demoExpiring', ago: 29 * DAY, type: 'add', amount: 1, description: null },
  {
    id: 'cttx_demoZoe01',
    memberId: 'mber_demoFuture',
    ago: 30 * DAY,
    type: 'add',
    amount: 3,
    description: 'Welcome bonus',
  },

  {
    id: 'cttx_demoHana01',
    memberId: HISTORY_SPECIAL_IDS.paymentsForbidden,
    ago: 3 * DAY,
    type: 'add',
    amount: 40,
    description: 'Welcome bonus',
  },
  {
    id: 'cttx_demoSol01',
    memberId: HISTORY_SPECIAL_IDS.slow,
    ago: 3 * DAY,
    type: 'add',
    amount: 40,
    description: 'Welcome bonus',
  },
  {
    id: 'cttx_demoOtto01',
    memberId: HISTORY_SPECIAL_IDS.oddCursor,
    ago: 3 * DAY,
    type: 'add',
    amount: 40,
    description: 'Welcome bonus',
  },
];

/** Which way each demo transfer went, for the consistency test (Whop's records do not say). */
export const TRANSFER_DIRECTIONS: ReadonlyMap<string, 'in' | 'out'> = new Map(
  tokenSeeds.flatMap((s) => (s.direction ? [[s.id, s.direction] as const] : [])),
);

const company = { id: DEMO_COMPANY.id, title: DEMO_COMPANY.title, route: DEMO_COMPANY.route };

/** The special history members' records, served by the stand-in beside the demo members. */
export function historySpecialMembers(now = Date.now()): DemoMember[] {
  return HISTORY_SPECIAL_MEMBERS.map((s) => ({
    ...standInMember(s.id, s.name, now),
    usd_total_spent: s.usd_total_spent,
    company_token_balance: s.company_token_balance,
  }));
}

/** The member records the history fixtures belong to: the demo members and the special history ones. */
function historyMembers(now: number): Map<string, DemoMember> {
  return new Map([...demoMembers(now), ...historySpecialMembers(now)].map((m) => [m.id, m]));
}

/** The demo payments as `GET /payments` lists them, newest first. */
export function demoPayments(now = Date.now()): DemoPayment[] {
  const members = historyMembers(now);
  const memberships = demoMemberships(now);
  const iso = (ago: number) => new Date(now - ago).toISOString();
  return paymentSeeds
    .map((seed): DemoPayment => {
      const member = members.get(seed.memberId);
      const user = seed.other?.user ?? member?.user ?? null;
      const membership = memberships.find(
        (m) => m.member?.id === seed.memberId && m.product.id === DEMO_PRODUCTS[seed.product].id,
      );
      const card = seed.card === undefined ? visa : seed.card;
      const paid = seed.status === 'paid';
      const usd = seed.usd ?? seed.total;
      return {
        id: seed.id,
        amount_after_fees: Math.round(seed.total * 0.95 * 100) / 100,
        application_fee: null,
        auto_refunded: seed.substatus === 'auto_refunded',
        billing_address: null,
        billing_reason: seed.product === 'course' ? 'one_time' : 'subscription_cycle',
        card_brand: card ? card[0] : null,
        card_last4: card ? card[1] : null,
        checkout_configuration_id: null,
        company,
        created_at: iso(seed.ago),
        currency: seed.currency,
        dispute_alerted_at: seed.disputeAlertedAgo === undefined ? null : iso(seed.disputeAlertedAgo),
        failure_message: seed.failure ?? null,
        last_payment_attempt: iso(seed.ago),
        member: { id: seed.other?.memberId ?? seed.memberId, phone: member?.phone ?? null },
        membership: membership ? { id: membership.id, phone_number: null, status: 'active' } : null,
        // Never shown, never passed on.
        metadata: { internal_ref: 'secret-payment-metadata' },
        next_payment_attempt: seed.status === 'open' ? iso(-2 * DAY) : null,
        paid_at: paid ? iso(seed.ago) : null,
        payment_method: card
          ? {
              id: `payt_${seed.id.slice(4)}`,
              card: { brand: card[0], exp_month: 4, exp_year: 29, last4: card[1] },
              created_at: iso(seed.ago),
              payment_method_type: 'card',
            }
          : null,
        payment_method_type: seed.method ?? (card ? 'card' : null),
        payments_failed: seed.attempts ?? (seed.failure ? 1 : 0),
        plan: { id: seed.plan ?? PLANS[seed.product], internal_notes: 'never shown', metadata: null },
        product: { ...DEMO_PRODUCTS[seed.product], route: PRODUCT_ROUTES[seed.product], metadata: null },
        promo_code: null,
        refundable: paid && !seed.refunded,
        refunded_amount: seed.refunded?.amount ?? null,
        refunded_at: seed.refunded ? iso(seed.refunded.ago) : null,
        retryable: seed.status === 'open',
        settlement_currency: 'usd',
        shipping_address: null,
        status: seed.status,
        substatus: seed.substatus,
        subtotal: seed.total,
        tax_amount: null,
        tax_behavior: null,
        total: seed.total,
        updated_at: iso(Math.min(seed.ago, seed.refunded?.ago ?? seed.ago)),
        usd_total: usd,
        user,
        voidable: seed.status === 'open' && seed.substatus === 'past_due',
      } satisfies DemoPayment;
    })
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
}

/** The demo token transactions as `GET /company_token_transactions` lists them, newest first. */
export function demoTokenTransactions(now = Date.now()): DemoTokenTransaction[] {
  const members = historyMembers(now);
  return tokenSeeds
    .map((seed): DemoTokenTransaction => {
      const user = members.get(seed.memberId)?.user;
      if (!user) throw new Error(`history fixtures: ${seed.memberId} has no user`);
      return {
        id: seed.id,
        amount: seed.amount,
        company,
        created_at: new Date(now - seed.ago).toISOString(),
        description: seed.description,
        idempotency_key: null,
        linked_transaction_id: seed.linked ?? null,
        member: { id: seed.memberId },
        transaction_type: seed.type,
        user: { id: user.id, name: user.name, username: user.username },
      } satisfies DemoTokenTransaction;
    })
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
}

/** Whether a payment matches Whop's `query` the way its search does: ids, email, name, username. */
export function paymentMatches(payment: DemoPayment, query: string): boolean {
  const q = query.toLowerCase();
  return [
    payment.id,
    payment.user?.id,
    payment.membership?.id,
    payment.user?.email,
    payment.user?.name,
    payment.user?.username,
  ].some((field) => field?.toLowerCase().includes(q));
}
