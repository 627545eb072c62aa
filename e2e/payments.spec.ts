import { expect, holdRequests, test } from './fixtures';
import { layoutProblems } from './support/layout';

// Payments and token history on the member page, against the stand-in's demo data
// (src/demo-whop/history-fixtures.ts).

const PAYMENT_PERMISSIONS = [
  'payment:basic:read',
  'plan:basic:read',
  'access_pass:basic:read',
  'member:email:read',
  'member:basic:read',
  'member:phone:read',
  'promo_code:basic:read',
];
const TOKEN_PERMISSIONS = ['company_token_transaction:read', 'member:basic:read', 'company:basic:read'];

test.describe('payments panel', () => {
  test('shows each status family with its words and amounts', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoAvaChen');
    const rows = memberPage.payments.getByRole('list', { name: 'Payments, newest first' }).getByRole('listitem');
    await expect(rows).toHaveCount(9);
    const row = (id: string) => rows.filter({ hasText: id });

    await expect(row('pay_demoAva01')).toContainText('Pending');
    await expect(row('pay_demoAva08')).toContainText('Succeeded');
    await expect(row('pay_demoAva08').getByRole('heading')).toHaveText('$999.00');
    await expect(row('pay_demoAva06')).toContainText('Refunded');
    // A partial refund says how much went back, and when.
    await expect(row('pay_demoAva04')).toContainText('Partially refunded');
    await expect(row('pay_demoAva04')).toContainText(/Refunded\$19\.00 on \w{3} \d+, \d{4}/);
    // A failed payment carries Whop's reason and stands out.
    await expect(row('pay_demoAva03')).toContainText('Failed');
    await expect(row('pay_demoAva03')).toContainText('Why it failedYour card was declined: insufficient funds.');
    await expect(row('pay_demoAva03')).toHaveAttribute('data-attention', 'failed');
    // A dispute stands out, with a name a screen reader hears too.
    await expect(row('pay_demoAva05')).toContainText('Dispute: needs response');
    await expect(row('pay_demoAva05')).toHaveAttribute('data-attention', 'dispute');
    await expect(row('pay_demoAva05').getByRole('heading')).toHaveText('Needs attention: $49.00');
    await expect(row('pay_demoAva08')).not.toHaveAttribute('data-attention');
    // Card, product and plan.
    await expect(row('pay_demoAva08')).toContainText('Trading Basics Course');
    await expect(row('pay_demoAva08')).toContainText('plan_demoCourseOnce');
    await expect(row('pay_demoAva08')).toContainText('Visa ···· 4242');
  });

  test('shows a non-USD payment in its own currency, with the USD equivalent', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoAvaChen');
    const euro = memberPage.payments.getByRole('listitem').filter({ hasText: 'pay_demoAva02' });
    await expect(euro.getByRole('heading')).toHaveText('€45.00');
    await expect(euro).toContainText('In USD$48.60');
    await expect(euro).toContainText('Mastercard ···· 4444');
    const yen = memberPage.payments.getByRole('listitem').filter({ hasText: 'pay_demoAva07' });
    await expect(yen.getByRole('heading')).toHaveText('¥3,000');
  });

  test('sums the listed payments net of refunds, beside Whop’s total spent', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoAvaChen');
    await expect(memberPage.payments.getByRole('definition').filter({ hasText: '$1,234.50' })).toHaveCount(2);
    await expect(memberPage.payments).toContainText('7 paid payments, less refunds and lost disputes');
  });

  test('pages to the second page of payments and of token transactions', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoWhale');
    const payments = memberPage.payments.getByRole('list').getByRole('listitem');
    await expect(payments).toHaveCount(10);
    await expect(memberPage.payments).toContainText('(so far)');
    await memberPage.payments.getByRole('button', { name: 'Show more payments' }).click();
    await expect(payments).toHaveCount(15);
    await expect(memberPage.payments.getByRole('button', { name: 'Show more payments' })).toHaveCount(0);
    // With every page in, the listed payments add up to Whop's figure.
    await expect(memberPage.payments.getByRole('definition').filter({ hasText: '$12,345,678.90' })).toHaveCount(2);

    const tokens = memberPage.tokenHistory.getByRole('list').getByRole('listitem');
    await expect(tokens).toHaveCount(10);
    await memberPage.tokenHistory.getByRole('button', { name: 'Show more token transactions' }).click();
    await expect(tokens).toHaveCount(12);
    await expect(tokens.last()).toContainText('Welcome bonus');
  });

  test('every dispute state of the whale stands out', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoWhale');
    await memberPage.payments.getByRole('button', { name: 'Show more payments' }).click();
    const disputed = memberPage.payments.locator('li[data-attention="dispute"]');
    await expect(disputed).toHaveCount(9);
    for (const words of ['Dispute warning', 'Dispute: under review', 'Dispute won', 'Dispute lost', 'Dispute closed']) {
      await expect(disputed.filter({ hasText: words }).first()).toBeVisible();
    }
    await expect(memberPage.payments.getByRole('heading', { name: '₹98,765,432.10' })).toBeVisible();
  });
});

test.describe('token history panel', () => {
  test('shows added, subtracted and transferred tokens with the balance after each', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoAvaChen');
    const rows = memberPage.tokenHistory.getByRole('listitem');
    await expect(rows).toHaveCount(5);
    await expect(rows.nth(0)).toContainText('−50 tokens');
    await expect(rows.nth(0)).toContainText('Subtracted');
    await expect(rows.nth(0)).toContainText('Balance after250');
    await expect(rows.nth(1)).toContainText('+100 tokens');
    await expect(rows.nth(1)).toContainText('Balance after300');
    await expect(rows.nth(2)).toContainText('Transfer');
    await expect(rows.nth(2)).toContainText('Sent to @mweber');
    await expect(rows.nth(2)).toContainText('Balance after200');
    // Past a transfer, whose direction Whop does not record, the balance is not guessed.
    await expect(rows.nth(3)).toContainText('Balance afterNot known');
  });
});

test.describe('each panel fails alone', () => {
  test('a 403 on payments names its permissions; tokens and the card are intact', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoPaymentsHidden');
    await expect(memberPage.heading).toHaveText('Hidden Hana');
    const note = memberPage.payments.getByRole('note', { name: 'Payments unavailable' });
    for (const permission of PAYMENT_PERMISSIONS) await expect(note).toContainText(permission);
    await expect(memberPage.tokenHistory.getByRole('listitem')).toHaveCount(1);
    await expect(memberPage.field('Total spent')).toHaveText('$300.00');
  });

  test('a 403 on token transactions names its permissions; payments and the card are intact', async ({
    page,
    memberPage,
  }) => {
    await page.goto('/members/mber_demoTokensHidden');
    await expect(memberPage.heading).toHaveText('Private Piet');
    const note = memberPage.tokenHistory.getByRole('note', { name: 'Token transactions unavailable' });
    for (const permission of TOKEN_PERMISSIONS) await expect(note).toContainText(permission);
    await expect(memberPage.payments.getByRole('listitem')).toHaveCount(1);
    await expect(memberPage.field('Token balance')).toHaveText('70');
  });

  test('a rate limit and junk from Whop are said in the panel, with Try again', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoHistoryRateLimited');
    await expect(memberPage.payments.getByRole('alert')).toContainText('Whop is rate limiting this dashboard');
    await expect(memberPage.tokenHistory.getByRole('button', { name: 'Try again' })).toBeVisible();
    await page.goto('/members/mber_demoHistoryJunk');
    await expect(memberPage.payments.getByRole('alert')).toContainText('not a list of payments we could read');
    await expect(memberPage.heading).toHaveText('Garbled Gus');
  });

  test('a member without a user: both panels say why they are empty', async ({ page, memberPage, apiRequests }) => {
    await page.goto('/members/mber_demoNoUser');
    await expect(memberPage.payments).toContainText('This member has no Whop user, so there are no payments to show.');
    await expect(memberPage.tokenHistory).toContainText('no token transactions to show');
    // The server says so without a Whop call, in the page itself (src/server/page/first-paint.test.ts).
    expect(apiRequests).not.toContain('/api/members/mber_demoNoUser/payments');
  });
});

test.describe('speed', () => {
  test('a revisit within the minute asks for nothing; Refresh asks again', async ({
    page,
    memberPage,
    apiRequests,
  }) => {
    await page.goto('/members/mber_demoAvaChen');
    await expect(memberPage.payments.getByRole('listitem')).toHaveCount(9);
    await expect(memberPage.tokenHistory.getByRole('listitem')).toHaveCount(5);
    await page
      .getByRole('link', { name: /member lookup/i })
      .first()
      .click();
    await expect(page).toHaveURL('/');
    await page.goBack();
    await expect(memberPage.payments.getByRole('listitem')).toHaveCount(9);
    // The deep link's page came with both lists' first pages; the revisit asked for none.
    const count = (path: string) => apiRequests.filter((r) => r === path).length;
    expect(count('/api/members/mber_demoAvaChen/payments')).toBe(0);
    expect(count('/api/members/mber_demoAvaChen/token-transactions')).toBe(0);
    await page.getByRole('button', { name: /refresh/i }).click();
    await expect.poll(() => count('/api/members/mber_demoAvaChen/payments')).toBe(1);
    await expect.poll(() => count('/api/members/mber_demoAvaChen/token-transactions')).toBe(1);
  });

  test('the card paints while the panels are still loading', async ({ page, memberPage }) => {
    const payments = await holdRequests(page, '**/api/members/mber_demoHistorySlow/payments*');
    await page.goto('/members/mber_demoHistorySlow');
    await expect(memberPage.heading).toHaveText('Slow Sol');
    await expect(memberPage.payments.getByRole('status')).toHaveText('Loading payments…');
    payments.release();
    await expect(memberPage.payments.getByRole('listitem')).toHaveCount(1);
  });
});

for (const width of [320, 360]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });
    for (const id of ['mber_demoWhale', 'mber_demoMarkup', 'mber_demoAvaChen']) {
      test(`${id}: no figure or text overlaps, none is cut off, no sideways scroll`, async ({ page, memberPage }) => {
        await page.goto(`/members/${id}`);
        await expect(memberPage.heading).toBeVisible();
        await expect(memberPage.tokenHistory).toBeVisible();
        await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
        for (const [panel, more] of [
          [memberPage.payments, 'Show more payments'],
          [memberPage.tokenHistory, 'Show more token transactions'],
        ] as const) {
          const button = panel.getByRole('button', { name: more });
          if (await button.isVisible()) {
            const rows = panel.getByRole('list').getByRole('listitem');
            const firstPage = await rows.count();
            await button.click();
            // While the next page comes the button reads "Loading…", a name of its own: the
            // layout is measured once the next page's rows are in, and nothing is left to load.
            await expect.poll(() => rows.count(), { message: `rows after ${more}` }).toBeGreaterThan(firstPage);
            await expect(panel.getByRole('button', { name: /^(Show more|Loading…)/ })).toHaveCount(0);
          }
        }
        const problems = await layoutProblems(page, [
          'article[aria-labelledby="member-name"] > section:first-child',
          'section[aria-labelledby="payments-heading"]',
          'section[aria-labelledby="token-history-heading"]',
        ]);
        expect(problems).toEqual([]);
        const sideways = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(sideways).toBeLessThanOrEqual(0);
      });
    }
  });
}

for (const id of ['mber_demoAvaChen', 'mber_demoWhale', 'mber_demoPaymentsHidden', 'mber_demoTokensHidden']) {
  test(`${id} with its panels has no axe violations, light and dark`, async ({
    page,
    memberPage,
    expectNoAxeViolationsInBothThemes,
  }) => {
    await page.goto(`/members/${id}`);
    await expect(memberPage.heading).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
    await expect(memberPage.payments).toBeVisible();
    await expectNoAxeViolationsInBothThemes();
  });
}
