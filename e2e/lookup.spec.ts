import { expect, frameParts, framePartsWhileLoading, holdRequests, MemberPage, test } from './fixtures';

test('search -> detail: a pasted id shows who the member is and where they stand', async ({
  page,
  searchPage,
  memberPage,
}) => {
  await searchPage.goto();
  await expect(page.getByRole('note', { name: 'Demo data' })).toBeVisible();
  await searchPage.lookUp('  mber_demoAvaChen ');
  await expect(page).toHaveURL('/members/mber_demoAvaChen');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await expect(page).toHaveTitle('Ava Chen · Member lookup');
  await expect(page.getByRole('group', { name: 'Standing' })).toContainText('Customer');
  await expect(page.getByRole('group', { name: 'Standing' })).toContainText('Joined');
  await expect(memberPage.field('Total spent')).toHaveText('$1,234.50');
  await expect(memberPage.field('Token balance')).toHaveText('250');
  await expect(memberPage.field('Most recent action')).toHaveText('Paid subscriber');
  await expect(memberPage.field('Email')).toHaveText('ava.chen@example.com');
  await expect(memberPage.field('Member id')).toHaveText('mber_demoAvaChen');
  // The search box stays in the header.
  await expect(page.getByRole('banner').getByRole('searchbox', { name: 'Search members' })).toBeVisible();
});

test('a demo member link on the search page opens that member', async ({ page, memberPage }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Harriet Okafor/ }).click();
  await expect(memberPage.heading).toHaveText('Harriet Okafor');
  await expect(memberPage.field('Total spent')).toHaveText('$12,345,678.90');
});

test('a deep link opened in a fresh context shows the same member', async ({ newContext }) => {
  const page = await (await newContext()).newPage();
  await page.goto('/members/mber_demoNoUser');
  await expect(new MemberPage(page).heading).toHaveText('Member without a user account');
  await expect(
    page
      .getByRole('term')
      .filter({ hasText: /^Email$/ })
      .locator('xpath=following-sibling::dd[1]'),
  ).toHaveText('Not provided');
});

test('back and forward move between members and search', async ({ page, searchPage, memberPage }) => {
  await searchPage.goto();
  await searchPage.lookUp('mber_demoAvaChen');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await page.getByRole('banner').getByRole('searchbox', { name: 'Search members' }).fill('mber_demoMarcusWeber');
  await page.getByRole('banner').getByRole('searchbox', { name: 'Search members' }).press('Enter');
  await expect(memberPage.heading).toHaveText('Marcus Weber');
  await page.goBack();
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await page.goBack();
  await expect(page).toHaveURL('/');
  await expect(searchPage.input).toBeVisible();
  await page.goForward();
  await expect(memberPage.heading).toHaveText('Ava Chen');
});

test('a member seen in the last minute renders at once with no /api request', async ({
  page,
  searchPage,
  memberPage,
  apiRequests,
}) => {
  await searchPage.goto();
  await searchPage.lookUp('mber_demoAvaChen');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await page.getByRole('link', { name: 'Member lookup' }).click();
  const before = apiRequests.length;
  await searchPage.lookUp('mber_demoAvaChen');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  expect(apiRequests.slice(before)).toEqual([]);
});

test('invalid input shows an inline message and sends nothing', async ({ page, searchPage, apiRequests }) => {
  await searchPage.goto();
  await searchPage.lookUp('biz_abc123');
  await expect(page.getByRole('alert')).toHaveText(
    'That looks like a company id. Search by member id, membership id, user id, email, username or name.',
  );
  await expect(page).toHaveURL('/');
  expect(apiRequests).toEqual([]);
});

test('an invalid id in the URL is explained without calling the API', async ({ page, memberPage, apiRequests }) => {
  await page.goto('/members/not-an-id');
  await expect(memberPage.alert).toContainText('That is not a member id');
  expect(apiRequests).toEqual([]);
});

test('not found says there is no member with that id', async ({ searchPage, memberPage }) => {
  await searchPage.goto();
  await searchPage.lookUp('mber_demoNotFound');
  await expect(memberPage.alert).toContainText('No member with that id');
  await expect(memberPage.alert).toContainText('mber_demoNotFound');
});

test('forbidden explains the missing permissions for the operator', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoForbidden');
  await expect(memberPage.alert).toContainText('The API key is missing permissions');
  await expect(memberPage.alert).toContainText('member:email:read');
  await expect(memberPage.alert.getByRole('button', { name: 'Retry' })).toHaveCount(0);
});

test('a slow lookup shows a skeleton, then the member', async ({ page, searchPage, memberPage }) => {
  const member = await holdRequests(page, '**/api/members/mber_demoSlow');
  await searchPage.goto();
  await searchPage.lookUp('mber_demoSlow');
  await expect(memberPage.skeleton).toBeVisible();
  member.release();
  await expect(memberPage.heading).toHaveText('Slow Sam', { timeout: 10_000 });
  await expect(memberPage.skeleton).toHaveCount(0);
});

test('a slow deep link shows a skeleton on first load, inside one header', async ({ page, memberPage }) => {
  // The answer is held until the skeleton has been counted: on a loaded machine the app can
  // take most of the stand-in's 2 s to start, and the skeleton would show only for a moment.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route('**/api/members/mber_demoSlow', async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  await page.goto('/members/mber_demoSlow');
  // The skeleton goes in the app shell's outlet: one header, one search box, one demo notice.
  // Counted in the frame that shows it (a retrying assertion would pass once it has gone).
  expect(await framePartsWhileLoading(page, 15_000)).toEqual({
    headers: 1,
    searchBoxes: 1,
    demoNotices: 1,
    loading: ['Loading member…'],
  });
  expect(asked).toBe(1);
  release();
  await expect(memberPage.heading).toHaveText('Slow Sam', { timeout: 10_000 });
  await expect(memberPage.skeleton).toHaveCount(0);
  expect(await frameParts(page)).toMatchObject({ headers: 1, searchBoxes: 1, demoNotices: 1 });
});

test('markup in a member name is shown as text and never runs', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoMarkup');
  await expect(memberPage.heading).toHaveText('<img src=x onerror="window.__xss=1">Robert"); alert(1)//');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('main img')).toHaveCount(0);
});

test('an unknown route shows a 404 page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle('Page not found · Member lookup');
});
