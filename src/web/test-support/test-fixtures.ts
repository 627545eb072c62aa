// Members and memberships for the web tests, typed with the contract's own types. They
// carry the demo stand-in's values (src/web never imports src/demo-whop), frozen at
// FIXTURE_NOW so relative times read the same on every run.
import type { Member } from '../../contract/member';
import type { MemberListItem } from '../../contract/member-search';
import type { Membership } from '../../contract/membership';

/** The moment the fixtures' dates were taken at; render with `now={FIXTURE_NOW}`. */
export const FIXTURE_NOW = Date.parse('2026-06-01T12:00:00Z');

const company = { id: 'biz_demoNorthwind', title: 'Northwind Trading Club', route: 'northwind' };

type MemberFields = Omit<Member, 'company' | 'created_at' | 'updated_at' | 'joined_at'> & {
  joined_at: string;
  updated_at: string;
};

/** Most demo members were created when they joined. */
const member = ({ joined_at, ...fields }: MemberFields): Member => ({
  ...fields,
  created_at: joined_at,
  joined_at,
  company,
});

export const testMembers: readonly Member[] = [
  member({
    id: 'mber_demoAvaChen',
    joined_at: '2025-04-17T12:00:00.000Z',
    updated_at: '2026-06-01T10:00:00.000Z',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_subscriber',
    most_recent_action_at: '2026-06-01T10:00:00.000Z',
    user: { id: 'user_demoAva', username: 'avachen', name: 'Ava Chen', email: 'ava.chen@example.com' },
    phone: '+14155550142',
    usd_total_spent: 1234.5,
    company_token_balance: 250,
  }),
  member({
    id: 'mber_demoMarcusWeber',
    joined_at: '2023-12-14T12:00:00.000Z',
    updated_at: '2026-05-29T12:00:00.000Z',
    access_level: 'admin',
    status: 'joined',
    most_recent_action: 'renewing',
    most_recent_action_at: '2026-05-29T12:00:00.000Z',
    user: { id: 'user_demoMarcus', username: 'mweber', name: 'Marcus Weber', email: 'marcus@example.de' },
    phone: '+4930555012',
    usd_total_spent: 0,
    company_token_balance: 0,
  }),
  member({
    id: 'mber_demoWhale',
    joined_at: '2022-04-23T12:00:00.000Z',
    updated_at: '2026-06-01T11:20:00.000Z',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_once',
    most_recent_action_at: '2026-06-01T11:20:00.000Z',
    user: { id: 'user_demoWhale', username: 'bigspender', name: 'Harriet Okafor', email: 'harriet@example.com' },
    phone: '+12125550100',
    usd_total_spent: 12345678.9,
    company_token_balance: 98765432.1,
  }),
  member({
    id: 'mber_demoNoUser',
    joined_at: '2026-05-20T12:00:00.000Z',
    updated_at: '2026-05-20T12:00:00.000Z',
    access_level: 'no_access',
    status: 'drafted',
    most_recent_action: 'drafted',
    most_recent_action_at: '2026-05-20T12:00:00.000Z',
    user: null,
    phone: null,
    usd_total_spent: 0,
    company_token_balance: 0,
  }),
  member({
    id: 'mber_demoNoEmail',
    joined_at: '2025-08-05T12:00:00.000Z',
    updated_at: '2026-05-26T12:00:00.000Z',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'canceling',
    most_recent_action_at: '2026-05-26T12:00:00.000Z',
    user: { id: 'user_demoKenji', username: 'kenji', name: 'Kenji Watanabe', email: null },
    phone: '+81355550123',
    usd_total_spent: 59.99,
    company_token_balance: 5,
  }),
  member({
    id: 'mber_demoNoName',
    joined_at: '2025-06-01T12:00:00.000Z',
    updated_at: '2026-04-17T12:00:00.000Z',
    access_level: 'no_access',
    status: 'left',
    most_recent_action: 'churned',
    most_recent_action_at: '2026-04-17T12:00:00.000Z',
    user: { id: 'user_demoAnon', username: 'quietfox', name: null, email: 'quietfox@example.net' },
    phone: null,
    usd_total_spent: 120,
    company_token_balance: 0,
  }),
  member({
    id: 'mber_demoLeftUser',
    joined_at: '2024-07-01T12:00:00.000Z',
    updated_at: '2026-03-03T12:00:00.000Z',
    access_level: 'no_access',
    status: 'left',
    most_recent_action: 'left',
    most_recent_action_at: '2026-03-03T12:00:00.000Z',
    user: { id: 'user_demoLena', username: 'lenak', name: 'Lena Kowalski', email: 'lena@example.pl' },
    phone: null,
    usd_total_spent: 450,
    company_token_balance: 0,
  }),
  member({
    id: 'mber_demoSplitPay',
    joined_at: '2026-02-01T12:00:00.000Z',
    updated_at: '2026-05-12T12:00:00.000Z',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'finished_split_pay',
    most_recent_action_at: '2026-05-12T12:00:00.000Z',
    user: { id: 'user_demoSofia', username: 'sofiar', name: 'Sofía Ramírez', email: 'sofia@example.mx' },
    phone: '+525555501234',
    usd_total_spent: 999,
    company_token_balance: 40,
  }),
  member({
    id: 'mber_demoNoAction',
    joined_at: '2026-04-02T12:00:00.000Z',
    updated_at: '2026-04-02T12:00:00.000Z',
    access_level: 'admin',
    status: 'joined',
    most_recent_action: null,
    most_recent_action_at: null,
    user: { id: 'user_demoGrace', username: 'gracel', name: 'Grace Lee', email: 'grace@example.kr' },
    phone: '+8225550177',
    usd_total_spent: 0,
    company_token_balance: 0,
  }),
  member({
    id: 'mber_demoMarkup',
    joined_at: '2026-03-13T12:00:00.000Z',
    updated_at: '2026-05-28T12:00:00.000Z',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_subscriber',
    most_recent_action_at: '2026-05-28T12:00:00.000Z',
    user: {
      id: 'user_demoMarkup',
      username: 'script_kiddie',
      name: '<img src=x onerror="window.__xss=1">Robert"); alert(1)//',
      email: 'bobby@example.com',
    },
    phone: null,
    usd_total_spent: 15,
    company_token_balance: 0,
  }),
  member({
    id: 'mber_demoRestricted',
    joined_at: '2026-01-02T12:00:00.000Z',
    updated_at: '2026-05-23T12:00:00.000Z',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_subscriber',
    most_recent_action_at: '2026-05-23T12:00:00.000Z',
    user: { id: 'user_demoRhea', username: 'rhea.c', name: 'Rhea Castillo', email: 'rhea@example.es' },
    phone: null,
    usd_total_spent: 310,
    company_token_balance: 0,
  }),
  // Values Whop has not documented (yet): shown neutrally, never an error.
  member({
    id: 'mber_demoFuture',
    joined_at: '2026-04-22T12:00:00.000Z',
    updated_at: '2026-06-01T05:00:00.000Z',
    access_level: 'vip_guest',
    status: 'suspended',
    most_recent_action: 'upgraded',
    most_recent_action_at: '2026-06-01T05:00:00.000Z',
    user: { id: 'user_demoZoe', username: 'zoe', name: 'Zoë Martin', email: 'zoe@example.fr' },
    phone: '+33155550188',
    usd_total_spent: 75.5,
    company_token_balance: 3,
  }),
];

/** One of the members above; a typo in a test fails loudly rather than rendering nothing. */
export function testMember(id: string): Member {
  const found = testMembers.find((m) => m.id === id);
  if (!found) throw new Error(`No test member ${id}`);
  return found;
}

/** A member as the search endpoint lists it: the record without its company. */
export function testListItem(id: string): MemberListItem {
  const { company: _company, ...item } = testMember(id);
  return item;
}

const kenji = { id: 'user_demoKenji', username: 'kenji', name: 'Kenji Watanabe', email: null };
const sofia = { id: 'user_demoSofia', username: 'sofiar', name: 'Sofía Ramírez', email: 'sofia@example.mx' };
const harriet = { id: 'user_demoWhale', username: 'bigspender', name: 'Harriet Okafor', email: 'harriet@example.com' };
const pro = { id: 'prod_demoPro', title: 'Northwind Pro' };
const course = { id: 'prod_demoCourse', title: 'Trading Basics Course' };

/** The fields of a membership nobody canceled or paused. */
const notCanceled = {
  canceled_at: null,
  cancel_option: null,
  cancellation_reason: null,
  payment_collection_paused: false,
} as const;

export const testMemberships: readonly Membership[] = [
  {
    id: 'mem_demoKenjiPro',
    status: 'canceling',
    cancel_at_period_end: true,
    ...notCanceled,
    created_at: '2025-08-05T12:00:00.000Z',
    renewal_period_start: '2026-05-10T12:00:00.000Z',
    renewal_period_end: '2026-06-09T12:00:00.000Z',
    product: pro,
    plan: { id: 'plan_demoProMonthly' },
    member: { id: 'mber_demoNoEmail' },
    user: kenji,
  },
  {
    id: 'mem_demoSofiaCourse',
    status: 'completed',
    cancel_at_period_end: false,
    ...notCanceled,
    created_at: '2026-02-01T12:00:00.000Z',
    renewal_period_start: null,
    renewal_period_end: null,
    product: course,
    plan: { id: 'plan_demoCourseSplit' },
    member: { id: 'mber_demoSplitPay' },
    user: sofia,
  },
  {
    id: 'mem_demoWhaleSignals',
    status: 'active',
    cancel_at_period_end: false,
    ...notCanceled,
    created_at: '2022-04-23T12:00:00.000Z',
    renewal_period_start: '2025-10-19T12:00:00.000Z',
    renewal_period_end: '2026-10-19T12:00:00.000Z',
    product: { id: 'prod_demoSignals', title: 'Daily Signals' },
    plan: { id: 'plan_demoSignalsYearly' },
    member: { id: 'mber_demoWhale' },
    user: harriet,
  },
  {
    id: 'mem_demoWhalePro',
    status: 'active',
    cancel_at_period_end: false,
    ...notCanceled,
    created_at: '2022-08-01T12:00:00.000Z',
    renewal_period_start: '2026-05-22T12:00:00.000Z',
    renewal_period_end: '2026-06-21T12:00:00.000Z',
    product: pro,
    plan: { id: 'plan_demoProMonthly' },
    member: { id: 'mber_demoWhale' },
    user: harriet,
  },
  {
    id: 'mem_demoWhaleCourse',
    status: 'completed',
    cancel_at_period_end: false,
    ...notCanceled,
    created_at: '2022-11-09T12:00:00.000Z',
    renewal_period_start: null,
    renewal_period_end: null,
    product: course,
    plan: { id: 'plan_demoCourseOnce' },
    member: { id: 'mber_demoWhale' },
    user: harriet,
  },
];

/** A member's memberships, in the order the API lists them. */
export function testMembershipsOf(memberId: string): Membership[] {
  return testMemberships.filter((m) => m.member?.id === memberId);
}
