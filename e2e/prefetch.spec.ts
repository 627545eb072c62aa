import { expect, test } from './fixtures';

test.describe('pasting', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a complete member id pasted into the box is fetched before Enter', async ({
    page,
    searchPage,
    memberPage,
    apiRequests,
  }) => {
    await searchPage.goto();
    await page.evaluate(() => navigator.clipboard.writeText('mber_demoWhale'));
    await searchPage.input.focus();
    const fetched = page.waitForResponse('**/api/members/mber_demoWhale');
    await page.keyboard.press('ControlOrMeta+V');
    await fetched;
    const before = apiRequests.length;
    await searchPage.input.press('Enter');
    await expect(memberPage.heading).toHaveText('Harriet Okafor');
    await expect(memberPage.skeleton).toHaveCount(0);
    expect(apiRequests.slice(before).filter((r) => r === '/api/members/mber_demoWhale')).toEqual([]);
  });
});

test('an id that arrives whole is fetched on that very input event, not after a pause', async ({
  page,
  searchPage,
}) => {
  await searchPage.goto();
  const fetched = page.waitForRequest('**/api/members/mber_demoWhale');
  // Playwright's fill sets the value in one input event, as a paste or autocomplete does.
  await searchPage.input.fill('mber_demoWhale');
  // Emptying the box at once cancels a fetch still waiting for a pause in typing.
  await searchPage.input.fill('');
  await fetched;
});

test('a membership id typed into the box is resolved and its member fetched before Enter', async ({
  page,
  searchPage,
  memberPage,
  apiRequests,
}) => {
  await searchPage.goto();
  const fetched = page.waitForResponse('**/api/members/mber_demoAvaChen');
  await searchPage.input.pressSequentially('mem_demoAvaPro');
  await fetched;
  const before = apiRequests.length;
  await searchPage.input.press('Enter');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  // The page's own panels (memberships, payments, token history) load after it opens.
  expect(apiRequests.slice(before).filter((r) => !/\/(memberships|payments|token-transactions)$/.test(r))).toEqual([]);
});

test('hovering a result fetches it, so opening it needs no new request', async ({
  page,
  searchPage,
  memberPage,
  apiRequests,
}) => {
  await page.goto('/search?q=example');
  const third = searchPage.results.nth(2);
  const fetched = page.waitForResponse('**/api/members/mber_demoPriyaNair');
  await third.hover();
  await fetched;
  const before = apiRequests.length;
  await third.click();
  await expect(memberPage.heading).toHaveText('Priya Nair');
  expect(apiRequests.slice(before).filter((r) => r === '/api/members/mber_demoPriyaNair')).toEqual([]);
});

test('focusing a recent lookup fetches it, so opening it needs no new request', async ({
  page,
  searchPage,
  memberPage,
  apiRequests,
}) => {
  await page.goto('/');
  await page.evaluate(() =>
    localStorage.setItem(
      'member-lookup.recent',
      JSON.stringify([{ id: 'mber_demoTomasSilva', name: 'Tomás Silva', at: Date.now() }]),
    ),
  );
  await page.reload();
  const fetched = page.waitForResponse('**/api/members/mber_demoTomasSilva');
  await searchPage.recent.first().focus();
  await fetched;
  const before = apiRequests.length;
  await page.keyboard.press('Enter');
  await expect(memberPage.heading).toHaveText('Tomás Silva');
  expect(apiRequests.slice(before).filter((r) => r === '/api/members/mber_demoTomasSilva')).toEqual([]);
});
