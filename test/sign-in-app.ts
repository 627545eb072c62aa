import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiErrorEnvelopeSchema } from '../src/contract/api-error';
import { DEMO_COMPANY } from '../src/demo-whop/fixtures';
import { type DemoWhop, startDemoWhop } from '../src/demo-whop/server';
import { type BuiltServer, buildServer, type ServerOverrides } from '../src/server/compose';
import { readConfig } from '../src/server/config';
import type { Counts } from '../src/server/ops/counts';
import { loadSpa, type Spa } from '../src/server/page/shell';
import { waitForRedis } from '../src/server/redis';
import { type OidcStandIn, startOidcStandIn } from './oidc-stand-in';
import { collectLogs, FAST_RETRIES, TEST_API_KEY, TEST_REDIS_COMMAND_TIMEOUT_MS } from './test-app';

export const TEST_CLIENT = { clientId: 'app_testDashboard', clientSecret: 'test-client-secret-for-the-stand-in' };

/** A cookie jar per origin, enough for the redirects of one sign-in. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get(name: string) {
    return this.cookies.get(name);
  }
  set(name: string, value: string) {
    this.cookies.set(name, value);
  }
  delete(name: string) {
    this.cookies.delete(name);
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export type Clock = { now: number };

/** One dashboard instance: its app, and requests to it as a browser would send them. */
export type SignInInstance = {
  app: BuiltServer['app'];
  built: BuiltServer;
  /** A request to the app as a browser would send it: cookies, and the SPA's API header on /api. */
  request(path: string, jar: CookieJar, init?: RequestInit): Promise<Response>;
};

export type SignInTestApp = {
  app: BuiltServer['app'];
  built: BuiltServer;
  /**
   * Another instance built from the same variables (stand-ins, clock, REDIS_URL), as a
   * second process behind a load balancer would be. With REDIS_URL it is connected.
   * It counts into `metrics` when given (each instance needs a registry of its own).
   */
  addInstance(options?: { metrics?: Counts }): Promise<SignInInstance>;
  whop: DemoWhop;
  oidc: OidcStandIn;
  clock: Clock;
  logs: Array<Record<string, unknown>>;
  publicUrl: string;
  /** A request to the app as a browser would send it: cookies, and the SPA's API header on /api. */
  request(path: string, jar: CookieJar, init?: RequestInit): Promise<Response>;
  /** Up to the provider's login form: returns the app's redirect to Whop and the interaction URL. */
  startSignIn(
    jar: CookieJar,
    returnTo?: string,
  ): Promise<{ login: Response; interactionUrl: string; providerJar: CookieJar }>;
  /** The whole dance at the provider for `userId`; returns the callback URL the provider sent the browser to. */
  authorizeAt(interactionUrl: string, providerJar: CookieJar, userId: string): Promise<URL>;
  /** Sign-in from start to the app's answer to the callback. */
  signIn(jar: CookieJar, userId: string, returnTo?: string): Promise<Response>;
  close(): Promise<void>;
};

/**
 * The real app with sign-in on: demo Whop stand-in (access check), a real OpenID provider
 * on loopback, the real openid-client flow, an injectable clock for the session limits.
 * The configuration comes from variables through readConfig, as main.ts gets it, so a test
 * can set SESSION_IDLE_TIMEOUT_S and the rest exactly as an operator would.
 */
export async function startSignInTestApp(
  options: {
    publicUrl?: string;
    /** More variables (or other values) on top of the sign-in set, e.g. SESSION_IDLE_TIMEOUT_S. */
    env?: Record<string, string>;
    spa?: Spa | null;
    rateLimitPerMinute?: number;
    /** Where the app counts (metrics tests read it). */
    metrics?: Counts;
    /** The secret the dashboard presents, when not the one the provider knows (refusal tests). */
    clientSecret?: string;
    /** Session and sign-in stores in place of memory or REDIS_URL's (a store that fails on purpose). */
    stores?: ServerOverrides['stores'];
  } = {},
): Promise<SignInTestApp> {
  const publicUrl = options.publicUrl ?? 'http://127.0.0.1:3999';
  const whop = await startDemoWhop({ apiKey: TEST_API_KEY });
  const oidc = await startOidcStandIn({ client: { ...TEST_CLIENT, redirectUris: [`${publicUrl}/auth/callback`] } });
  const clock: Clock = { now: Date.now() };
  const { logs, sink } = collectLogs();
  const read = readConfig({
    WHOP_API_KEY: TEST_API_KEY,
    WHOP_BASE_URL: whop.baseURL,
    WHOP_COMPANY_ID: DEMO_COMPANY.id,
    WHOP_CLIENT_ID: TEST_CLIENT.clientId,
    WHOP_CLIENT_SECRET: options.clientSecret ?? TEST_CLIENT.clientSecret,
    PUBLIC_URL: publicUrl,
    SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
    WHOP_OAUTH_ISSUER: oidc.issuer,
    UPSTREAM_DEADLINE_MS: '2000',
    MEMBER_CACHE_TTL_MS: '0',
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 0),
    REDIS_COMMAND_TIMEOUT_MS: String(TEST_REDIS_COMMAND_TIMEOUT_MS),
    ...options.env,
  });
  if (!read.ok) throw new Error(read.message);
  if (read.config.access.kind !== 'sign-in') throw new Error(`expected sign-in, got ${read.config.access.kind}`);
  const config = read.config;
  const instances: BuiltServer[] = [];

  const addInstance = async (instance: { metrics?: Counts | undefined } = {}): Promise<SignInInstance> => {
    const built = buildServer(config, {
      upstream: { apiKey: TEST_API_KEY, baseURL: whop.baseURL },
      meta: { mode: 'live', demoMembers: [] },
      spa: options.spa ?? null,
      logDestination: sink,
      retry: FAST_RETRIES,
      now: () => clock.now,
      metrics: instance.metrics,
      stores: options.stores,
    });
    instances.push(built);
    // As main.ts does: an instance with REDIS_URL serves only once Redis answers.
    if (built.redis) {
      const reached = await waitForRedis(built.redis, 15_000);
      if (!reached.ok) throw new Error(`Redis did not answer: ${reached.reason}`);
    }
    const request: SignInInstance['request'] = async (path, jar, init = {}) => {
      const headers = new Headers(init.headers);
      const cookie = jar.header();
      if (cookie) headers.set('cookie', cookie);
      if (path.startsWith('/api/') && !headers.has('x-requested-with'))
        headers.set('x-requested-with', 'member-lookup');
      const res = await built.app.request(new URL(path, publicUrl).href, { ...init, headers, redirect: 'manual' });
      jar.store(res);
      return res;
    };
    return { app: built.app, built, request };
  };
  const { app, built, request } = await addInstance({ metrics: options.metrics });

  const providerFetch = async (url: string, providerJar: CookieJar, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const cookie = providerJar.header();
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    providerJar.store(res);
    return res;
  };

  const startSignIn: SignInTestApp['startSignIn'] = async (jar, returnTo) => {
    const login = await request(
      returnTo === undefined ? '/auth/login' : `/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
      jar,
    );
    const providerJar = new CookieJar();
    const authorize = await providerFetch(login.headers.get('location')!, providerJar);
    const interactionUrl = new URL(authorize.headers.get('location')!, oidc.issuer).href;
    return { login, interactionUrl, providerJar };
  };

  const authorizeAt: SignInTestApp['authorizeAt'] = async (interactionUrl, providerJar, userId) => {
    await providerFetch(interactionUrl, providerJar);
    let res = await providerFetch(`${interactionUrl}/login`, providerJar, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: userId }).toString(),
    });
    // Back through the provider's resume step until it sends the browser to our callback.
    for (let i = 0; i < 5; i++) {
      const location = new URL(res.headers.get('location')!, oidc.issuer);
      if (location.href.startsWith(`${publicUrl}/auth/callback`)) return location;
      res = await providerFetch(location.href, providerJar);
    }
    throw new Error('the provider never redirected to the callback');
  };

  return {
    app,
    built,
    addInstance,
    whop,
    oidc,
    clock,
    logs,
    publicUrl,
    request,
    startSignIn,
    authorizeAt,
    async signIn(jar, userId, returnTo) {
      const { interactionUrl, providerJar } = await startSignIn(jar, returnTo);
      const callback = await authorizeAt(interactionUrl, providerJar, userId);
      return request(`${callback.pathname}${callback.search}`, jar);
    },
    close: async () => {
      await Promise.all([whop.close(), oidc.close(), ...instances.map((i) => i.close())]);
    },
  };
}

/** The error code of an API answer in the one envelope. */
export async function codeOf(res: Response) {
  return ApiErrorEnvelopeSchema.parse(await res.json()).error.code;
}

/** The Set-Cookie line for one cookie, if the answer sets (or clears) it. */
export function sessionCookieLine(res: Response, name = 'session') {
  return res.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

/** A built SPA of one index.html with a stylesheet, for the pages and shell with sign-in on. */
export function spaWithIndex() {
  const root = mkdtempSync(path.join(tmpdir(), 'spa-auth-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><title>x</title><link rel="stylesheet" crossorigin href="/assets/index-abc.css"></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  return loadSpa(root, { mode: 'live', demoMembers: [] });
}

/** A cookie jar signed in through the app's own /auth routes as `userId` (a demo admin by default). */
export async function signedInJar(t: SignInTestApp, userId = 'user_demoMarcus'): Promise<CookieJar> {
  const jar = new CookieJar();
  const res = await t.signIn(jar, userId, '/');
  if (res.status !== 303) throw new Error(`signing in as ${userId} answered ${res.status}, not 303`);
  return jar;
}
