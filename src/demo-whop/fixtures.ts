import type { MemberListResponse, MemberRetrieveResponse } from '@whop/sdk/resources/members';
import type { CancelOptions, MembershipListResponse } from '@whop/sdk/resources/memberships';
import type { Company, Membership } from '@whop/sdk/resources/shared';
import type { UserCheckAccessResponse } from '@whop/sdk/resources/users';
import { ACCESS_LEVELS, MEMBER_STATUSES, type Member, MOST_RECENT_ACTIONS } from '../contract/member';
import { listedOr, unlisted, type WithUnlisted } from './unlisted';

/*
 * Every record the stand-in serves is typed against @whop/sdk's own response types, so a
 * stand-in that drifts from the real API is a type error. Only the enum fields Whop may grow
 * accept unlisted values (see ./unlisted.ts).
 */
type OpenMemberFields = 'access_level' | 'status' | 'most_recent_action';
/** `GET /members/:id` (`members.retrieve`). */
export type DemoMember = WithUnlisted<MemberRetrieveResponse, OpenMemberFields>;
/** One item of `GET /members` (`members.list`): a member without its company. */
export type DemoMemberListItem = WithUnlisted<MemberListResponse, OpenMemberFields>;
/** `GET /memberships/:id` (`memberships.retrieve`). */
export type DemoMembership = WithUnlisted<Membership, 'status'>;
/** One item of `GET /memberships` (`memberships.list`): no custom field responses. */
export type DemoMembershipListItem = WithUnlisted<MembershipListResponse, 'status'>;

/** The demo company every fixture belongs to. */
export const DEMO_COMPANY = {
  id: 'biz_demoNorthwind',
  title: 'Northwind Trading Club',
  route: 'northwind',
} as const satisfies MemberRetrieveResponse.Company;

/**
 * Ids with special behaviour in the stand-in. Tests and the demo read like stories:
 * "look up the forbidden member" rather than "mock a 403".
 */
export const SPECIAL_IDS = {
  notFound: 'mber_demoNotFound',
  forbidden: 'mber_demoForbidden',
  unauthorized: 'mber_demoUnauthorized',
  rateLimited: 'mber_demoRateLimited',
  flaky: 'mber_demoFlaky',
  slow: 'mber_demoSlow',
  // Faults for the proxy's resilience tests.
  hang: 'mber_faultHang',
  drip: 'mber_faultDrip',
  reset: 'mber_faultReset',
  truncated: 'mber_faultTruncated',
  html502: 'mber_faultHtml502',
  wrongShape: 'mber_faultWrongShape',
  wrongType: 'mber_faultWrongType',
  huge: 'mber_faultHuge',
  redirect: 'mber_faultRedirect',
  unavailable: 'mber_faultUnavailable',
  retryAfter1: 'mber_faultRetryAfter1',
  retryAfter120: 'mber_faultRetryAfter120',
  badRequest: 'mber_faultBadRequest',
  unprocessable: 'mber_faultUnprocessable',
  /** 408 on odd calls, the member on even ones: decision 0001 retries a 408. */
  requestTimeout: 'mber_faultRequestTimeout',
} as const;

/** A member whose memberships the demo key may not read: the panel's 403 notice. */
export const RESTRICTED_MEMBER_ID = 'mber_demoRestricted';

/** How long the slow member takes to answer. */
export const SLOW_MS = 2000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Seed = {
  id: string;
  user: MemberRetrieveResponse.User | null;
  phone: string | null;
  access_level: DemoMember['access_level'];
  status: DemoMember['status'];
  most_recent_action: DemoMember['most_recent_action'];
  /** How long ago the most recent action happened. */
  actionAgo: number | null;
  joinedAgo: number;
  usd_total_spent: number;
  company_token_balance: number;
};

/** Ava Chen: the member the special ids that answer with a record borrow it from. */
const avaSeed: Seed = {
  id: 'mber_demoAvaChen',
  user: { id: 'user_demoAva', username: 'avachen', name: 'Ava Chen', email: 'ava.chen@example.com' },
  phone: '+14155550142',
  access_level: 'customer',
  status: 'joined',
  most_recent_action: 'paid_subscriber',
  actionAgo: 2 * HOUR,
  joinedAgo: 410 * DAY,
  usd_total_spent: 1234.5,
  company_token_balance: 250,
};

const seeds: Seed[] = [
  avaSeed,
  {
    id: 'mber_demoMarcusWeber',
    user: { id: 'user_demoMarcus', username: 'mweber', name: 'Marcus Weber', email: 'marcus@example.de' },
    phone: '+4930555012',
    access_level: 'admin',
    status: 'joined',
    most_recent_action: 'renewing',
    actionAgo: 3 * DAY,
    joinedAgo: 900 * DAY,
    usd_total_spent: 0,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoPriyaNair',
    user: { id: 'user_demoPriya', username: 'priya.n', name: 'Priya Nair', email: 'priya@example.in' },
    phone: null,
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'trialing',
    actionAgo: 5 * HOUR,
    joinedAgo: 5 * DAY,
    usd_total_spent: 0,
    company_token_balance: 10,
  },
  {
    id: 'mber_demoTomasSilva',
    user: { id: 'user_demoTomas', username: 'tsilva', name: 'Tomás Silva', email: 'tomas@example.pt' },
    phone: '+351215550199',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'past_due',
    actionAgo: 1 * DAY,
    joinedAgo: 200 * DAY,
    usd_total_spent: 389.97,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoWhale',
    user: { id: 'user_demoWhale', username: 'bigspender', name: 'Harriet Okafor', email: 'harriet@example.com' },
    phone: '+12125550100',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_once',
    actionAgo: 40 * 60_000,
    joinedAgo: 1500 * DAY,
    usd_total_spent: 12_345_678.9,
    company_token_balance: 98_765_432.1,
  },
  {
    id: 'mber_demoNoUser',
    user: null,
    phone: null,
    access_level: 'no_access',
    status: 'drafted',
    most_recent_action: 'drafted',
    actionAgo: 12 * DAY,
    joinedAgo: 12 * DAY,
    usd_total_spent: 0,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoNoEmail',
    user: { id: 'user_demoKenji', username: 'kenji', name: 'Kenji Watanabe', email: null },
    phone: '+81355550123',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'canceling',
    actionAgo: 6 * DAY,
    joinedAgo: 300 * DAY,
    usd_total_spent: 59.99,
    company_token_balance: 5,
  },
  {
    id: 'mber_demoNoName',
    user: { id: 'user_demoAnon', username: 'quietfox', name: null, email: 'quietfox@example.net' },
    phone: null,
    access_level: 'no_access',
    status: 'left',
    most_recent_action: 'churned',
    actionAgo: 45 * DAY,
    joinedAgo: 365 * DAY,
    usd_total_spent: 120,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoLeftUser',
    user: { id: 'user_demoLena', username: 'lenak', name: 'Lena Kowalski', email: 'lena@example.pl' },
    phone: null,
    access_level: 'no_access',
    status: 'left',
    most_recent_action: 'left',
    actionAgo: 90 * DAY,
    joinedAgo: 700 * DAY,
    usd_total_spent: 450,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoPaused',
    user: { id: 'user_demoOmar', username: 'omar_f', name: 'Omar Farouk', email: 'omar@example.eg' },
    phone: '+20225550111',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paused',
    actionAgo: 10 * DAY,
    joinedAgo: 250 * DAY,
    usd_total_spent: 240,
    company_token_balance: 12,
  },
  {
    id: 'mber_demoSplitPay',
    user: { id: 'user_demoSofia', username: 'sofiar', name: 'Sofía Ramírez', email: 'sofia@example.mx' },
    phone: '+525555501234',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'finished_split_pay',
    actionAgo: 20 * DAY,
    joinedAgo: 120 * DAY,
    usd_total_spent: 999,
    company_token_balance: 40,
  },
  {
    id: 'mber_demoExpiring',
    user: { id: 'user_demoNoah', username: 'noahb', name: 'Noah Brown', email: 'noah@example.co.uk' },
    phone: '+442075550100',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'expiring',
    actionAgo: 2 * DAY,
    joinedAgo: 30 * DAY,
    usd_total_spent: 29,
    company_token_balance: 1,
  },
  {
    id: 'mber_demoNewJoin',
    user: { id: 'user_demoMia', username: 'mia', name: 'Mia Rossi', email: 'mia@example.it' },
    phone: null,
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'joined',
    actionAgo: 15 * 60_000,
    joinedAgo: 15 * 60_000,
    usd_total_spent: 0,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoPending',
    user: { id: 'user_demoLiam', username: 'liam.w', name: 'Liam Walsh', email: 'liam@example.ie' },
    phone: null,
    access_level: 'no_access',
    status: 'drafted',
    most_recent_action: 'pending_entry',
    actionAgo: 1 * DAY,
    joinedAgo: 1 * DAY,
    usd_total_spent: 0,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoNoAction',
    user: { id: 'user_demoGrace', username: 'gracel', name: 'Grace Lee', email: 'grace@example.kr' },
    phone: '+8225550177',
    access_level: 'admin',
    status: 'joined',
    most_recent_action: null,
    actionAgo: null,
    joinedAgo: 60 * DAY,
    usd_total_spent: 0,
    company_token_balance: 0,
  },
  {
    id: RESTRICTED_MEMBER_ID,
    user: { id: 'user_demoRhea', username: 'rhea.c', name: 'Rhea Castillo', email: 'rhea@example.es' },
    phone: null,
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_subscriber',
    actionAgo: 9 * DAY,
    joinedAgo: 150 * DAY,
    usd_total_spent: 310,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoMarkup',
    user: {
      id: 'user_demoMarkup',
      username: 'script_kiddie',
      name: '<img src=x onerror="window.__xss=1">Robert"); alert(1)//',
      email: 'bobby@example.com',
    },
    phone: null,
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_subscriber',
    actionAgo: 4 * DAY,
    joinedAgo: 80 * DAY,
    usd_total_spent: 15,
    company_token_balance: 0,
  },
  // The access summary's stories (decision 0028): how a membership ended, told by its payments.
  {
    id: 'mber_demoExpiredAfterFailures',
    user: { id: 'user_demoIngrid', username: 'ingridh', name: 'Ingrid Halvorsen', email: 'ingrid@mail.test' },
    phone: null,
    access_level: 'no_access',
    status: 'joined',
    most_recent_action: 'churned',
    actionAgo: 3 * DAY,
    joinedAgo: 95 * DAY,
    usd_total_spent: 98,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoCanceledByChoice',
    user: { id: 'user_demoFelix', username: 'felix.a', name: 'Felix Andersson', email: 'felix@mail.test' },
    phone: null,
    access_level: 'no_access',
    status: 'joined',
    most_recent_action: 'churned',
    actionAgo: 12 * DAY,
    joinedAgo: 75 * DAY,
    usd_total_spent: 98,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoRefunded',
    user: { id: 'user_demoTobias', username: 'tobiasr', name: 'Tobias Reinholt', email: 'tobias@mail.test' },
    phone: null,
    access_level: 'no_access',
    status: 'joined',
    most_recent_action: 'churned',
    actionAgo: 2 * DAY,
    joinedAgo: 45 * DAY,
    usd_total_spent: 49,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoChargebackLost',
    user: { id: 'user_demoYusuf', username: 'yusufd', name: 'Yusuf Demir', email: 'yusuf@mail.test' },
    phone: null,
    access_level: 'no_access',
    status: 'joined',
    most_recent_action: 'churned',
    actionAgo: 20 * DAY,
    joinedAgo: 100 * DAY,
    usd_total_spent: 49,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoChargebackOpen',
    user: { id: 'user_demoChiara', username: 'chiarab', name: 'Chiara Bellini', email: 'chiara@mail.test' },
    phone: null,
    access_level: 'no_access',
    status: 'joined',
    most_recent_action: 'churned',
    actionAgo: 4 * DAY,
    joinedAgo: 35 * DAY,
    usd_total_spent: 49,
    company_token_balance: 0,
  },
  {
    id: 'mber_demoFuture',
    user: { id: 'user_demoZoe', username: 'zoe', name: 'Zoë Martin', email: 'zoe@example.fr' },
    phone: '+33155550188',
    // Values Whop's reference does not list: the dashboard must show them neutrally.
    access_level: unlisted('vip_guest'),
    status: unlisted('suspended'),
    most_recent_action: unlisted('upgraded'),
    actionAgo: 7 * HOUR,
    joinedAgo: 40 * DAY,
    usd_total_spent: 75.5,
    company_token_balance: 3,
  },
];

function toMember(seed: Seed, now: number) {
  const joined = new Date(now - seed.joinedAgo).toISOString();
  return {
    id: seed.id,
    created_at: joined,
    joined_at: joined,
    updated_at: new Date(now - Math.min(seed.actionAgo ?? seed.joinedAgo, seed.joinedAgo)).toISOString(),
    access_level: seed.access_level,
    status: seed.status,
    most_recent_action: seed.most_recent_action,
    most_recent_action_at: seed.actionAgo === null ? null : new Date(now - seed.actionAgo).toISOString(),
    user: seed.user,
    phone: seed.phone,
    usd_total_spent: seed.usd_total_spent,
    company_token_balance: seed.company_token_balance,
    company: { ...DEMO_COMPANY },
  } satisfies DemoMember;
}

/** The demo members, with times relative to `now` so the demo always looks current. */
export function demoMembers(now = Date.now()): DemoMember[] {
  return seeds.map((seed) => toMember(seed, now));
}

/** Ava Chen's record: what the truncated fault cuts in half. */
export function templateMember(now: number): DemoMember {
  return toMember(avaSeed, now);
}

/** A special id that answers with a member some of the time: Ava's record under its own id and user. */
export function standInMember(id: string, name: string, now: number): DemoMember {
  const handle = id.slice('mber_'.length);
  const user = {
    id: `user_${handle}`,
    username: handle.toLowerCase(),
    name,
    email: `${handle.toLowerCase()}@example.com`,
  };
  return { ...templateMember(now), id, user };
}

/** A member as `GET /members` lists it: the same record without its company. */
export function toListItem({ company: _company, ...item }: DemoMember): DemoMemberListItem {
  return item satisfies DemoMemberListItem;
}

/**
 * A member given in our contract's shape (the stand-in's `extraMembers`) as the SDK types
 * it: documented enum values as they are, any other marked unlisted.
 */
export function fromContractMember(member: Member): DemoMember {
  return {
    ...member,
    access_level: listedOr(ACCESS_LEVELS, member.access_level),
    status: listedOr(MEMBER_STATUSES, member.status),
    most_recent_action:
      member.most_recent_action === null ? null : listedOr(MOST_RECENT_ACTIONS, member.most_recent_action),
  } satisfies DemoMember;
}

/** A few members worth showing on the search page in demo mode. */
export const FEATURED_DEMO_IDS = [
  'mber_demoAvaChen',
  'mber_demoWhale',
  'mber_demoNoUser',
  'mber_demoFuture',
  SPECIAL_IDS.slow,
  SPECIAL_IDS.notFound,
] as const;

/** The featured demo members as the search page lists them: id and a readable label. */
export function featuredDemoMembers(): Array<{ id: string; label: string }> {
  const byId = new Map(demoMembers().map((m) => [m.id, m]));
  const labels: Record<string, string> = {
    [SPECIAL_IDS.slow]: 'A slow answer (2 s)',
    [SPECIAL_IDS.notFound]: 'A member that does not exist',
  };
  return FEATURED_DEMO_IDS.map((id) => {
    const user = byId.get(id)?.user;
    return { id, label: labels[id] ?? user?.name ?? (user ? `@${user.username}` : 'Member without a user') };
  });
}

/**
 * Users with special behaviour in the stand-in's access check
 * (`GET /users/:id/access/:company`), for the sign-in tests.
 */
export const SPECIAL_USER_IDS = {
  /** An admin at the first check (sign-in), no longer one at any later check. */
  formerAdmin: 'user_demoFormerAdmin',
  /** The access check fails with a 500. */
  accessCheckFails: 'user_demoAccessCheckFails',
} as const;

export type AccessLevel = UserCheckAccessResponse['access_level'];

/**
 * A user's access level in the demo company, as Whop's access check reports it: what the
 * user's member record says (Marcus Weber and Grace Lee are admins), `no_access` otherwise.
 */
export function demoAccessLevel(userId: string): AccessLevel {
  const seed = seeds.find((s) => s.user?.id === userId);
  const level = seed?.access_level;
  if (level === 'admin') return 'admin';
  if (level === 'customer') return 'customer';
  return 'no_access';
}

/** The access check's answer (`users.checkAccess`) for a level. */
export function accessAnswer(level: AccessLevel) {
  return { has_access: level !== 'no_access', access_level: level } satisfies UserCheckAccessResponse;
}

/** The demo company as `GET /companies/:id` (`companies.retrieve`) answers it. */
export function demoCompany(now = Date.now()) {
  const iso = (ago: number) => new Date(now - ago).toISOString();
  return {
    ...DEMO_COMPANY,
    affiliate_instructions: null,
    created_at: iso(1600 * DAY),
    description: 'Daily market signals, a members-only desk and a course for first-time traders.',
    featured_affiliate_product: null,
    logo: { url: null },
    member_count: seeds.filter((s) => s.status === 'joined').length,
    metadata: null,
    owner_user: { id: 'user_demoMarcus', name: 'Marcus Weber', username: 'mweber' },
    published_reviews_count: 38,
    send_customer_emails: true,
    social_links: [{ id: 'soc_demoNorthwindSite', url: 'https://northwind.example.com', website: 'website' }],
    target_audience: 'Retail traders learning to trade with a plan',
    updated_at: iso(3 * DAY),
    verified: true,
  } satisfies Company;
}

/** Membership ids with special behaviour in the stand-in. */
export const SPECIAL_MEMBERSHIP_IDS = {
  notFound: 'mem_demoNotFound',
  forbidden: 'mem_demoForbidden',
  /** A membership whose member record does not exist yet. */
  noMember: 'mem_demoNoMember',
} as const;

/** Search texts with special behaviour in the stand-in's list-members endpoint. */
/**
 * Members whose names a spreadsheet would misread: a formula (OWASP's CSV injection) and a
 * name with quotes, a comma and a line break. Served by id only, so searches are unchanged.
 */
export const SPREADSHEET_NAMES: Readonly<Record<string, string>> = {
  mber_demoFormula: '=HYPERLINK("https://example.com/steal","Open")',
  mber_demoQuoted: 'Dana "DJ" Jones, Jr.\nsecond line',
};

/**
 * Member ids that take a second to turn out not to exist: `mber_demoSlowGone1`, `…2`, and so
 * on, each its own id. A list of them runs long enough to be cancelled (the bulk page, issue 27).
 */
export const SLOW_GONE = { prefix: 'mber_demoSlowGone', ms: 1000 } as const;

export const SPECIAL_QUERIES = {
  forbidden: 'forbiddensearch',
  slow: 'slowsearch',
} as const;

export const DEMO_PRODUCTS = {
  pro: { id: 'prod_demoPro', title: 'Northwind Pro' },
  signals: { id: 'prod_demoSignals', title: 'Daily Signals' },
  course: { id: 'prod_demoCourse', title: 'Trading Basics Course' },
} as const;

type MembershipSeed = {
  id: string;
  memberId: string | null;
  /** Whose membership it is, when there is no member record to take the user from. */
  userId?: string;
  product: keyof typeof DEMO_PRODUCTS;
  plan: string;
  status: DemoMembership['status'];
  cancelAtPeriodEnd?: boolean;
  createdAgo: number;
  /** Renewal period end relative to now (negative: in the past); null: not recurring. */
  renewsIn: number | null;
  periodDays?: number;
  customFieldResponses?: Membership.CustomFieldResponse[];
  /** Who canceled and why: when they started (how long ago), the reason picked, their words. */
  cancel?: { ago: number; option: CancelOptions | null; reason: string | null };
  paused?: boolean;
};

const membershipSeeds: MembershipSeed[] = [
  {
    id: 'mem_demoAvaPro',
    memberId: 'mber_demoAvaChen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'active',
    createdAgo: 410 * DAY,
    renewsIn: 12 * DAY,
    customFieldResponses: [
      { id: 'cfr_demoAvaHeard', question: 'How did you hear about Northwind?', answer: 'A friend in my trading group' },
    ],
  },
  {
    id: 'mem_demoAvaCourse',
    memberId: 'mber_demoAvaChen',
    product: 'course',
    plan: 'plan_demoCourseOnce',
    status: 'completed',
    createdAgo: 380 * DAY,
    renewsIn: null,
  },
  {
    id: 'mem_demoPriyaTrial',
    memberId: 'mber_demoPriyaNair',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'trialing',
    createdAgo: 5 * DAY,
    renewsIn: 2 * DAY,
  },
  {
    id: 'mem_demoTomasPro',
    memberId: 'mber_demoTomasSilva',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'past_due',
    createdAgo: 200 * DAY,
    renewsIn: -1 * DAY,
  },
  {
    id: 'mem_demoWhaleSignals',
    memberId: 'mber_demoWhale',
    product: 'signals',
    plan: 'plan_demoSignalsYearly',
    status: 'active',
    createdAgo: 1500 * DAY,
    renewsIn: 140 * DAY,
    periodDays: 365,
  },
  {
    id: 'mem_demoWhalePro',
    memberId: 'mber_demoWhale',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'active',
    createdAgo: 1400 * DAY,
    renewsIn: 20 * DAY,
  },
  {
    id: 'mem_demoWhaleCourse',
    memberId: 'mber_demoWhale',
    product: 'course',
    plan: 'plan_demoCourseOnce',
    status: 'completed',
    createdAgo: 1300 * DAY,
    renewsIn: null,
  },
  {
    id: 'mem_demoKenjiPro',
    memberId: 'mber_demoNoEmail',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'canceling',
    cancelAtPeriodEnd: true,
    createdAgo: 300 * DAY,
    renewsIn: 8 * DAY,
  },
  {
    id: 'mem_demoQuietfoxPro',
    memberId: 'mber_demoNoName',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'canceled',
    createdAgo: 365 * DAY,
    renewsIn: -45 * DAY,
  },
  {
    id: 'mem_demoLenaSignals',
    memberId: 'mber_demoLeftUser',
    product: 'signals',
    plan: 'plan_demoSignalsMonthly',
    status: 'expired',
    createdAgo: 700 * DAY,
    renewsIn: -90 * DAY,
  },
  {
    id: 'mem_demoOmarPro',
    memberId: 'mber_demoPaused',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'active',
    paused: true,
    createdAgo: 250 * DAY,
    renewsIn: 18 * DAY,
  },
  {
    id: 'mem_demoSofiaCourse',
    memberId: 'mber_demoSplitPay',
    product: 'course',
    plan: 'plan_demoCourseSplit',
    status: 'completed',
    createdAgo: 120 * DAY,
    renewsIn: null,
  },
  {
    id: 'mem_demoNoahPro',
    memberId: 'mber_demoExpiring',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'active',
    cancelAtPeriodEnd: true,
    cancel: { ago: 2 * DAY, option: 'too_expensive', reason: 'Money is tight until my next contract.' },
    createdAgo: 30 * DAY,
    renewsIn: 3 * DAY,
  },
  {
    id: 'mem_demoMiaSignals',
    memberId: 'mber_demoNewJoin',
    product: 'signals',
    plan: 'plan_demoSignalsMonthly',
    status: 'active',
    createdAgo: 15 * 60_000,
    renewsIn: 30 * DAY,
  },
  {
    id: 'mem_demoLiamPro',
    memberId: 'mber_demoPending',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'drafted',
    createdAgo: 1 * DAY,
    renewsIn: null,
  },
  {
    id: 'mem_demoRheaPro',
    memberId: RESTRICTED_MEMBER_ID,
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'unresolved',
    createdAgo: 150 * DAY,
    renewsIn: 4 * DAY,
  },
  {
    id: 'mem_demoMarkupPro',
    memberId: 'mber_demoMarkup',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'active',
    createdAgo: 80 * DAY,
    renewsIn: 10 * DAY,
  },
  {
    id: 'mem_demoIngridPro',
    memberId: 'mber_demoExpiredAfterFailures',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'expired',
    createdAgo: 95 * DAY,
    renewsIn: -3 * DAY,
  },
  {
    id: 'mem_demoFelixPro',
    memberId: 'mber_demoCanceledByChoice',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'canceled',
    cancel: { ago: 12 * DAY, option: 'switching', reason: 'Moving to a desk my employer pays for.' },
    createdAgo: 75 * DAY,
    renewsIn: -12 * DAY,
  },
  {
    id: 'mem_demoTobiasPro',
    memberId: 'mber_demoRefunded',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'canceled',
    cancel: { ago: 2 * DAY, option: null, reason: null },
    createdAgo: 45 * DAY,
    renewsIn: 13 * DAY,
  },
  {
    id: 'mem_demoYusufPro',
    memberId: 'mber_demoChargebackLost',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'canceled',
    cancel: { ago: 20 * DAY, option: null, reason: null },
    createdAgo: 100 * DAY,
    renewsIn: -10 * DAY,
  },
  {
    id: 'mem_demoChiaraPro',
    memberId: 'mber_demoChargebackOpen',
    product: 'pro',
    plan: 'plan_demoProMonthly',
    status: 'canceled',
    cancel: { ago: 4 * DAY, option: null, reason: null },
    createdAgo: 35 * DAY,
    renewsIn: -4 * DAY,
  },
  {
    id: 'mem_demoZoeSignals',
    memberId: 'mber_demoFuture',
    product: 'signals',
    plan: 'plan_demoSignalsMonthly',
    // Not a status Whop's reference lists: the panel must show it neutrally.
    status: unlisted('on_hold'),
    createdAgo: 40 * DAY,
    renewsIn: 6 * DAY,
  },
  {
    id: SPECIAL_MEMBERSHIP_IDS.noMember,
    memberId: null,
    userId: 'user_demoLiam',
    product: 'course',
    plan: 'plan_demoCourseOnce',
    status: 'drafted',
    createdAgo: 2 * HOUR,
    renewsIn: null,
  },
];

/** The demo memberships as Whop's API sends them, extra fields and all. */
export function demoMemberships(now = Date.now()): DemoMembership[] {
  const members = new Map(demoMembers(now).map((m) => [m.id, m]));
  const iso = (ago: number) => new Date(now - ago).toISOString();
  return membershipSeeds.map((seed) => {
    const member = seed.memberId ? members.get(seed.memberId) : undefined;
    const user = member?.user ?? [...members.values()].find((m) => m.user?.id === seed.userId)?.user ?? null;
    const periodMs = (seed.periodDays ?? 30) * DAY;
    return {
      id: seed.id,
      status: seed.status,
      cancel_at_period_end: seed.cancelAtPeriodEnd ?? false,
      cancel_option: seed.cancel?.option ?? null,
      canceled_at: seed.cancel
        ? iso(seed.cancel.ago)
        : seed.status === 'canceled'
          ? iso(-(seed.renewsIn ?? 0) + DAY)
          : null,
      cancellation_reason: seed.cancel?.reason ?? null,
      checkout_configuration_id: null,
      company: { id: DEMO_COMPANY.id, title: DEMO_COMPANY.title },
      created_at: iso(seed.createdAgo),
      updated_at: iso(Math.min(seed.createdAgo, DAY)),
      currency: 'usd',
      custom_field_responses: seed.customFieldResponses ?? [],
      joined_at: member ? member.joined_at : null,
      // Fields the dashboard must never pass on to the browser.
      license_key: `LIC-${seed.id.slice(4).toUpperCase()}-SECRET`,
      manage_url: member ? `https://whop.com/billing/manage/${seed.id}` : null,
      metadata: { hwid: 'secret-hardware-id' },
      member: seed.memberId ? { id: seed.memberId } : null,
      payment_collection_paused: seed.paused ?? false,
      plan: { id: seed.plan, metadata: null },
      product: { ...DEMO_PRODUCTS[seed.product], metadata: null },
      promo_code: null,
      renewal_period_end: seed.renewsIn === null ? null : iso(-seed.renewsIn),
      renewal_period_start: seed.renewsIn === null ? null : iso(-seed.renewsIn + periodMs),
      user: user && { id: user.id, username: user.username, name: user.name, email: user.email },
    } satisfies DemoMembership;
  });
}

/** A membership as `GET /memberships` lists it: the same record without custom field responses. */
export function toMembershipListItem({
  custom_field_responses: _responses,
  ...item
}: DemoMembership): DemoMembershipListItem {
  return item satisfies DemoMembershipListItem;
}
