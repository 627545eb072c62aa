import type { UserCheckAccessResponse } from '@whop/sdk/resources/users';
import { z } from 'zod';
import { problems } from '../../contract/problem';
import { createWhopUpstream, parserFor, type RecordProblems, type UpstreamOptions } from '../upstream/upstream-call';

export type AdminCheckResult = { ok: true; admin: boolean; accessLevel: string } | { ok: false; detail: string };

export type AdminCheck = {
  /** Asks Whop, with the company API key, whether the user is an admin of the company. */
  isAdmin(userId: string): Promise<AdminCheckResult>;
  /** The company's name for messages; its id when Whop will not say. */
  companyName(): Promise<string>;
};

export type WhopAdminCheckOptions = UpstreamOptions & { companyId: string };

/** The access levels the SDK documents (`admin`, `customer`, `no_access`); only `admin` lets anyone in. */
const ADMIN: UserCheckAccessResponse['access_level'] = 'admin';

/**
 * Whop's access answer. The level stays an open string: a level Whop adds later is a
 * "no" (not an admin), as before, not a failed check. An answer without the fields is.
 */
const AccessAnswerSchema = z.object({ access_level: z.string().min(1), has_access: z.boolean() });

/** The company's title, when it has one; an answer without it still means "use the id". */
const CompanyTitleSchema = z.object({ title: z.unknown() }).transform(({ title }) => {
  const trimmed = typeof title === 'string' ? title.trim() : '';
  return trimmed || null;
});

const ACCESS: RecordProblems = {
  notFound: () => problems.upstreamError('Whop does not know this user or the company in WHOP_COMPANY_ID.'),
  forbidden: () => problems.upstreamError('The API key may not check access to the company.'),
  what: 'an access check',
  endpoint: 'users.checkAccess',
};
const COMPANY: RecordProblems = {
  notFound: () => problems.upstreamError('Whop does not know the company in WHOP_COMPANY_ID.'),
  forbidden: () => problems.upstreamError('The API key may not read the company (company:basic:read).'),
  what: 'a company record',
  endpoint: 'companies.retrieve',
};

/** Answers are tiny; nothing larger is worth holding. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Whop's access check (`users.checkAccess(companyId, { id: userId })`, i.e.
 * `GET /users/:id/access/:company`) answers an access level: `admin`, `customer` or
 * `no_access`. Only `admin` lets someone into the dashboard. Both calls take the shared
 * path of every Whop call (upstream-call.ts): deadline, retry policy, limiter, guarded fetch.
 */
export function createWhopAdminCheck(options: WhopAdminCheckOptions): AdminCheck {
  const { client, call } = createWhopUpstream({ maxBodyBytes: MAX_BODY_BYTES, ...options });
  const { companyId } = options;
  let name: Promise<string> | null = null;

  return {
    async isAdmin(userId) {
      const answer = await call(
        (o) => client.users.checkAccess(companyId, { id: userId }, o),
        parserFor(AccessAnswerSchema),
        ACCESS,
      );
      if (!answer.ok) {
        return {
          ok: false,
          detail: answer.upstreamStatus !== null ? `http_${answer.upstreamStatus}` : answer.problem.code,
        };
      }
      const level = answer.value.access_level;
      return { ok: true, admin: level === ADMIN, accessLevel: level };
    },

    companyName() {
      // Needs `company:basic:read`; without it the message names the company id instead.
      name ??= call((o) => client.companies.retrieve(companyId, o), parserFor(CompanyTitleSchema), COMPANY).then(
        (answer) => {
          if (answer.ok) return answer.value ?? companyId;
          name = null;
          return companyId;
        },
      );
      return name;
    },
  };
}
