import { expect, MemberPage, test } from './fixtures';

test('recent lookups: newest first, one click to reopen, kept across reloads, cleared on request', async ({
  page,
  searchPage,
  memberPage,
  announcer,
}) => {
  await searchPage.goto();
  await expect(page.getByText('Members you open appear here')).toBeVisible();
  for (const id of ['mber_demoAvaChen', 'mber_demoWhale', 'mber_demoAvaChen']) {
    await page.goto(`/members/${id}`);
    await expect(memberPage.heading).toBeVisible();
  }
  await page.goto('/');
  await expect(searchPage.recent).toHaveCount(2);
  await expect(searchPage.recent.nth(0)).toContainText('Ava Chen');
  await expect(searchPage.recent.nth(0)).toContainText('mber_demoAvaChen');
  await expect(searchPage.recent.nth(0)).toContainText(/seconds? ago|now/);
  await expect(searchPage.recent.nth(1)).toContainText('Harriet Okafor');

  await page.reload();
  await expect(searchPage.recent).toHaveCount(2);
  await searchPage.recent.nth(1).click();
  await expect(memberPage.heading).toHaveText('Harriet Okafor');

  await page.goBack();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(searchPage.recent).toHaveCount(0);
  await expect(announcer).toHaveText('Recent lookups cleared');
  await page.reload();
  await expect(page.getByText('Members you open appear here')).toBeVisible();
});

test('recent lookups keep the last 20', async ({ page, searchPage }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const list = Array.from({ length: 25 }, (_, i) => ({
      id: `mber_old${i}`,
      name: `Old ${i}`,
      at: Date.now() - i * 60_000,
    }));
    localStorage.setItem('member-lookup.recent', JSON.stringify(list.slice(0, 20)));
  });
  await page.goto('/members/mber_demoAvaChen');
  await expect(new MemberPage(page).heading).toHaveText('Ava Chen');
  await page.goto('/');
  await expect(searchPage.recent).toHaveCount(20);
  await expect(searchPage.recent.first()).toContainText('Ava Chen');
  await expect(searchPage.recent.last()).toContainText('Old 18');
});
