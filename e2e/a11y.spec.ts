import { expect, test } from './fixtures';

// Every page here is checked in both themes in one test (expectNoAxeViolationsInBothThemesInBothThemes):
// set up once, axe in light, the system switched to dark, axe again.
test('search page has no axe violations', async ({ searchPage, expectNoAxeViolationsInBothThemes }) => {
  await searchPage.goto();
  await expect(searchPage.input).toBeVisible();
  await expectNoAxeViolationsInBothThemes();
});

test('search page with an inline error has no axe violations', async ({
  page,
  searchPage,
  expectNoAxeViolationsInBothThemes,
}) => {
  await searchPage.goto();
  await searchPage.lookUp('biz_nope');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolationsInBothThemes();
});

// mber_demoAvaChen and mber_demoWhale are checked with every panel loaded in payments.spec.ts.
for (const id of ['mber_demoNoUser', 'mber_demoFuture', 'mber_demoTomasSilva']) {
  test(`detail page ${id} has no axe violations`, async ({ page, memberPage, expectNoAxeViolationsInBothThemes }) => {
    await page.goto(`/members/${id}`);
    await expect(memberPage.heading).toBeVisible();
    // The memberships panel has loaded (or said why not).
    await expect(memberPage.memberships.getByRole('status')).toHaveCount(0);
    await expectNoAxeViolationsInBothThemes();
  });
}

test('error page has no axe violations', async ({ page, memberPage, expectNoAxeViolationsInBothThemes }) => {
  await page.goto('/members/mber_demoNotFound');
  await expect(memberPage.alert).toBeVisible();
  await expectNoAxeViolationsInBothThemes();
});

test('results list, focused result and "show more" have no axe violations', async ({
  page,
  searchPage,
  expectNoAxeViolationsInBothThemes,
}) => {
  await page.goto('/search?q=example');
  await expect(searchPage.results).toHaveCount(10);
  await searchPage.results.first().focus();
  await expectNoAxeViolationsInBothThemes();
  await page.getByRole('button', { name: 'Show more results' }).click();
  await expect(searchPage.results).toHaveCount(16);
  await expectNoAxeViolationsInBothThemes();
});

test('no results has no axe violations', async ({ page, expectNoAxeViolationsInBothThemes }) => {
  await page.goto('/search?q=nobody');
  await expect(page.getByText('Check the spelling')).toBeVisible();
  await expectNoAxeViolationsInBothThemes();
});

test('search page with recent lookups has no axe violations', async ({
  page,
  searchPage,
  memberPage,
  expectNoAxeViolationsInBothThemes,
}) => {
  await page.goto('/members/mber_demoAvaChen');
  await expect(memberPage.heading).toBeVisible();
  await page.goto('/');
  await expect(searchPage.recent).toHaveCount(1);
  await expectNoAxeViolationsInBothThemes();
});

test('memberships 403 notice and a copied state have no axe violations', async ({
  page,
  memberPage,
  expectNoAxeViolationsInBothThemes,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/members/mber_demoRestricted');
  await expect(memberPage.memberships.getByRole('note')).toBeVisible();
  await page.getByRole('button', { name: 'Copy member id' }).click();
  await expectNoAxeViolationsInBothThemes();
});

test('membership without a member, and a search that cannot run, have no axe violations', async ({
  page,
  memberPage,
  expectNoAxeViolationsInBothThemes,
}) => {
  await page.goto('/search?q=mem_demoNoMember');
  await expect(memberPage.alert).toContainText('no member yet');
  await expectNoAxeViolationsInBothThemes();
  await page.goto('/search?q=biz_x');
  await expect(memberPage.alert).toContainText('That search cannot be run');
  await expectNoAxeViolationsInBothThemes();
});

test('a search in progress has no axe violations', async ({ page, searchPage, expectNoAxeViolationsInBothThemes }) => {
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
  await expectNoAxeViolationsInBothThemes();
  expect(asked, 'searches held').toBe(1);
  await expect(searching, 'still searching once the scan is done').toBeVisible();
  release();
  await expect(searching).toHaveCount(0);
});
