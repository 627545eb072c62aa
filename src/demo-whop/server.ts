import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Member } from '../contract/member';
import {
  DEMO_COMPANY,
  demoAccessLevel,
  demoMembers,
  demoMemberships,
  RESTRICTED_MEMBER_ID,
  SLOW_MS,
  SPECIAL_IDS,
  SPECIAL_MEMBERSHIP_IDS,
  SPECIAL_QUERIES,
  SPECIAL_USER_IDS,
} from './fixtures';

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
};

export type DemoWhop = {
  /** The SDK base URL, e.g. http://127.0.0.1:54321/api/v1 */
  baseURL: string;
  /** Every request seen, in order: method, path and (when there is one) query string. */
  readonly requests: ReadonlyArray<{ method: string; path: string; query?: string }>;
  callsFor(id: string): number;
  close(): Promise<void>;
};

const PREFIX = '/api/v1';

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const whopError = (type: string, message: string) => ({ error: { type, message } });

/** Cursor pagination as Whop does it: `first` and `after` in, `page_info` out. */
function paginate<T>(items: T[], params: URLSearchParams): { data: T[]; page_info: Record<string, unknown> } | null {
  const first = params.has('first') ? Number(params.get('first')) : 25;
  if (!Number.isInteger(first) || first < 1 || first > 100) return null;
  const after = params.get('after');
  let offset = 0;
  if (after !== null) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(after, 'base64url').toString());
    if (!decoded) return null;
    offset = Number(decoded[1]);
  }
  const data = items.slice(offset, offset + first);
  const end = offset + data.length;
  const cursor = (n: number) => Buffer.from(`o:${n}`).toString('base64url');
  return {
    data,
    page_info: {
      start_cursor: data.length ? cursor(offset) : null,
      end_cursor: data.length ? cursor(end) : null,
      has_next_page: end < items.length,
      has_previous_page: offset > 0,
    },
  };
}

/**
 * An in-process stand-in for Whop's API: the demo members, plus ids that fail in each
 * way the real one can (see SPECIAL_IDS). Speaks plain HTTP on loopback only.
 */
export async function startDemoWhop(options: DemoWhopOptions): Promise<DemoWhop> {
  const now = options.now ?? Date.now();
  const members = new Map<string, Member>(demoMembers(now).map((m) => [m.id, m]));
  const template = members.get('mber_demoAvaChen')!;
  const asMember = (id: string, name: string): Member => ({
    ...template,
    id,
    user: {
      id: `user_${id.slice(5)}`,
      username: id.slice(5).toLowerCase(),
      name,
      email: `${id.slice(5).toLowerCase()}@example.com`,
    },
  });
  members.set(SPECIAL_IDS.flaky, asMember(SPECIAL_IDS.flaky, 'Flaky Fiona'));
  members.set(SPECIAL_IDS.slow, asMember(SPECIAL_IDS.slow, 'Slow Sam'));
  members.set(SPECIAL_IDS.retryAfter1, asMember(SPECIAL_IDS.retryAfter1, 'Patient Pat'));
  for (const member of options.extraMembers ?? []) members.set(member.id, member);

  const listed = demoMembers(now).map(({ company: _company, ...item }) => item);
  const memberships = demoMemberships(now);
  const requests: Array<{ method: string; path: string; query?: string }> = [];
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

  function answerMember(id: string, n: number, res: ServerResponse, req: IncomingMessage) {
    switch (id) {
      case SPECIAL_IDS.forbidden:
        return sendJson(res, 403, whopError('forbidden', 'You do not have permission to access this resource'));
      case SPECIAL_IDS.unauthorized:
        return sendJson(res, 401, whopError('unauthorized', 'Invalid or missing API key'));
      case SPECIAL_IDS.rateLimited:
        // The legacy rate-limit shape: no {error:{...}} wrapper.
        return sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '30' });
      case SPECIAL_IDS.retryAfter120:
        return sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '120' });
      case SPECIAL_IDS.retryAfter1:
        if (n % 2 === 1) return sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '1' });
        break;
      case SPECIAL_IDS.flaky:
        if (n % 2 === 1) return sendJson(res, 500, whopError('internal_server_error', 'An unexpected error occurred'));
        break;
      case SPECIAL_IDS.unavailable:
        return sendJson(res, 503, whopError('service_unavailable', 'Service unavailable'));
      case SPECIAL_IDS.slow:
        return later(SLOW_MS, () => sendJson(res, 200, members.get(id)));
      case SPECIAL_IDS.hang:
        return; // never answers; the socket is destroyed on close()
      case SPECIAL_IDS.drip: {
        res.writeHead(200, { 'content-type': 'application/json' });
        const tick = () => {
          if (res.destroyed) return;
          res.write(' ');
          later(200, tick);
        };
        return tick();
      }
      case SPECIAL_IDS.reset:
        return req.socket.destroy();
      case SPECIAL_IDS.truncated: {
        const text = JSON.stringify(template);
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(text.slice(0, text.length / 2));
      }
      case SPECIAL_IDS.html502:
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>502 Bad Gateway</h1><p>cloudflare</p></body></html>');
      case SPECIAL_IDS.wrongType:
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<!doctype html><title>Whop</title><p>Maintenance</p>');
      case SPECIAL_IDS.wrongShape:
        return sendJson(res, 200, { id, object: 'member', data: [] });
      case SPECIAL_IDS.huge: {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = 'x'.repeat(64 * 1024);
        res.write(`{"id":"${id}","padding":"`);
        for (let i = 0; i < 160; i++) res.write(chunk); // ~10 MB
        return res.end('"}');
      }
      case SPECIAL_IDS.redirect:
        // Points at a real member: if the proxy followed it, the test would see a 200.
        res.writeHead(302, { location: `${PREFIX}/members/mber_demoAvaChen` });
        return res.end();
      case SPECIAL_IDS.badRequest:
        return sendJson(res, 400, whopError('invalid_request_error', 'Bad request'));
      case SPECIAL_IDS.unprocessable:
        return sendJson(res, 422, whopError('verification_required', 'Verification required'));
    }
    const member = members.get(id);
    if (!member) return sendJson(res, 404, whopError('not_found', 'Resource not found'));
    return sendJson(res, 200, member);
  }

  /**
   * The access check (`GET /users/:id/access/:resource`, what `users.checkAccess` calls)
   * and the company record (`GET /companies/:id`). Returns false for any other path.
   */
  function answerAccountRoute(path: string, res: ServerResponse): boolean {
    const access = /^\/users\/([^/]+)\/access\/([^/]+)$/.exec(path);
    if (access) {
      const userId = decodeURIComponent(access[1]!);
      const resourceId = decodeURIComponent(access[2]!);
      const n = (accessChecks.get(userId) ?? 0) + 1;
      accessChecks.set(userId, n);
      if (resourceId !== DEMO_COMPANY.id) sendJson(res, 404, whopError('not_found', 'Resource not found'));
      else if (userId === SPECIAL_USER_IDS.accessCheckFails) {
        sendJson(res, 500, whopError('internal_server_error', 'An unexpected error occurred'));
      } else {
        const level =
          userId === SPECIAL_USER_IDS.formerAdmin ? (n === 1 ? 'admin' : 'no_access') : demoAccessLevel(userId);
        sendJson(res, 200, { has_access: level !== 'no_access', access_level: level });
      }
      return true;
    }
    const company = /^\/companies\/([^/]+)$/.exec(path);
    if (company) {
      if (decodeURIComponent(company[1]!) === DEMO_COMPANY.id) sendJson(res, 200, { ...DEMO_COMPANY });
      else sendJson(res, 404, whopError('not_found', 'Resource not found'));
      return true;
    }
    return false;
  }

  /** The company must be ours (an API key sees one company); a missing one is a 400. */
  function companyProblem(params: URLSearchParams, res: ServerResponse): boolean {
    const company = params.get('company_id');
    if (!company) {
      sendJson(res, 400, whopError('invalid_request_error', 'company_id is required when using an API key'));
      return true;
    }
    if (company !== DEMO_COMPANY.id) {
      sendJson(res, 403, whopError('forbidden', 'You do not have permission to access this resource'));
      return true;
    }
    return false;
  }

  function sendPage<T>(items: T[], params: URLSearchParams, res: ServerResponse) {
    const page = paginate(items, params);
    if (!page) return sendJson(res, 400, whopError('invalid_request_error', 'Invalid pagination parameters'));
    return sendJson(res, 200, page);
  }

  function listMembers(params: URLSearchParams, res: ServerResponse) {
    if (companyProblem(params, res)) return;
    const query = params.get('query')?.toLowerCase();
    const userIds = params.getAll('user_ids[]');
    if (query === SPECIAL_QUERIES.forbidden) {
      return sendJson(res, 403, whopError('forbidden', 'You do not have permission to access this resource'));
    }
    const found = listed.filter(
      (m) =>
        (userIds.length === 0 || (m.user !== null && userIds.includes(m.user.id))) &&
        (!query ||
          [m.user?.name, m.user?.username, m.user?.email].some((field) => field?.toLowerCase().includes(query))),
    );
    if (query === SPECIAL_QUERIES.slow) return later(SLOW_MS, () => sendPage(found, params, res));
    return sendPage(found, params, res);
  }

  function listMemberships(params: URLSearchParams, res: ServerResponse) {
    if (companyProblem(params, res)) return;
    const userIds = params.getAll('user_ids[]');
    const restricted = demoMembers(now).find((m) => m.id === RESTRICTED_MEMBER_ID)?.user?.id;
    if (restricted && userIds.includes(restricted)) {
      return sendJson(res, 403, whopError('forbidden', 'You do not have permission to access this resource'));
    }
    return sendPage(
      memberships.filter((m) => userIds.length === 0 || (m.user !== null && userIds.includes(m.user.id))),
      params,
      res,
    );
  }

  function answerMembership(id: string, res: ServerResponse) {
    if (id === SPECIAL_MEMBERSHIP_IDS.forbidden) {
      return sendJson(res, 403, whopError('forbidden', 'You do not have permission to access this resource'));
    }
    const membership = memberships.find((m) => m.id === id);
    if (!membership) return sendJson(res, 404, whopError('not_found', 'Resource not found'));
    return sendJson(res, 200, membership);
  }

  /** Which answer a path gets; null when the stand-in has no such endpoint. */
  function route(pathname: string, url: URL, req: IncomingMessage, res: ServerResponse): (() => void) | null {
    if (!pathname.startsWith(PREFIX)) return null;
    const rest = pathname.slice(PREFIX.length);
    if (rest === '/members') return () => listMembers(url.searchParams, res);
    if (rest === '/memberships') return () => listMemberships(url.searchParams, res);
    const membership = /^\/memberships\/([^/]+)$/.exec(rest);
    if (membership) return () => answerMembership(decodeURIComponent(membership[1]!), res);
    const member = /^\/members\/([^/]+)$/.exec(rest);
    if (!member) return null;
    const id = decodeURIComponent(member[1]!);
    const n = (calls.get(id) ?? 0) + 1;
    calls.set(id, n);
    return () => answerMember(id, n, res, req);
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, ...(url.search ? { query: url.search } : {}) });
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, whopError('unauthorized', 'Invalid or missing API key'));
    }
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : '';
    if (req.method === 'GET' && answerAccountRoute(path, res)) return;
    const answer = route(url.pathname, url, req, res);
    if (!answer) return sendJson(res, 404, whopError('not_found', 'Resource not found'));
    if (req.method !== 'GET') return sendJson(res, 405, whopError('method_not_allowed', 'Method not allowed'));
    if (options.latencyMs) later(options.latencyMs, answer);
    else answer();
  }

  const server = createServer(handle);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}${PREFIX}`,
    requests,
    callsFor: (id) => calls.get(id) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
