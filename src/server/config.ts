import { z } from 'zod';
import { FIRST_PAINT_WAIT_MS } from './page/first-paint';

/**
 * The server's whole configuration: one table of variables, parsed once at start-up.
 * This is the only module that reads `process.env` (the lint enforces it); everything
 * else gets the parsed values from the composition root (compose.ts).
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Empty strings count as unset, so `WHOP_API_KEY=` in a .env file means demo mode. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value: unknown) => (value === '' ? undefined : value), schema);

const wholeNumber = (min: number, max: number, fallback: number, unit = 'whole number') =>
  unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^\d+$/, `must be a ${unit}`)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max))
      .optional()
      .transform((v) => v ?? fallback),
  );

const seconds = (min: number, max: number, fallback: number) =>
  wholeNumber(min, max, fallback, 'whole number of seconds');

/** Off unless set to true or 1 (every switch here defaults to off). */
const bool = () =>
  unsetIfEmpty(
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .optional()
      .transform((v) => v === 'true' || v === '1'),
  );

const text = (fallback: string) =>
  unsetIfEmpty(
    z
      .string()
      .trim()
      .min(1)
      .optional()
      .transform((v) => v ?? fallback),
  );

const secret = (min = 1, error?: string) => unsetIfEmpty(z.string().trim().min(min, error).optional());

/** zod runs every refinement even after the URL check failed, so parse defensively. */
function tryUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** https, or plain http on a loopback host only (tests, local use). */
const httpsUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` }).refine((v) => {
    const url = tryUrl(v);
    return !url || url.protocol === 'https:' || isLoopbackHost(url.hostname);
  }, 'must use https (plain http is allowed only for loopback hosts)');

const withoutTrailingSlash = (fallback: string) => (v: string | undefined) => (v ?? fallback).replace(/\/+$/, '');

export const ConfigSchema = z.object({
  // --- Whop's API
  WHOP_API_KEY: secret(),
  WHOP_BASE_URL: unsetIfEmpty(
    httpsUrl("Whop's API base").optional().transform(withoutTrailingSlash('https://api.whop.com/api/v1')),
  ),
  /** The company text search runs in and sign-in checks admins of; without it only ids work. */
  WHOP_COMPANY_ID: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^biz_[A-Za-z0-9]{1,60}$/, 'must be a Whop company id: biz_ followed by letters and digits')
      .optional(),
  ),
  UPSTREAM_DEADLINE_MS: wholeNumber(100, 120_000, 10_000),
  UPSTREAM_CONCURRENCY: wholeNumber(1, 1024, 16),
  UPSTREAM_QUEUE: wholeNumber(0, 100_000, 256),
  /**
   * Whop calls a second, every instance together (upstream/request-budget.ts). At least 2: one
   * slot a second is always kept for single lookups, so a bulk list needs another.
   */
  WHOP_REQUESTS_PER_SECOND: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be a whole number of requests a second, from 2 to 1000')
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(2, 'must be at least 2 (one request a second is always kept for single lookups)')
          .max(1_000, 'must be at most 1000'),
      )
      .optional()
      .transform((v) => v ?? 10),
  ),
  /** At most MEMBER_CACHE_TTL_MAX_MS, or MEMBER_CACHE_TTL_LIVE_MAX_MS with WHOP_WEBHOOK_SECRET (parseEnv checks). */
  MEMBER_CACHE_TTL_MS: wholeNumber(0, 600_000, 5_000),
  /** How long a deep link's page waits for Whop to render the member into it (first-paint.ts); 0 = never. */
  FIRST_PAINT_WAIT_MS: wholeNumber(0, 2_000, FIRST_PAINT_WAIT_MS),

  /**
   * The secret of Whop's webhook endpoint, as Whop shows it: set, POST /webhooks/whop takes
   * Whop's deliveries and open member pages hear of changes (live/; decision 0034).
   */
  WHOP_WEBHOOK_SECRET: secret(),

  // --- The server itself
  HOST: text('127.0.0.1'),
  PORT: wholeNumber(0, 65535, 3000),
  RATE_LIMIT_PER_MINUTE: wholeNumber(0, 1_000_000, 120),
  TRUST_PROXY: bool(),
  HSTS: bool(),
  LOG_LEVEL: unsetIfEmpty(
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .optional()
      .transform((v) => v ?? 'info'),
  ),
  STATIC_DIR: text('dist/client'),
  /** Prometheus metrics on their own listener at HOST:METRICS_PORT/metrics; unset: off. */
  METRICS_PORT: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be a port number')
      .transform(Number)
      .pipe(z.number().int().min(0).max(65535))
      .optional(),
  ),

  // --- Shared state (several instances): unset keeps everything in this process's memory.
  /** redis:// or rediss:// (TLS); may carry a user and password, which are never logged. */
  REDIS_URL: unsetIfEmpty(
    z
      .string()
      .trim()
      .refine((v) => {
        const url = tryUrl(v);
        return !!url && (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
      }, 'must be a redis:// or rediss:// URL with a host, e.g. redis://127.0.0.1:6379 (rediss:// for TLS)')
      .optional(),
  ),
  /**
   * Put before every key this deployment writes, so two deployments can share one Redis.
   * Letters, digits and `:_.-` only: it also goes into SCAN patterns, where `*?[]` would be wildcards.
   */
  REDIS_PREFIX: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1 to 64 letters, digits or : _ . - (e.g. wml:)')
      .optional()
      .transform((v) => v ?? 'wml:'),
  ),
  /** A Redis reply slower than this counts as Redis being unavailable (src/server/redis.ts). */
  REDIS_COMMAND_TIMEOUT_MS: wholeNumber(10, 60_000, 500),

  // --- Demo mode (no WHOP_API_KEY)
  /** The key the demo stand-in accepts; random unless set (the e2e suite sets a canary). */
  DEMO_API_KEY: secret(16),
  /** Latency the embedded demo stand-in adds to each answer (benchmarks use it). */
  DEMO_LATENCY_MS: wholeNumber(0, 60_000, 0),

  // --- Sign in with Whop: on when the five SIGN_IN_VARIABLES are all set. Timeouts may
  // be shortened (tests) but never lengthened.
  WHOP_CLIENT_ID: secret(),
  WHOP_CLIENT_SECRET: secret(),
  PUBLIC_URL: unsetIfEmpty(
    httpsUrl('the address people open, e.g. https://lookup.example.com')
      .refine((v) => {
        const url = tryUrl(v);
        return !url || ((url.pathname === '/' || url.pathname === '') && !url.search && !url.hash);
      }, 'must be an origin without a path, query or fragment, e.g. https://lookup.example.com')
      .transform((v) => new URL(v).origin)
      .optional(),
  ),
  SESSION_SECRET: unsetIfEmpty(
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  ),
  WHOP_OAUTH_ISSUER: unsetIfEmpty(
    httpsUrl("Whop's OAuth issuer").optional().transform(withoutTrailingSlash('https://api.whop.com')),
  ),
  TRUST_UPSTREAM_AUTH: bool(),
  SESSION_IDLE_TIMEOUT_S: seconds(1, 30 * 60, 30 * 60),
  SESSION_ABSOLUTE_TIMEOUT_S: seconds(1, 8 * 60 * 60, 8 * 60 * 60),
  ADMIN_RECHECK_S: seconds(1, 15 * 60, 15 * 60),
});

/** Every variable, parsed: the defaults filled in, empty strings read as unset. */
export type Env = z.infer<typeof ConfigSchema>;

export type EnvResult = { ok: true; env: Env } | { ok: false; message: string };

/** How long a member may be served from the cache: a few seconds, unless webhooks say when it changes. */
export const MEMBER_CACHE_TTL_MAX_MS = 30_000;
export const MEMBER_CACHE_TTL_LIVE_MAX_MS = 600_000;

/** What one variable may be only given another: each problem as `NAME: message`. */
function crossChecks(env: Env): string[] {
  const problems: string[] = [];
  const { METRICS_PORT, PORT } = env;
  if (METRICS_PORT !== undefined && METRICS_PORT !== 0 && METRICS_PORT === PORT)
    problems.push('METRICS_PORT: must differ from PORT (metrics are never served on the public port)');
  // Demo mode (no key) makes a webhook secret of its own (start.ts): it is live.
  if (env.MEMBER_CACHE_TTL_MS > MEMBER_CACHE_TTL_MAX_MS && !env.WHOP_WEBHOOK_SECRET && env.WHOP_API_KEY)
    problems.push(
      `MEMBER_CACHE_TTL_MS: must be at most ${MEMBER_CACHE_TTL_MAX_MS} without WHOP_WEBHOOK_SECRET (up to ${MEMBER_CACHE_TTL_LIVE_MAX_MS} with it, when Whop's webhooks say when a member changes)`,
    );
  return problems;
}

/** Parses the variables; a bad value yields one message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  const result = ConfigSchema.safeParse(source);
  if (result.success) {
    const problems = crossChecks(result.data);
    if (problems.length === 0) return { ok: true, env: result.data };
    return { ok: false, message: `Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}` };
  }
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  return { ok: false, message: `Invalid configuration:\n${lines.join('\n')}` };
}

export const SIGN_IN_VARIABLES = [
  'WHOP_CLIENT_ID',
  'WHOP_CLIENT_SECRET',
  'WHOP_COMPANY_ID',
  'PUBLIC_URL',
  'SESSION_SECRET',
] as const;

export type SignInConfig = {
  clientId: string;
  clientSecret: string;
  companyId: string;
  publicUrl: string;
  sessionSecret: string;
  issuer: string;
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  adminRecheckMs: number;
};

/**
 * Who may use the dashboard, decided once at start-up:
 * - `sign-in`: only admins of WHOP_COMPANY_ID, after Sign in with Whop;
 * - `open`: anyone who reaches it (loopback, or demo data);
 * - `trust-upstream`: anyone who reaches it, because the operator vouches for an
 *   authenticating proxy in front (logged as a warning);
 * - `refuse`: live data on a non-loopback address with nobody checking; the server exits.
 */
export type AccessMode =
  | { kind: 'sign-in'; config: SignInConfig }
  | { kind: 'open'; reason: 'loopback' | 'demo' }
  | { kind: 'trust-upstream' }
  | { kind: 'refuse'; message: string };

/** The access modes a server can run in. */
export type ServerAccess = Exclude<AccessMode, { kind: 'refuse' }>;

/** The sign-in variables when all five are set; the names of those missing otherwise. */
function signInConfig(env: Env): { ok: true; config: SignInConfig } | { ok: false; missing: string[] } {
  const { WHOP_CLIENT_ID, WHOP_CLIENT_SECRET, WHOP_COMPANY_ID, PUBLIC_URL, SESSION_SECRET } = env;
  if (WHOP_CLIENT_ID && WHOP_CLIENT_SECRET && WHOP_COMPANY_ID && PUBLIC_URL && SESSION_SECRET) {
    return {
      ok: true,
      config: {
        clientId: WHOP_CLIENT_ID,
        clientSecret: WHOP_CLIENT_SECRET,
        companyId: WHOP_COMPANY_ID,
        publicUrl: PUBLIC_URL,
        sessionSecret: SESSION_SECRET,
        issuer: env.WHOP_OAUTH_ISSUER,
        idleTimeoutMs: env.SESSION_IDLE_TIMEOUT_S * 1000,
        absoluteTimeoutMs: env.SESSION_ABSOLUTE_TIMEOUT_S * 1000,
        adminRecheckMs: env.ADMIN_RECHECK_S * 1000,
      },
    };
  }
  return { ok: false, missing: SIGN_IN_VARIABLES.filter((name) => env[name] === undefined) };
}

export function resolveAccessMode(env: Env, server: { host: string; apiKey: string | undefined }): AccessMode {
  const signIn = signInConfig(env);
  if (signIn.ok) return { kind: 'sign-in', config: signIn.config };
  // WHOP_COMPANY_ID alone also scopes other features, so it does not count as a
  // half-configured sign-in; any of the other four does.
  const started = SIGN_IN_VARIABLES.filter((name) => name !== 'WHOP_COMPANY_ID' && env[name] !== undefined);
  if (started.length > 0) {
    return {
      kind: 'refuse',
      message: `Sign in with Whop is half configured: set ${signIn.missing.join(', ')} as well (sign-in needs all of ${SIGN_IN_VARIABLES.join(', ')}).`,
    };
  }
  if (!server.apiKey) return { kind: 'open', reason: 'demo' };
  if (isLoopbackHost(server.host)) return { kind: 'open', reason: 'loopback' };
  if (env.TRUST_UPSTREAM_AUTH) return { kind: 'trust-upstream' };
  return {
    kind: 'refuse',
    message: [
      `Refusing to start: HOST=${server.host} is reachable from other machines, and nobody would have to sign in to see member data.`,
      `Turn on Sign in with Whop by setting ${SIGN_IN_VARIABLES.join(', ')} (see the README),`,
      'or set TRUST_UPSTREAM_AUTH=true if an authenticating proxy in front of this server already lets only your team through,',
      'or listen on a loopback address (HOST=127.0.0.1) for local use.',
    ].join('\n'),
  };
}

/** What the composition root builds a server from: the variables and who may use it. */
export type ServerConfig = { env: Env; access: ServerAccess };

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; message: string };

/**
 * Parses the variables and decides the access mode, with one message for whatever is
 * wrong. main.ts calls it with no argument: the process's environment and `.env`.
 */
export function readConfig(source: Record<string, string | undefined> = processEnv()): ConfigResult {
  const parsed = parseEnv(source);
  if (!parsed.ok) return parsed;
  const access = resolveAccessMode(parsed.env, { host: parsed.env.HOST, apiKey: parsed.env.WHOP_API_KEY });
  if (access.kind === 'refuse') return { ok: false, message: access.message };
  return { ok: true, config: { env: parsed.env, access } };
}

/**
 * The process's environment, with a `.env` file in the working directory loaded first
 * when there is one. Node's loader never overrides a variable already set, so the real
 * environment wins over the file.
 */
export function processEnv(envFile = '.env'): Record<string, string | undefined> {
  try {
    process.loadEnvFile(envFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return process.env;
}
