import Whop from '@whop/sdk';
import { createGuardedFetch } from '../guarded-fetch';

export type AdminCheckResult = { ok: true; admin: boolean; accessLevel: string } | { ok: false; detail: string };

export type AdminCheck = {
  /** Asks Whop, with the company API key, whether the user is an admin of the company. */
  isAdmin(userId: string): Promise<AdminCheckResult>;
  /** The company's name for messages; its id when Whop will not say. */
  companyName(): Promise<string>;
};

export type WhopAdminCheckOptions = {
  apiKey: string;
  baseURL: string;
  companyId: string;
  timeoutMs?: number;
};

/**
 * Whop's access check (`users.checkAccess(companyId, { id: userId })`, i.e.
 * `GET /users/:id/access/:company`) answers an access level: `admin`, `customer` or
 * `no_access`. Only `admin` lets someone into the dashboard.
 */
export function createWhopAdminCheck(options: WhopAdminCheckOptions): AdminCheck {
  const timeout = options.timeoutMs ?? 5000;
  const client = new Whop({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    appID: null,
    webhookKey: null,
    maxRetries: 1,
    timeout,
    logLevel: 'off',
    fetch: createGuardedFetch(64 * 1024),
  });
  let name: Promise<string> | null = null;

  return {
    async isAdmin(userId) {
      try {
        const answer = await client.users.checkAccess(options.companyId, { id: userId }, { timeout, maxRetries: 1 });
        const level = typeof answer?.access_level === 'string' ? answer.access_level : 'unknown';
        return { ok: true, admin: level === 'admin', accessLevel: level };
      } catch (err) {
        const status = (err as { status?: unknown }).status;
        return {
          ok: false,
          detail: typeof status === 'number' ? `http_${status}` : err instanceof Error ? err.name : 'unknown',
        };
      }
    },

    companyName() {
      // Needs `company:basic:read`; without it the message names the company id instead.
      name ??= client.companies
        .retrieve(options.companyId, { timeout, maxRetries: 0 })
        .then((company) =>
          typeof company?.title === 'string' && company.title.trim() ? company.title.trim() : options.companyId,
        )
        .catch(() => {
          name = null;
          return options.companyId;
        });
      return name;
    },
  };
}
