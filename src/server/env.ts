import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? fallback);

export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

/** Empty strings count as unset, so `WHOP_API_KEY=` in a .env file means demo mode. */
export const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

export const EnvSchema = z.object({
  WHOP_API_KEY: z.preprocess(emptyAsUnset, z.string().trim().min(1).optional()),
  WHOP_BASE_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .optional()
      .transform((v) => (v ?? 'https://api.whop.com/api/v1').replace(/\/+$/, ''))
      .refine((v) => {
        const url = new URL(v);
        return url.protocol === 'https:' || isLoopbackHost(url.hostname);
      }, 'must use https (plain http is allowed only for loopback hosts)'),
  ),
  /** The company text search runs in; without it only member and membership ids work. */
  WHOP_COMPANY_ID: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .regex(/^biz_[A-Za-z0-9]{1,60}$/, 'must be a Whop company id: biz_ followed by letters and digits')
      .optional(),
  ),
  HOST: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .min(1)
      .optional()
      .transform((v) => v ?? '127.0.0.1'),
  ),
  PORT: z.preprocess(emptyAsUnset, int(0, 65535, 3000)),
  UPSTREAM_DEADLINE_MS: z.preprocess(emptyAsUnset, int(100, 120_000, 10_000)),
  UPSTREAM_CONCURRENCY: z.preprocess(emptyAsUnset, int(1, 1024, 16)),
  UPSTREAM_QUEUE: z.preprocess(emptyAsUnset, int(0, 100_000, 256)),
  MEMBER_CACHE_TTL_MS: z.preprocess(emptyAsUnset, int(0, 30_000, 5_000)),
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUnset, int(0, 1_000_000, 120)),
  TRUST_PROXY: z.preprocess(emptyAsUnset, bool(false)),
  HSTS: z.preprocess(emptyAsUnset, bool(false)),
  LOG_LEVEL: z.preprocess(
    emptyAsUnset,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .optional()
      .transform((v) => v ?? 'info'),
  ),
  /** The key the demo stand-in accepts; random unless set (the e2e suite sets a canary). */
  DEMO_API_KEY: z.preprocess(emptyAsUnset, z.string().trim().min(16).optional()),
  /** Latency the embedded demo stand-in adds to each answer (benchmarks use it). */
  DEMO_LATENCY_MS: z.preprocess(emptyAsUnset, int(0, 60_000, 0)),
  STATIC_DIR: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .optional()
      .transform((v) => v ?? 'dist/client'),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

export type ParsedEnv<T> = { ok: true; env: T } | { ok: false; message: string };
export type EnvResult = ParsedEnv<Env>;

/** Parses variables with a schema; a bad value yields a message naming each variable. */
export function parseEnvWith<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
): ParsedEnv<z.infer<S>> {
  const result = schema.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  return { ok: false, message: `Invalid configuration:\n${lines.join('\n')}` };
}

/** Parses the environment once at start-up; a bad value yields a message naming it. */
export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  return parseEnvWith(EnvSchema, source);
}
