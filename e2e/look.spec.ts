import { expect, MemberPage, test } from './fixtures';

const isDark = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.classList.contains('dark'));

test.describe('dark mode', () => {
  test('follows the system', async ({ newContext }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await (await newContext({ colorScheme })).newPage();
      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
        'aria-pressed',
        String(colorScheme === 'dark'),
      );
      expect(await isDark(page)).toBe(colorScheme === 'dark');
    }
  });

  test('the toggle switches, is remembered across reloads, and has no axe violations', async ({
    page,
    expectNoAxeViolations,
    memberPage,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/members/mber_demoAvaChen');
    await expect(memberPage.heading).toHaveText('Ava Chen');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await isDark(page)).toBe(true);
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector('main')!.parentElement!).backgroundColor,
    );
    expect(background).not.toBe('rgb(250, 250, 250)');
    await expectNoAxeViolations();
    await page.reload();
    await expect(memberPage.heading).toHaveText('Ava Chen');
    expect(await isDark(page)).toBe(true);
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
    // Back to light, which is what the system wants: the page follows the system again.
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => isDark(page)).toBe(false);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => isDark(page)).toBe(true);
  });
});

test.describe('360 px wide', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const [name, path, ready] of [
    ['search', '/', 'Find a member'],
    ['results', '/search?q=example', 'Members matching “example”'],
    ['detail', '/members/mber_demoAvaChen', 'Ava Chen'],
    ['detail with long values', '/members/mber_demoMarkup', null],
    ['detail with a large spend', '/members/mber_demoWhale', 'Harriet Okafor'],
    ['memberships notice', '/members/mber_demoRestricted', 'Rhea Castillo'],
    ['error', '/members/mber_demoForbidden', 'The API key is missing permissions'],
  ] as const) {
    test(`${name} has no sideways scrolling`, async ({ page }) => {
      await page.goto(path);
      if (ready) await expect(new MemberPage(page).heading).toHaveText(ready);
      else await expect(new MemberPage(page).heading).toBeVisible();
      await page.waitForLoadState('networkidle');
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    });
  }

  test('the search box is full width and usable', async ({ page, searchPage, memberPage }) => {
    await page.goto('/members/mber_demoAvaChen');
    await expect(memberPage.heading).toHaveText('Ava Chen');
    const box = await searchPage.input.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    await searchPage.lookUp('mber_demoWhale');
    await expect(memberPage.heading).toHaveText('Harriet Okafor');
  });
});

test('numbers and dates follow the browser locale', async ({ newContext }) => {
  const page = await (await newContext({ locale: 'de-DE', timezoneId: 'UTC' })).newPage();
  await page.goto('/search?q=bigspender');
  await expect(new MemberPage(page).heading).toHaveText('Harriet Okafor');
  await expect(
    page
      .getByRole('term')
      .filter({ hasText: /^Total spent$/ })
      .locator('xpath=following-sibling::dd[1]'),
  ).toHaveText('12.345.678,90 $');
  await expect(page.getByRole('region', { name: 'Memberships' })).toContainText(/\d{1,2}\.\d{1,2}\.\d{4}/);
});
