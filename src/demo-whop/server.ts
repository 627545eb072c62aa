import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { Member } from '../contract/member';
import { API_PREFIX, KNOWN_API_VERSIONS, type StandInEnv, sendPage, whopErrors } from './answers';
import {
  accessAnswer,
  DEMO_COMPANY,
  type DemoMember,
  demoAccessLevel,
  demoCompany,
  demoMembers,
  demoMemberships,
  fromContractMember,
  RESTRICTED_MEMBER_ID,
  SLOW_GONE,
  SLOW_MS,
  SPECIAL_IDS,
  SPECIAL_MEMBERSHIP_IDS,
  SPECIAL_QUERIES,
  SPECIAL_USER_IDS,
  SPREADSHEET_NAMES,
  standInMember,
  templateMember,
  toListItem,
  toMembershipListItem,
} from './fixtures';
import { historyRoutes } from './history-routes';
import {
  type Delivery,
  deliver,
  type SimulateType,
  simulatedPayment,
  webhookEvent,
  webhookMembership,
  webhookPayment,
} from './simulate';
import { specialMemberHandlers } from './special-members';

export type DemoWhopOptions = {
  /** The bearer token callers must send; requests without it get 401. */
  apiKey: string;
  /** Added to every answer, to stand in for network and Whop latency. */
  latencyMs?: number;
  /** Fixed clock for fixtures (tests); defaults to start-up time. */
  now?: number;
  port?: number;
  /** More members to serve beside the demo ones (benchmarks look up thousands of distinct ids). */
  extraMembers?: ReadonlyArray<Member>;
  /**
   * Where `simulate` delivers its webhooks, signed with `secret` (as Whop shows it); none: nothing
   * is sent. Read at each delivery, so a caller that learns its address later may fill it in then.
   */
  webhook?: { url: string; secret: string };
};

export type DemoWhop = {
  /** The SDK base URL, e.g. http://127.0.0.1:54321/api/v1 */
  baseURL: string;
  /** Every request seen, in order: method, path and (when there is one) query string. */
  readonly requests: ReadonlyArray<{ method: string; path: string; query?: string }>;
  /** When each of `requests` arrived (Date.now()), in the same order: the bench counts calls a second with it. */
  readonly arrivals: ReadonlyArray<number>;
  /**
   * From now on, for `ms`, every data endpoint answers 429 with `Retry-After: retryAfterSeconds`,
   * as Whop does when a company goes over its rate limit (the request budget's pause, issue 27).
   */
  throttle(ms: number, retryAfterSeconds: number): void;
  callsFor(id: string): number;
  /**
   * Changes what the stand-in answers for a member from now on, as a payment changes a
   * member at Whop (tests of refresh and caching). Throws for an id it does not serve.
   */
  updateMember(id: string, change: Partial<DemoMember>): void;
  /**
   * Makes something happen to a demo member, as it would at Whop, and delivers the webhook
   * (issue 28): `payment.succeeded` records a paid payment (listed by `GET /payments`, added to
   * the member's `usd_total_spent`); `membership.deactivated` cancels its first active
   * membership. Throws for a member it does not serve, or with nothing to deactivate.
   */
  simulate(request: { memberId: string; type: SimulateType }): Promise<Delivery>;
  /** Whether the stand-in serves a member with this id. */
  hasMember(id: string): boolean;
  close(): Promise<void>;
};

type SpecialQuery = (typeof SPECIAL_QUERIES)[keyof typeof SPECIAL_QUERIES];
type SpecialUserId = (typeof SPECIAL_USER_IDS)[keyof typeof SPECIAL_USER_IDS];

/** Whether `key` is one of a table's special ids. */
const has = <K extends string>(table: Record<K, unknown>, key: string): key is K => Object.hasOwn(table, key);
const searchParams = (c: Context) => new URL(c.req.url).searchParams;

/** The company must be ours (an API key sees one company); a missing one is a 400. */
function companyProblem(c: Context, params: URLSearchParams): Response | null {
  const company = params.get('company_id');
  if (!company) return whopErrors.badRequest(c, 'company_id is required when using an API key');
  if (company !== DEMO_COMPANY.id) return whopErrors.forbidden(c);
  return null;
}

/**
 * An in-process stand-in for Whop's API: the demo members, plus ids that fail in each
 * way the real one can (see SPECIAL_IDS). Speaks plain HTTP on loopback only.
 */
export async function startDemoWhop(options: DemoWhopOptions): Promise<DemoWhop> {
  const now = options.now ?? Date.now();
  const members = new Map(demoMembers(now).map((m) => [m.id, m]));
  members.set(SPECIAL_IDS.flaky, standInMember(SPECIAL_IDS.flaky, 'Flaky Fiona', now));
  members.set(SPECIAL_IDS.slow, standInMember(SPECIAL_IDS.slow, 'Slow Sam', now));
  members.set(SPECIAL_IDS.retryAfter1, standInMember(SPECIAL_IDS.retryAfter1, 'Patient Pat', now));
  // Names a spreadsheet would misread (the bulk page's CSV, issue 27): by id only, not listed.
  for (const [id, name] of Object.entries(SPREADSHEET_NAMES)) members.set(id, standInMember(id, name, now));
  for (const member of options.extraMembers ?? []) members.set(member.id, fromContractMember(member));
  const history = historyRoutes({ now, wait: (ms) => wait(ms) });
  for (const member of history.members) members.set(member.id, member);

  const listed = demoMembers(now).map(toListItem);
  const memberships = demoMemberships(now);
  const restrictedUserId = listed.find((m) => m.id === RESTRICTED_MEMBER_ID)?.user?.id;
  const requests: Array<{ method: string; path: string; query?: string }> = [];
  const arrivals: number[] = [];
  let throttledUntil = 0;
  let throttleRetryAfter = 0;
  const calls = new Map<string, number>();
  const accessChecks = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const wait = (ms: number) => new Promise<void>((resolve) => later(ms, resolve));

  const specialMembers = specialMemberHandlers({ template: templateMember(now), later });
  const specialQueries: Record<SpecialQuery, (c: Context, found: typeof listed) => Response | Promise<Response>> = {
    [SPECIAL_QUERIES.forbidden]: (c) => whopErrors.forbidden(c),
    [SPECIAL_QUERIES.slow]: async (c, found) => {
      await wait(SLOW_MS);
      return sendPage(c, found, searchParams(c));
    },
  };
  const specialUsers: Record<SpecialUserId, (c: Context, call: number) => Response> = {
    [SPECIAL_USER_IDS.formerAdmin]: (c, call) => c.json(accessAnswer(call === 1 ? 'admin' : 'no_access')),
    [SPECIAL_USER_IDS.accessCheckFails]: (c) => whopErrors.internal(c),
  };
  // mem_demoNotFound is simply absent and mem_demoNoMember an ordinary fixture; one id fails on purpose.
  const specialMemberships: Record<typeof SPECIAL_MEMBERSHIP_IDS.forbidden, (c: Context) => Response> = {
    [SPECIAL_MEMBERSHIP_IDS.forbidden]: (c) => whopErrors.forbidden(c),
  };

  /** The data endpoints answer GET only (405 otherwise), after the configured latency. */
  const dataEndpoint: MiddlewareHandler<StandInEnv> = async (c, next) => {
    if (c.req.method !== 'GET') return whopErrors.methodNotAllowed(c);
    if (Date.now() < throttledUntil) return whopErrors.rateLimited(c, throttleRetryAfter);
    if (options.latencyMs) await wait(options.latencyMs);
    await next();
  };
  /** The account endpoints (access check, company) know GET only, and answer at once. */
  const accountEndpoint: MiddlewareHandler<StandInEnv> = async (c, next) => {
    if (c.req.method !== 'GET') return whopErrors.notFound(c);
    await next();
  };

  const api = new Hono<StandInEnv>()
    // Every call to a member id counts, whatever its method (tests read callsFor).
    .use('/members/:id', async (c, next) => {
      const id = c.req.param('id');
      const call = (calls.get(id) ?? 0) + 1;
      calls.set(id, call);
      c.set('call', call);
      await next();
    })
    .use('/members', dataEndpoint)
    .use('/members/:id', dataEndpoint)
    .use('/memberships', dataEndpoint)
    .use('/memberships/:id', dataEndpoint)
    .use('/payments', dataEndpoint)
    .use('/company_token_transactions', dataEndpoint)
    .use('/users/:userId/access/:resourceId', accountEndpoint)
    .use('/companies/:id', accountEndpoint)

    .get('/members', (c) => {
      const params = searchParams(c);
      const problem = companyProblem(c, params);
      if (problem) return problem;
      const query = params.get('query')?.toLowerCase();
      const userIds = params.getAll('user_ids[]');
      const found = listed.filter(
        (m) =>
          (userIds.length === 0 || (m.user !== null && userIds.includes(m.user.id))) &&
          (!query ||
            [m.user?.name, m.user?.username, m.user?.email].some((field) => field?.toLowerCase().includes(query))),
      );
      if (query && has(specialQueries, query)) return specialQueries[query](c, found);
      return sendPage(c, found, params);
    })

    .get('/members/:id', async (c) => {
      const id = c.req.param('id');
      const answer = () => {
        const member = members.get(id);
        return member ? c.json(member) : whopErrors.notFound(c);
      };
      if (has(specialMembers, id)) return specialMembers[id]({ c, id, call: c.get('call'), answer });
      if (id.startsWith(SLOW_GONE.prefix) && /^\d+$/.test(id.slice(SLOW_GONE.prefix.length))) {
        await wait(SLOW_GONE.ms);
        return whopErrors.notFound(c);
      }
      return answer();
    })

    .get('/memberships', (c) => {
      const params = searchParams(c);
      const problem = companyProblem(c, params);
      if (problem) return problem;
      const userIds = params.getAll('user_ids[]');
      if (restrictedUserId && userIds.includes(restrictedUserId)) return whopErrors.forbidden(c);
      const found = memberships.filter((m) => userIds.length === 0 || (m.user !== null && userIds.includes(m.user.id)));
      return sendPage(c, found.map(toMembershipListItem), params);
    })

    .get('/memberships/:id', (c) => {
      const id = c.req.param('id');
      if (has(specialMemberships, id)) return specialMemberships[id](c);
      const membership = memberships.find((m) => m.id === id);
      return membership ? c.json(membership) : whopErrors.notFound(c);
    })

    .get('/payments', (c) => companyProblem(c, searchParams(c)) ?? history.payments(c, searchParams(c)))
    .get(
      '/company_token_transactions',
      (c) => companyProblem(c, searchParams(c)) ?? history.tokenTransactions(c, searchParams(c)),
    )

    // What `users.checkAccess(resource, { id })` calls.
    .get('/users/:userId/access/:resourceId', (c) => {
      const { userId, resourceId } = c.req.param();
      const call = (accessChecks.get(userId) ?? 0) + 1;
      accessChecks.set(userId, call);
      if (resourceId !== DEMO_COMPANY.id) return whopErrors.notFound(c);
      if (has(specialUsers, userId)) return specialUsers[userId](c, call);
      return c.json(accessAnswer(demoAccessLevel(userId)));
    })

    .get('/companies/:id', (c) =>
      c.req.param('id') === DEMO_COMPANY.id ? c.json(demoCompany(now)) : whopErrors.notFound(c),
    );

  const app = new Hono<StandInEnv>()
    .use(async (c, next) => {
      const url = new URL(c.req.url);
      requests.push({ method: c.req.method, path: url.pathname, ...(url.search ? { query: url.search } : {}) });
      arrivals.push(Date.now());
      if (c.req.header('authorization') !== `Bearer ${options.apiKey}`) return whopErrors.unauthorized(c);
      // As Whop does: no version, or one it does not know, is a bad request.
      const version = c.req.header('api-version-date');
      if (!version || !KNOWN_API_VERSIONS.includes(version)) {
        return whopErrors.badRequest(c, `Unknown or missing Api-Version-Date: ${version ?? 'none'}`);
      }
      await next();
    })
    .route(API_PREFIX, api)
    .notFound((c) => whopErrors.notFound(c));

  // The stand-in's own Request and Response stay Node's: tests share the process with the server.
  const server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}${API_PREFIX}`,
    requests,
    arrivals,
    throttle: (ms, retryAfterSeconds) => {
      throttledUntil = Date.now() + ms;
      throttleRetryAfter = retryAfterSeconds;
    },
    callsFor: (id) => calls.get(id) ?? 0,
    updateMember: (id, change) => {
      const member = members.get(id);
      if (!member) throw new Error(`the stand-in serves no member ${id}`);
      members.set(id, { ...member, ...change, updated_at: new Date().toISOString() });
    },
    hasMember: (id) => members.has(id),
    simulate: async ({ memberId, type }) => {
      const member = members.get(memberId);
      if (!member) throw new Error(`the stand-in serves no member ${memberId}`);
      const at = Date.now();
      const own = memberships.filter((m) => m.member?.id === memberId);
      if (type === 'payment.succeeded') {
        const payment = simulatedPayment(member, own.find((m) => m.status === 'active') ?? own[0], at);
        history.record(payment);
        const spent = Math.round((member.usd_total_spent + (payment.usd_total ?? 0)) * 100) / 100;
        members.set(memberId, { ...member, usd_total_spent: spent, updated_at: new Date(at).toISOString() });
        return deliver(webhookEvent({ type, data: webhookPayment(payment) }, at), options.webhook);
      }
      const index = memberships.findIndex((m) => m.member?.id === memberId && m.status === 'active');
      const active = memberships[index];
      if (!active) throw new Error(`${memberId} has no active membership to deactivate`);
      const canceled = { ...active, status: 'canceled' as const, canceled_at: new Date(at).toISOString() };
      memberships[index] = canceled;
      return deliver(webhookEvent({ type, data: webhookMembership(canceled) }, at), options.webhook);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
