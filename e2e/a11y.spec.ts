import { expect, test } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('search page has no axe violations', async ({ searchPage, expectNoAxeViolations }) => {
      await searchPage.goto();
      await expect(searchPage.input).toBeVisible();
      await expectNoAxeViolations();
    });

    test('search page with an inline error has no axe violations', async ({
      page,
      searchPage,
      expectNoAxeViolations,
    }) => {
      await searchPage.goto();
      await searchPage.lookUp('biz_nope');
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations();
    });

    // mber_demoAvaChen and mber_demoWhale are checked with every panel loaded in payments.spec.ts.
    for (const id of ['mber_demoNoUser', 'mber_demoFuture', 'mber_demoTomasSilva']) {
      test(`detail page ${id} has no axe violations`, async ({ page, memberPage, expectNoAxeViolations }) => {
        await page.goto(`/members/${id}`);
        await expect(memberPage.heading).toBeVisible();
        // The memberships panel has loaded (or said why not).
        await expect(memberPage.memberships.getByRole('status')).toHaveCount(0);
        await expectNoAxeViolations();
      });
    }

    test('error page has no axe violations', async ({ page, memberPage, expectNoAxeViolations }) => {
      await page.goto('/members/mber_demoNotFound');
      await expect(memberPage.alert).toBeVisible();
      await expectNoAxeViolations();
    });

    test('results list, focused result and "show more" have no axe violations', async ({
      page,
      searchPage,
      expectNoAxeViolations,
    }) => {
      await page.goto('/search?q=example');
      await expect(searchPage.results).toHaveCount(10);
      await searchPage.results.first().focus();
      await expectNoAxeViolations();
      await page.getByRole('button', { name: 'Show more results' }).click();
      await expect(searchPage.results).toHaveCount(16);
      await expectNoAxeViolations();
    });

    test('no results has no axe violations', async ({ page, expectNoAxeViolations }) => {
      await page.goto('/search?q=nobody');
      await expect(page.getByText('Check the spelling')).toBeVisible();
      await expectNoAxeViolations();
    });

    test('search page with recent lookups has no axe violations', async ({
      page,
      searchPage,
      memberPage,
      expectNoAxeViolations,
    }) => {
      await page.goto('/members/mber_demoAvaChen');
      await expect(memberPage.heading).toBeVisible();
      await page.goto('/');
      await expect(searchPage.recent).toHaveCount(1);
      await expectNoAxeViolations();
    });

    test('memberships 403 notice and a copied state have no axe violations', async ({
      page,
      memberPage,
      expectNoAxeViolations,
      context,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.goto('/members/mber_demoRestricted');
      await expect(memberPage.memberships.getByRole('note')).toBeVisible();
      await page.getByRole('button', { name: 'Copy member id' }).click();
      await expectNoAxeViolations();
    });

    test('membership without a member, and a search that cannot run, have no axe violations', async ({
      page,
      memberPage,
      expectNoAxeViolations,
    }) => {
      await page.goto('/search?q=mem_demoNoMember');
      await expect(memberPage.alert).toContainText('no member yet');
      await expectNoAxeViolations();
      await page.goto('/search?q=biz_x');
      await expect(memberPage.alert).toContainText('That search cannot be run');
      await expectNoAxeViolations();
    });

    test('a search in progress has no axe violations', async ({ page, searchPage, expectNoAxeViolations }) => {
      // The answer is held until the scan is done: on a loaded machine the scan can outlast
      // the stand-in's 2 s, and the results would land in the middle of it.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let asked = 0;
      await page.route(
        (url) => url.pathname === '/api/members' && url.searchParams.get('query') === 'slowsearch',
        async (route) => {
          asked += 1;
          await held;
          // Answered here: the stand-in would add its 2 s to a state the test has already checked.
          await route.fulfill({ json: { data: [], next_cursor: null } });
        },
      );
      await searchPage.goto();
      await searchPage.lookUp('slowsearch');
      const searching = page.getByRole('status').filter({ hasText: 'Searching members…' });
      await expect(searching).toBeVisible();
      await expectNoAxeViolations();
      expect(asked, 'searches held').toBe(1);
      await expect(searching, 'still searching once the scan is done').toBeVisible();
      release();
      await expect(searching).toHaveCount(0);
    });
  });
}
