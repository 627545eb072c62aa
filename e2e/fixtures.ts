import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { OIDC_ISSUER } from './support/sign-in-env';

/** The search page: one labelled search box (the header's on other pages). */
export class SearchPage {
  constructor(readonly page: Page) {}
  get input() {
    return this.page.getByRole('searchbox', { name: 'Search members' }).first();
  }
  get results() {
    return this.page.getByRole('list', { name: 'Matching members' }).getByRole('link');
  }
  get recent() {
    return this.page.getByRole('list', { name: 'Recent lookups' }).getByRole('link');
  }
  async goto() {
    await this.page.goto('/');
  }
  async lookUp(query: string) {
    await this.input.fill(query);
    await this.input.press('Enter');
  }
}

/** The member detail page. */
export class MemberPage {
  constructor(readonly page: Page) {}
  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }
  field(label: string) {
    return this.page
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }
  get skeleton() {
    return this.page.getByRole('status').filter({ hasText: 'Loading member' });
  }
  get alert() {
    return this.page.getByRole('alert');
  }
  get memberships() {
    return this.page.getByRole('region', { name: 'Memberships' });
  }
  get freshness() {
    return this.page.getByTestId('freshness');
  }
  get payments() {
    return this.page.getByRole('region', { name: 'Payments' });
  }
  get tokenHistory() {
    return this.page.getByRole('region', { name: 'Token history' });
  }
}

/** The sign-in page of the OpenID provider standing in for Whop. */
export class WhopSignInPage {
  constructor(readonly page: Page) {}
  async signInAs(userId: string) {
    await expect(this.page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/interaction/`));
    await this.page.getByRole('textbox', { name: 'Whop user' }).fill(userId);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}

type Fixtures = {
  whopSignIn: WhopSignInPage;
  searchPage: SearchPage;
  memberPage: MemberPage;
  /** Every /api request the page made, in order. */
  apiRequests: string[];
  /** What the page's live region last said to screen readers. */
  announcer: import('@playwright/test').Locator;
  /** Runs axe (WCAG 2.1 AA) on the current page and expects no violations. */
  expectNoAxeViolations: () => Promise<void>;
  /** Automatic: fails any test whose page reported a CSP violation. */
  cspViolations: string[];
  /** Automatic: fails any test in which a response the browser saw carried the API key. */
  keyLeaks: string[];
};

export const test = base.extend<Fixtures>({
  keyLeaks: [
    async ({ page }, use) => {
      const canary = process.env.E2E_CANARY_KEY!;
      const leaks: string[] = [];
      const checks: Promise<void>[] = [];
      page.on('response', (response) => {
        checks.push(
          (async () => {
            // A response still arriving as the test closes its page can no longer be read.
            const headers = JSON.stringify(await response.allHeaders().catch(() => ({})));
            const body = await response.body().catch(() => Buffer.alloc(0));
            if (headers.includes(canary) || body.includes(canary)) leaks.push(response.url());
          })(),
        );
      });
      await use(leaks);
      await Promise.all(checks);
      expect(leaks, 'responses carrying the API key').toEqual([]);
    },
    { auto: true },
  ],
  searchPage: async ({ page }, use) => use(new SearchPage(page)),
  memberPage: async ({ page }, use) => use(new MemberPage(page)),
  whopSignIn: async ({ page }, use) => use(new WhopSignInPage(page)),
  announcer: async ({ page }, use) => use(page.getByTestId('announcer')),
  apiRequests: async ({ page }, use) => {
    const seen: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) seen.push(url.pathname + url.search);
    });
    await use(seen);
  },
  expectNoAxeViolations: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  },
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.exposeBinding('__reportCspViolation', (_source, text: string) => {
        violations.push(text);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __reportCspViolation: (s: string) => void }).__reportCspViolation(
            `${e.violatedDirective} ${e.blockedURI}`,
          );
        });
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
      });
      await use(violations);
      expect(violations, 'CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
