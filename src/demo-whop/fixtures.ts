import type { Member } from '../contract/member';

/** The demo company every fixture belongs to. */
export const DEMO_COMPANY = { id: 'biz_demoNorthwind', title: 'Northwind Trading Club', route: 'northwind' } as const;

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
} as const;

/** How long the slow member takes to answer. */
export const SLOW_MS = 2000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Seed = {
  id: string;
  user: Member['user'];
  phone: string | null;
  access_level: Member['access_level'];
  status: Member['status'];
  most_recent_action: Member['most_recent_action'];
  /** How long ago the most recent action happened. */
  actionAgo: number | null;
  joinedAgo: number;
  usd_total_spent: number;
  company_token_balance: number;
};

const seeds: Seed[] = [
  { id: 'mber_demoAvaChen', user: { id: 'user_demoAva', username: 'avachen', name: 'Ava Chen', email: 'ava.chen@example.com' }, phone: '+14155550142', access_level: 'customer', status: 'joined', most_recent_action: 'paid_subscriber', actionAgo: 2 * HOUR, joinedAgo: 410 * DAY, usd_total_spent: 1234.5, company_token_balance: 250 },
  { id: 'mber_demoMarcusWeber', user: { id: 'user_demoMarcus', username: 'mweber', name: 'Marcus Weber', email: 'marcus@example.de' }, phone: '+4930555012', access_level: 'admin', status: 'joined', most_recent_action: 'renewing', actionAgo: 3 * DAY, joinedAgo: 900 * DAY, usd_total_spent: 0, company_token_balance: 0 },
  { id: 'mber_demoPriyaNair', user: { id: 'user_demoPriya', username: 'priya.n', name: 'Priya Nair', email: 'priya@example.in' }, phone: null, access_level: 'customer', status: 'joined', most_recent_action: 'trialing', actionAgo: 5 * HOUR, joinedAgo: 5 * DAY, usd_total_spent: 0, company_token_balance: 10 },
  { id: 'mber_demoTomasSilva', user: { id: 'user_demoTomas', username: 'tsilva', name: 'Tomás Silva', email: 'tomas@example.pt' }, phone: '+351215550199', access_level: 'customer', status: 'joined', most_recent_action: 'past_due', actionAgo: 1 * DAY, joinedAgo: 200 * DAY, usd_total_spent: 389.97, company_token_balance: 0 },
  { id: 'mber_demoWhale', user: { id: 'user_demoWhale', username: 'bigspender', name: 'Harriet Okafor', email: 'harriet@example.com' }, phone: '+12125550100', access_level: 'customer', status: 'joined', most_recent_action: 'paid_once', actionAgo: 40 * 60_000, joinedAgo: 1500 * DAY, usd_total_spent: 12_345_678.9, company_token_balance: 98_765_432.1 },
  { id: 'mber_demoNoUser', user: null, phone: null, access_level: 'no_access', status: 'drafted', most_recent_action: 'drafted', actionAgo: 12 * DAY, joinedAgo: 12 * DAY, usd_total_spent: 0, company_token_balance: 0 },
  { id: 'mber_demoNoEmail', user: { id: 'user_demoKenji', username: 'kenji', name: 'Kenji Watanabe', email: null }, phone: '+81355550123', access_level: 'customer', status: 'joined', most_recent_action: 'canceling', actionAgo: 6 * DAY, joinedAgo: 300 * DAY, usd_total_spent: 59.99, company_token_balance: 5 },
  { id: 'mber_demoNoName', user: { id: 'user_demoAnon', username: 'quietfox', name: null, email: 'quietfox@example.net' }, phone: null, access_level: 'no_access', status: 'left', most_recent_action: 'churned', actionAgo: 45 * DAY, joinedAgo: 365 * DAY, usd_total_spent: 120, company_token_balance: 0 },
  { id: 'mber_demoLeftUser', user: { id: 'user_demoLena', username: 'lenak', name: 'Lena Kowalski', email: 'lena@example.pl' }, phone: null, access_level: 'no_access', status: 'left', most_recent_action: 'left', actionAgo: 90 * DAY, joinedAgo: 700 * DAY, usd_total_spent: 450, company_token_balance: 0 },
  { id: 'mber_demoPaused', user: { id: 'user_demoOmar', username: 'omar_f', name: 'Omar Farouk', email: 'omar@example.eg' }, phone: '+20225550111', access_level: 'customer', status: 'joined', most_recent_action: 'paused', actionAgo: 10 * DAY, joinedAgo: 250 * DAY, usd_total_spent: 240, company_token_balance: 12 },
  { id: 'mber_demoSplitPay', user: { id: 'user_demoSofia', username: 'sofiar', name: 'Sofía Ramírez', email: 'sofia@example.mx' }, phone: '+525555501234', access_level: 'customer', status: 'joined', most_recent_action: 'finished_split_pay', actionAgo: 20 * DAY, joinedAgo: 120 * DAY, usd_total_spent: 999, company_token_balance: 40 },
  { id: 'mber_demoExpiring', user: { id: 'user_demoNoah', username: 'noahb', name: 'Noah Brown', email: 'noah@example.co.uk' }, phone: '+442075550100', access_level: 'customer', status: 'joined', most_recent_action: 'expiring', actionAgo: 2 * DAY, joinedAgo: 30 * DAY, usd_total_spent: 29, company_token_balance: 1 },
  { id: 'mber_demoNewJoin', user: { id: 'user_demoMia', username: 'mia', name: 'Mia Rossi', email: 'mia@example.it' }, phone: null, access_level: 'customer', status: 'joined', most_recent_action: 'joined', actionAgo: 15 * 60_000, joinedAgo: 15 * 60_000, usd_total_spent: 0, company_token_balance: 0 },
  { id: 'mber_demoPending', user: { id: 'user_demoLiam', username: 'liam.w', name: 'Liam Walsh', email: 'liam@example.ie' }, phone: null, access_level: 'no_access', status: 'drafted', most_recent_action: 'pending_entry', actionAgo: 1 * DAY, joinedAgo: 1 * DAY, usd_total_spent: 0, company_token_balance: 0 },
  { id: 'mber_demoNoAction', user: { id: 'user_demoGrace', username: 'gracel', name: 'Grace Lee', email: 'grace@example.kr' }, phone: '+8225550177', access_level: 'admin', status: 'joined', most_recent_action: null, actionAgo: null, joinedAgo: 60 * DAY, usd_total_spent: 0, company_token_balance: 0 },
  { id: 'mber_demoMarkup', user: { id: 'user_demoMarkup', username: 'script_kiddie', name: '<img src=x onerror="window.__xss=1">Robert"); alert(1)//', email: 'bobby@example.com' }, phone: null, access_level: 'customer', status: 'joined', most_recent_action: 'paid_subscriber', actionAgo: 4 * DAY, joinedAgo: 80 * DAY, usd_total_spent: 15, company_token_balance: 0 },
  { id: 'mber_demoFuture', user: { id: 'user_demoZoe', username: 'zoe', name: 'Zoë Martin', email: 'zoe@example.fr' }, phone: '+33155550188', access_level: 'vip_guest', status: 'suspended', most_recent_action: 'upgraded', actionAgo: 7 * HOUR, joinedAgo: 40 * DAY, usd_total_spent: 75.5, company_token_balance: 3 },
];

function toMember(seed: Seed, now: number): Member {
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
  };
}

/** The demo members, with times relative to `now` so the demo always looks current. */
export function demoMembers(now = Date.now()): Member[] {
  return seeds.map((seed) => toMember(seed, now));
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
  const labels: Record<string, string> = { [SPECIAL_IDS.slow]: 'A slow answer (2 s)', [SPECIAL_IDS.notFound]: 'A member that does not exist' };
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

export type AccessLevel = 'admin' | 'customer' | 'no_access';

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
