import { z } from 'zod';
import { bool, emptyAsUnset, isLoopbackHost, type ParsedEnv, parseEnvWith } from '../env';

const seconds = (min: number, max: number, fallback: number) =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be a whole number of seconds')
      .transform(Number)
      .pipe(z.number().int().min(min).max(max))
      .optional()
      .transform((v) => v ?? fallback),
  );

/** zod runs every refinement even after the URL check failed, so parse defensively. */
function tryUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** An origin the server is reached at, or an OAuth issuer: https, or http on loopback only. */
const httpsUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` }).refine((v) => {
    const url = tryUrl(v);
    return !url || url.protocol === 'https:' || isLoopbackHost(url.hostname);
  }, 'must use https (plain http is allowed only for loopback hosts)');

/**
 * The sign-in variables, parsed beside the server's EnvSchema. Sign-in is on when the five
 * SIGN_IN_VARIABLES are all set; timeouts may be shortened (tests) but never lengthened.
 */
export const AuthEnvSchema = z.object({
  WHOP_CLIENT_ID: z.preprocess(emptyAsUnset, z.string().trim().min(1).optional()),
  WHOP_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().trim().min(1).optional()),
  WHOP_COMPANY_ID: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .regex(/^biz_[A-Za-z0-9]+$/, 'must be a company id (biz_…)')
      .optional(),
  ),
  PUBLIC_URL: z.preprocess(
    emptyAsUnset,
    httpsUrl('the address people open, e.g. https://lookup.example.com')
      .refine((v) => {
        const url = tryUrl(v);
        return !url || ((url.pathname === '/' || url.pathname === '') && !url.search && !url.hash);
      }, 'must be an origin without a path, query or fragment, e.g. https://lookup.example.com')
      .transform((v) => new URL(v).origin)
      .optional(),
  ),
  SESSION_SECRET: z.preprocess(
    emptyAsUnset,
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  ),
  WHOP_OAUTH_ISSUER: z.preprocess(
    emptyAsUnset,
    httpsUrl("Whop's OAuth issuer")
      .optional()
      .transform((v) => (v ?? 'https://api.whop.com').replace(/\/+$/, '')),
  ),
  TRUST_UPSTREAM_AUTH: z.preprocess(emptyAsUnset, bool(false)),
  SESSION_IDLE_TIMEOUT_S: seconds(1, 30 * 60, 30 * 60),
  SESSION_ABSOLUTE_TIMEOUT_S: seconds(1, 8 * 60 * 60, 8 * 60 * 60),
  ADMIN_RECHECK_S: seconds(1, 15 * 60, 15 * 60),
});

export type AuthEnv = z.infer<typeof AuthEnvSchema>;

export type AuthEnvResult = ParsedEnv<AuthEnv>;

/** Parses the sign-in variables; a bad value yields a message naming it. */
export function parseAuthEnv(source: Record<string, string | undefined>): AuthEnvResult {
  return parseEnvWith(AuthEnvSchema, source);
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

export function resolveAccessMode(env: AuthEnv, server: { host: string; apiKey: string | undefined }): AccessMode {
  const missing = SIGN_IN_VARIABLES.filter((name) => env[name] === undefined);
  if (missing.length === 0) {
    return {
      kind: 'sign-in',
      config: {
        clientId: env.WHOP_CLIENT_ID!,
        clientSecret: env.WHOP_CLIENT_SECRET!,
        companyId: env.WHOP_COMPANY_ID!,
        publicUrl: env.PUBLIC_URL!,
        sessionSecret: env.SESSION_SECRET!,
        issuer: env.WHOP_OAUTH_ISSUER,
        idleTimeoutMs: env.SESSION_IDLE_TIMEOUT_S * 1000,
        absoluteTimeoutMs: env.SESSION_ABSOLUTE_TIMEOUT_S * 1000,
        adminRecheckMs: env.ADMIN_RECHECK_S * 1000,
      },
    };
  }
  // WHOP_COMPANY_ID alone also scopes other features, so it does not count as a
  // half-configured sign-in; any of the other four does.
  const started = SIGN_IN_VARIABLES.filter((name) => name !== 'WHOP_COMPANY_ID' && env[name] !== undefined);
  if (started.length > 0) {
    return {
      kind: 'refuse',
      message: `Sign in with Whop is half configured: set ${missing.join(', ')} as well (sign-in needs all of ${SIGN_IN_VARIABLES.join(', ')}).`,
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
