// Live member pages (issue 28) on the demo stack: the server runs live out of the box (a
// webhook secret of its own), and "Simulate a payment" has the stand-in record a payment and
// deliver Whop's signed webhook to the dashboard, which tells the open page. The two-instance,
// Redis and nginx side is in team.spec.ts; refusals and dedupe in the server's tests.
import { expect, test } from './fixtures';

// Mia Rossi joined 15 minutes ago and has paid nothing: no other spec opens her page.
const MEMBER = 'mber_demoNewJoin';

test('a payment Whop reports appears on the open page by itself: total and row updated, noted, announced, nothing above it moved', async ({
  page,
  memberPage,
  announcer,
  expectNoAxeViolationsInBothThemes,
}) => {
  await page.goto(`/members/${MEMBER}`);
  await expect(memberPage.heading).toHaveText('Mia Rossi');
  const line = page.getByTestId('live-line');
  await expect(line).toContainText('Live: this page updates itself');
  const total = memberPage.field('Total spent');
  await expect(total).toHaveText('$0.00');
  await expect(memberPage.payments).toContainText('No payments');

  // Where what a manager is reading sits before the change: nothing above the new row moves.
  const watched = [memberPage.heading, line, total, memberPage.payments.getByRole('heading', { name: 'Payments' })];
  const boxes = () => Promise.all(watched.map((l) => l.boundingBox()));
  const before = await boxes();
  // Anything from before the change: a reload would lose it.
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  await line.getByRole('button', { name: 'Simulate a payment' }).click();

  await expect(page.getByTestId('live-note')).toHaveText('New payment, just now');
  await expect(total).toHaveText('$25.00');
  await expect(memberPage.payments.getByRole('listitem').filter({ hasText: '$25.00' })).toHaveCount(1);
  await expect(announcer).toContainText('New payment');
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(await boxes(), 'the card, the live line, the total and the payments heading, where they were').toEqual(before);

  // Still live, and still accessible with the change marked, light and dark.
  await expect(line).toContainText('Live: this page updates itself');
  await expectNoAxeViolationsInBothThemes();
});
