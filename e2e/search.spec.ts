import { expect, framePartsWhileLoading, holdRequests, MemberPage, test } from './fixtures';

test.describe('one search box, every kind of query', () => {
  test('a pasted dashboard link goes to the member in it', async ({ page, searchPage, memberPage }) => {
    await searchPage.goto();
    await searchPage.lookUp('https://whop.com/dashboard/biz_demoNorthwind/users/mber_demoMarcusWeber/?tab=overview');
    await expect(page).toHaveURL('/members/mber_demoMarcusWeber');
    await expect(memberPage.heading).toHaveText('Marcus Weber');
  });

  test('a membership id resolves through Whop to its member', async ({ page, searchPage, memberPage, apiRequests }) => {
    await searchPage.goto();
    await searchPage.lookUp('mem_demoKenjiPro');
    await expect(page).toHaveURL('/members/mber_demoNoEmail');
    await expect(memberPage.heading).toHaveText('Kenji Watanabe');
    expect(apiRequests).toContain('/api/memberships/mem_demoKenjiPro');
    // Back goes to where the search started, not to a page that redirects again.
    await page.goBack();
    await expect(page).toHaveURL('/');
  });

  test('a membership id in a receipt line works too', async ({ page, searchPage, memberPage }) => {
    await searchPage.goto();
    await searchPage.lookUp('Receipt: mem_demoAvaPro, Northwind Pro, $29.00');
    await expect(page).toHaveURL('/members/mber_demoAvaChen');
    await expect(memberPage.heading).toHaveText('Ava Chen');
  });

  test('a membership the key may not read explains the missing permission', async ({ searchPage, memberPage }) => {
    await searchPage.goto();
    await searchPage.lookUp('mem_demoForbidden');
    await expect(memberPage.alert).toContainText('The API key is missing permissions');
    await expect(memberPage.alert).toContainText('member:basic:read, member:email:read');
  });

  test('an unknown membership id says so', async ({ searchPage, memberPage }) => {
    await searchPage.goto();
    await searchPage.lookUp('mem_demoNotFound');
    await expect(memberPage.alert).toContainText('No membership with that id');
    await expect(memberPage.alert).toContainText('mem_demoNotFound');
  });

  test('a membership without a member record says whose it is', async ({ page, searchPage, memberPage }) => {
    await searchPage.goto();
    await searchPage.lookUp('mem_demoNoMember');
    await expect(memberPage.alert).toContainText('This membership has no member yet');
    await expect(memberPage.alert).toContainText('@liam.w');
    await page.getByRole('link', { name: 'Search for this user’s member record' }).click();
    await expect(memberPage.heading).toHaveText('Liam Walsh');
  });

  for (const [kind, query, name] of [
    ['user id', 'user_demoPriya', 'Priya Nair'],
    ['email', 'tomas@example.pt', 'Tomás Silva'],
    ['username', '@bigspender', 'Harriet Okafor'],
    ['full name', 'lena kowalski', 'Lena Kowalski'],
  ] as const) {
    test(`a ${kind} with one exact match goes straight to the member`, async ({
      page,
      searchPage,
      memberPage,
      apiRequests,
    }) => {
      await searchPage.goto();
      await searchPage.lookUp(query);
      await expect(memberPage.heading).toHaveText(name);
      await expect(page).toHaveURL(/\/members\/mber_/);
      expect(apiRequests.some((r) => r.startsWith('/api/members?query='))).toBe(true);
    });
  }

  test('part of a name lists the matches: name, username, email, status, spend', async ({ page, searchPage }) => {
    await searchPage.goto();
    await searchPage.lookUp('ava');
    await expect(page).toHaveURL('/search?q=ava');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Members matching “ava”');
    await expect(searchPage.results).toHaveCount(1);
    const ava = searchPage.results.first();
    await expect(ava).toContainText('Ava Chen');
    await expect(ava).toContainText('@avachen · ava.chen@example.com');
    await expect(ava).toContainText('Joined');
    await expect(ava).toContainText('$1,234.50');
    await expect(page).toHaveTitle('Search: ava · Member lookup');
  });

  test('the results list works from the keyboard', async ({ page, searchPage, memberPage, announcer }) => {
    await searchPage.goto();
    await searchPage.lookUp('example');
    await expect(searchPage.results).toHaveCount(10);
    await expect(announcer).toHaveText('10 members shown, more available');
    // From the box into the list, down one, and open it.
    await searchPage.input.press('ArrowDown');
    await expect(searchPage.results.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(searchPage.results.nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(searchPage.results.nth(9)).toBeFocused();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(memberPage.heading).toHaveText('Marcus Weber');
    // Back returns to the same list.
    await page.goBack();
    await expect(searchPage.results).toHaveCount(10);
  });

  test('more results load with the API’s cursor, and focus moves to the first new one', async ({
    page,
    searchPage,
    apiRequests,
  }) => {
    await searchPage.goto();
    await searchPage.lookUp('example');
    await expect(searchPage.results).toHaveCount(10);
    await page.getByRole('button', { name: 'Show more results' }).click();
    await expect(searchPage.results).toHaveCount(16);
    await expect(searchPage.results.nth(10)).toBeFocused();
    await expect(page.getByRole('button', { name: 'Show more results' })).toHaveCount(0);
    expect(apiRequests.filter((r) => r.startsWith('/api/members?query=example&cursor='))).toHaveLength(1);
  });

  test('no matches says so, to the eye and to screen readers', async ({ page, searchPage, announcer }) => {
    await searchPage.goto();
    await searchPage.lookUp('nobody at all');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Members matching “nobody at all”');
    await expect(page.getByText('Check the spelling')).toBeVisible();
    await expect(announcer).toHaveText('No members match “nobody at all”');
  });

  test('a slow search opened from its link shows that it is searching, inside one header', async ({ page }) => {
    const search = await holdRequests(
      page,
      (url) => url.pathname === '/api/members' && url.searchParams.get('query') === 'slowsearch',
    );
    await page.goto('/search?q=slowsearch');
    // Counted in the frame that shows it searching (a retrying assertion would pass once that is over).
    expect(await framePartsWhileLoading(page)).toEqual({
      headers: 1,
      searchBoxes: 1,
      demoNotices: 1,
      loading: ['Searching members…'],
    });
    search.release();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Members matching “slowsearch”', {
      timeout: 10_000,
    });
  });

  test('a slow search shows that it is searching', async ({ page, searchPage }) => {
    await searchPage.goto();
    await searchPage.lookUp('slowsearch');
    await expect(page.getByRole('status').filter({ hasText: 'Searching members…' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Members matching “slowsearch”', {
      timeout: 10_000,
    });
  });

  test('without WHOP_COMPANY_ID, text search says what to configure and that ids still work', async ({
    page,
    searchPage,
    memberPage,
  }) => {
    await page.route('**/api/members?query=*', (route) =>
      route.fulfill({
        status: 501,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'search_not_configured',
            message:
              'Searching by email, username, name or user id needs the company to search in. An operator must set WHOP_COMPANY_ID (biz_…). Member and membership ids work without it.',
          },
        }),
      }),
    );
    await searchPage.goto();
    await searchPage.lookUp('ava');
    await expect(memberPage.alert).toContainText('Search by name, email or user id is not set up');
    await expect(memberPage.alert).toContainText('WHOP_COMPANY_ID');
    // The search box in the header still takes an id.
    await page.getByRole('banner').getByRole('searchbox', { name: 'Search members' }).fill('mber_demoAvaChen');
    await page.getByRole('banner').getByRole('searchbox', { name: 'Search members' }).press('Enter');
    await expect(memberPage.heading).toHaveText('Ava Chen');
  });

  test('a hand-edited search address is validated like typed input', async ({ page, memberPage, apiRequests }) => {
    await page.goto('/search?q=%3Cscript%3E');
    await expect(memberPage.alert).toContainText('That search cannot be run');
    expect(apiRequests).toEqual([]);
  });
});

test.describe('keyboard', () => {
  test('/ focuses the search box from anywhere, Esc clears it', async ({ page, searchPage }) => {
    await page.goto('/members/mber_demoAvaChen');
    await expect(new MemberPage(page).heading).toHaveText('Ava Chen');
    await page.locator('body').press('/');
    await expect(searchPage.input).toBeFocused();
    await page.keyboard.type('ava');
    await expect(searchPage.input).toHaveValue('ava');
    await page.keyboard.press('Escape');
    await expect(searchPage.input).toHaveValue('');
  });

  test('/ typed into the box is just a character', async ({ searchPage }) => {
    await searchPage.goto();
    await searchPage.input.type('a/b');
    await expect(searchPage.input).toHaveValue('a/b');
  });
});
