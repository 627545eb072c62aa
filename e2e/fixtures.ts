import AxeBuilder from '@axe-core/playwright';
import {
  type APIRequest,
  type APIRequestContext,
  type APIResponse,
  type BrowserContext,
  type BrowserContextOptions,
  test as base,
  expect,
  type Page,
} from '@playwright/test';
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
  /**
   * The page's heading once the app shows the page. A deep link's page arrives with the member
   * already rendered by the server (src/server/page/first-paint.ts), in a wrapper marked
   * `data-first-paint`, before the app's code runs and answers keys and clicks; the app's first
   * render replaces it. e2e/deep-link.spec.ts looks at the server's own rendering.
   */
  get heading() {
    return this.page.locator('#root:not(:has([data-first-paint]))').getByRole('heading', { level: 1 });
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
  /** The app's own: a deep link's page shows the memberships too (decision 0031), before its buttons and keys answer. */
  get memberships() {
    return this.app.getByRole('region', { name: 'Memberships' });
  }
  /** The app's own, as `memberships`. */
  get freshness() {
    return this.app.getByTestId('freshness');
  }
  /** The app's own, as `heading`: the server's page may show these panels too, before their buttons answer. */
  private get app() {
    return this.page.locator('#root:not(:has([data-first-paint]))');
  }
  get payments() {
    return this.app.getByRole('region', { name: 'Payments' });
  }
  get tokenHistory() {
    return this.app.getByRole('region', { name: 'Token history' });
  }
  /** The access summary at the top of the page, the app's own (the server's page shows it too, checking or with its verdict). */
  get accessSummary() {
    return this.app.getByRole('region', { name: 'Access summary' });
  }
}

/** The sign-in page of the OpenID provider standing in for Whop (the sign-in stack's, unless told another). */
export class WhopSignInPage {
  constructor(
    readonly page: Page,
    readonly issuer = OIDC_ISSUER,
  ) {}
  async signInAs(userId: string) {
    await expect(this.page).toHaveURL(new RegExp(`^${this.issuer}/interaction/`));
    await this.page.getByRole('textbox', { name: 'Whop user' }).fill(userId);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}

/**
 * The CSP-violation and key-leak watchers of one test, attached to every browser context
 * and API request context the test uses: the default one, and each one the spec opens
 * through `newContext` / `newRequestContext`. A context opened with `browser.newContext()`
 * or `playwright.request.newContext()` directly would escape them, so specs never do that
 * (watchers.spec.ts checks).
 */
export class Watchers {
  readonly cspViolations: string[] = [];
  readonly keyLeaks: string[] = [];
  readonly #checks: Promise<void>[] = [];

  constructor(readonly canary: string) {}

  #check(url: string, headers: unknown, body: Buffer) {
    if (JSON.stringify(headers).includes(this.canary) || body.includes(this.canary)) this.keyLeaks.push(url);
  }

  async watchContext(context: BrowserContext) {
    context.on('response', (response) => {
      this.#checks.push(
        (async () => {
          // A response still arriving as the test closes its page can no longer be read.
          // A member page's live stream ends only with the page: waiting for it would hold the
          // test's end forever. Its headers are checked; what it sends is a change's type and
          // time and nothing else (src/server/live/webhook-routes.test.ts holds it to that).
          if (response.headers()['content-type']?.startsWith('text/event-stream')) {
            this.#check(response.url(), response.headers(), Buffer.alloc(0));
            return;
          }
          const headers = await response.allHeaders().catch(() => ({}));
          this.#check(response.url(), headers, await response.body().catch(() => Buffer.alloc(0)));
        })(),
      );
    });
    context.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) this.cspViolations.push(msg.text());
    });
    await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
      this.cspViolations.push(text);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCspViolation: (s: string) => void }).__reportCspViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        );
      });
    });
    this.watchRequests(context.request);
  }

  /** API request contexts have no response event: wrap `fetch`, which get/post/… call. */
  watchRequests(api: APIRequestContext) {
    const fetch = api.fetch.bind(api);
    api.fetch = async (...args: Parameters<APIRequestContext['fetch']>): Promise<APIResponse> => {
      const response = await fetch(...args);
      this.#check(response.url(), response.headersArray(), await response.body().catch(() => Buffer.alloc(0)));
      return response;
    };
  }

  /** Waits for every response check started so far, including ones started meanwhile. */
  async settle() {
    for (let seen = -1; seen !== this.#checks.length; ) {
      seen = this.#checks.length;
      await Promise.all(this.#checks);
    }
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
  /**
   * Runs axe on the current page in the light theme, then in the dark one, switched by the
   * system's colour scheme, which the app follows as it changes (src/web/lib/theme/theme.ts):
   * one page set up, both themes checked. Leaves the page dark.
   */
  expectNoAxeViolationsInBothThemes: () => Promise<void>;
  /** This test's watchers (see `Watchers`). */
  watchers: Watchers;
  /**
   * Opens another browser context under the watchers, with the project's settings
   * (baseURL, locale, viewport, …) unless `options` says otherwise. Closed after the test,
   * once every response in it has been checked: do not close it yourself.
   */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** Opens an API request context under the key-leak watcher (baseURL set); disposed after the test. */
  newRequestContext: (options?: Parameters<APIRequest['newContext']>[0]) => Promise<APIRequestContext>;
  /** Automatic: fails any test in which a page of any of its contexts reported a CSP violation. */
  cspViolations: string[];
  /** Automatic: fails any test in which a response the browser or a request context saw carried the API key. */
  keyLeaks: string[];
};

type WorkerFixtures = {
  /** The run's canary API key (playwright.config.ts), which no response may carry. */
  canary: string;
};

export const test = base.extend<Fixtures, WorkerFixtures>({
  canary: [process.env.E2E_CANARY_KEY!, { scope: 'worker', option: true }],
  watchers: async ({ canary }, use) => use(new Watchers(canary)),
  context: async ({ context, watchers }, use) => {
    await watchers.watchContext(context);
    await use(context);
  },
  request: async ({ request, watchers }, use) => {
    watchers.watchRequests(request);
    await use(request);
  },
  newContext: async (
    { browser, watchers, baseURL, locale, timezoneId, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch },
    use,
  ) => {
    const opened: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({
        baseURL,
        locale,
        timezoneId,
        viewport,
        userAgent,
        deviceScaleFactor,
        isMobile,
        hasTouch,
        ...options,
      });
      opened.push(context);
      await watchers.watchContext(context);
      return context;
    });
    for (const context of opened) await context.close();
  },
  newRequestContext: async ({ playwright, watchers, baseURL }, use) => {
    const opened: APIRequestContext[] = [];
    await use(async (options = {}) => {
      const api = await playwright.request.newContext({ baseURL, ...options });
      opened.push(api);
      watchers.watchRequests(api);
      return api;
    });
    for (const api of opened) await api.dispose();
  },
  keyLeaks: [
    // Depends on every context fixture so that it is torn down (and checks) before they close.
    async ({ watchers, context: _context, newContext: _newContext, newRequestContext: _newRequest }, use) => {
      await use(watchers.keyLeaks);
      await watchers.settle();
      expect(watchers.keyLeaks, 'responses carrying the API key').toEqual([]);
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ watchers, context: _context, newContext: _newContext }, use) => {
      await use(watchers.cspViolations);
      expect(watchers.cspViolations, 'CSP violations').toEqual([]);
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
      // Requests for data: a member page's live stream (a subscription, e2e/live.spec.ts) is left out.
      if (url.pathname.startsWith('/api/') && !url.pathname.endsWith('/live')) seen.push(url.pathname + url.search);
    });
    await use(seen);
  },
  expectNoAxeViolationsInBothThemes: async ({ page, expectNoAxeViolations }, use) => {
    await use(async () => {
      const html = page.locator('html');
      await page.emulateMedia({ colorScheme: 'light' });
      await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
      await expectNoAxeViolations();
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
      await expectNoAxeViolations();
    });
  },
  expectNoAxeViolations: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  },
});

type FrameParts = { headers: number; searchBoxes: number; demoNotices: number; loading: string[] };

/**
 * Runs in the browser: the app frame's parts, counted in one go, or `false` when
 * `onlyWhileLoading` and no loading state is on show. `loading` lists what the visible
 * loading states say ("Loading member…", "Searching members…").
 */
function countFrameParts(onlyWhileLoading: boolean): FrameParts | false {
  const loading = [...document.querySelectorAll<HTMLElement>('[role="status"][aria-busy="true"]')]
    .filter((el) => el.checkVisibility())
    .map((el) => (el.textContent ?? '').trim());
  if (onlyWhileLoading && loading.length === 0) return false;
  return {
    headers: document.querySelectorAll('header').length,
    searchBoxes: document.querySelectorAll('[role="search"]').length,
    demoNotices: (document.body.textContent ?? '').split('These members are made up.').length - 1,
    loading,
  };
}

/**
 * The app frame's parts on the page right now, counted in one go (no retrying): a page shows
 * one header, one search box and, in demo mode, one demo notice.
 */
export async function frameParts(page: Page): Promise<FrameParts> {
  return (await page.evaluate(countFrameParts, false)) as FrameParts;
}

/**
 * The frame's parts counted in the first frame that shows a loading state: waiting for it and
 * counting happen in the same tick of the page, so an answer that lands between the two cannot
 * make the count miss it (as `toBeVisible` then `frameParts` could on a loaded machine). Fails
 * if no loading state shows within `timeout`.
 */
export async function framePartsWhileLoading(page: Page, timeout = 5_000): Promise<FrameParts> {
  const handle = await page.waitForFunction(countFrameParts, true, { polling: 'raf', timeout });
  return (await handle.jsonValue()) as FrameParts;
}

export { expect };

/**
 * Holds the page's requests matching `url` until `release()`: a loading state a test looks at
 * then lasts as long as the test needs, however slow the machine (a fixed upstream delay raced
 * the app's start on a loaded CI host).
 */
export async function holdRequests(page: Page, url: Parameters<Page['route']>[0]): Promise<{ release: () => void }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  return { release };
}
