import { expect, test } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('search page has no axe violations', async ({ searchPage, expectNoAxeViolations }) => {
      await searchPage.goto();
      await expect(searchPage.input).toBeVisible();
      await expectNoAxeViolations();
    });

    test('search page with an inline error has no axe violations', async ({ page, searchPage, expectNoAxeViolations }) => {
      await searchPage.goto();
      await searchPage.lookUp('nope');
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations();
    });

    for (const id of ['mber_demoAvaChen', 'mber_demoNoUser', 'mber_demoFuture', 'mber_demoTomasSilva']) {
      test(`detail page ${id} has no axe violations`, async ({ page, memberPage, expectNoAxeViolations }) => {
        await page.goto(`/members/${id}`);
        await expect(memberPage.heading).toBeVisible();
        await expectNoAxeViolations();
      });
    }

    test('error page has no axe violations', async ({ page, memberPage, expectNoAxeViolations }) => {
      await page.goto('/members/mber_demoNotFound');
      await expect(memberPage.alert).toBeVisible();
      await expectNoAxeViolations();
    });
  });
}
