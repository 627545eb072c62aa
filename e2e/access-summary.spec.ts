import { expect, holdRequests, MemberPage, test } from './fixtures';

/** The summary's answer is in: it no longer says it is checking. */
async function settled(memberPage: MemberPage) {
  await expect(memberPage.accessSummary).toBeVisible();
  await expect(memberPage.accessSummary).not.toHaveAttribute('aria-busy');
}

test('has access: the product and when it renews, first on the page', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoAvaChen');
  await settled(memberPage);
  await expect(memberPage.accessSummary).toContainText('Has access');
  await expect(memberPage.accessSummary).toContainText(
    /Has access to Northwind Pro: active, renews on [A-Z][a-z]{2} \d{1,2}, \d{4}\./,
  );
  await expect(memberPage.accessSummary).toContainText('Also: Trading Basics Course (completed).');
});

test('past due: the failure message, and a warning for the repeated failures', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoTomasSilva');
  await settled(memberPage);
  await expect(memberPage.accessSummary).toContainText('Past due on Northwind Pro');
  await expect(memberPage.accessSummary).toContainText('“The card has expired.”');
  await expect(memberPage.accessSummary.getByRole('list', { name: 'Warnings' })).toContainText(
    /\d+ failed payment attempts/,
  );
});

test('lost access: says how it ended and what the member picked', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoCanceledByChoice');
  await settled(memberPage);
  await expect(memberPage.accessSummary).toContainText(/No access: Northwind Pro was canceled on .+ by the member\./);
  await expect(
    memberPage.accessSummary.getByRole('link', { name: 'Reason picked: switching to something else' }),
  ).toBeVisible();
});

test('a fact links to the membership row it comes from', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoCanceledByChoice');
  await settled(memberPage);
  await memberPage.accessSummary.getByRole('link', { name: 'Reason picked: switching to something else' }).click();
  await expect(page).toHaveURL(/#membership-mem_demoFelixPro$/);
  await expect(memberPage.memberships.getByRole('listitem').first()).toBeInViewport();
});

test('forbidden: names the permission the key needs', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoRestricted');
  await settled(memberPage);
  await expect(memberPage.accessSummary).toContainText('Cannot tell: the API key may not read memberships.');
  await expect(memberPage.accessSummary).toContainText('member:basic:read');
});

test('never a verdict while the memberships load', async ({ page, memberPage, searchPage }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/members/mber_demoExpiredAfterFailures/memberships', async (route) => {
    await held;
    await route.continue();
  });
  // Looked up in the app: a deep link's page would come with the memberships (the server's).
  await searchPage.goto();
  await searchPage.lookUp('mber_demoExpiredAfterFailures');
  await expect(memberPage.heading).toBeVisible();
  // Right after the page shows: checking, no verdict.
  await expect(memberPage.accessSummary.getByRole('status')).toHaveText(
    'Checking access: the memberships are loading.',
  );
  await expect(memberPage.accessSummary).not.toContainText(/no access|has access|past due/i);
  release();
  await settled(memberPage);
  await expect(memberPage.accessSummary).toContainText('No access: Northwind Pro expired');
});

test("a deep link's server-rendered page comes with the summary's verdict when Whop answers in time, and reserves it, checking, when not", async ({
  request,
}) => {
  // The page's own inline script swaps the verdict in for the checking state it wrote first.
  const html = await (await request.get('/members/mber_demoAvaChen')).text();
  expect(html).toContain('id="access-summary-heading"');
  expect(html).toContain('Checking access: the memberships are loading.');
  const swapped = /<template id="member-summary-next">(.*?)<\/template>/.exec(html)?.[1] ?? '';
  expect(swapped).toMatch(/Has access to Northwind Pro: active, renews on [A-Z][a-z]{2} \d{1,2}, \d{4}\./);
  // Whop slower than the page's wait (its payments take 3 s), or refusing the memberships: checking, never a verdict.
  for (const id of ['mber_demoHistorySlow', 'mber_demoRestricted']) {
    const page = await (await request.get(`/members/${id}`)).text();
    expect(page).toContain('>Checking access: the memberships are loading.<');
    expect(page).not.toContain('<template id="member-summary-next">');
    expect(page).not.toMatch(/has access|no access|past due|cannot tell/i);
  }
});

test('the summary comes before the memberships and the payments', async ({ page, memberPage }) => {
  await page.goto('/members/mber_demoAvaChen');
  await settled(memberPage);
  await expect(memberPage.payments).toBeVisible();
  const top = async (locator: typeof memberPage.payments) => (await locator.boundingBox())!.y;
  const summary = await top(memberPage.accessSummary);
  const card = await top(memberPage.heading);
  const memberships = await top(memberPage.memberships);
  const payments = await top(memberPage.payments);
  expect(summary).toBeLessThan(card);
  expect(card).toBeLessThan(memberships);
  expect(memberships).toBeLessThan(payments);
});

test('the verdict takes the place of "Checking…" without moving the page, wide and on a phone', async ({
  newContext,
}) => {
  // Cumulative layout shift after the member's card first painted (its heading's element timing),
  // the app's takeover of the server's page included: the memberships held until the app shows
  // the page, so the verdict replaces "Checking…" there; then the payments and token history,
  // which may add facts to the summary.
  const measured: Record<string, number> = {};
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 360, height: 740 },
  ]) {
    const context = await newContext({ viewport });
    const page = await context.newPage();
    await page.addInitScript(() => {
      type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean };
      type Painted = PerformanceEntry & { identifier: string; renderTime: number; loadTime: number };
      const w = window as unknown as { shifts: Array<[number, number]>; cardAt: number | null };
      w.shifts = [];
      w.cardAt = null;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Shift[]) if (!e.hadRecentInput) w.shifts.push([e.startTime, e.value]);
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Painted[])
          if (e.identifier === 'member-name' && w.cardAt === null) w.cardAt = e.renderTime || e.loadTime;
      }).observe({ type: 'element', buffered: true });
    });
    const memberships = await holdRequests(page, '**/api/members/mber_demoHistorySlow/memberships*');
    const history = await holdRequests(page, /\/api\/members\/mber_demoHistorySlow\/(payments|token-transactions)/);
    const memberPage = new MemberPage(page);
    await page.goto('/members/mber_demoHistorySlow');
    await expect(memberPage.heading).toHaveText('Slow Sol');
    await expect(memberPage.accessSummary).toHaveAttribute('aria-busy', 'true');
    memberships.release();
    await settled(memberPage);
    await expect(memberPage.memberships.getByRole('status')).toHaveCount(0);
    history.release();
    await expect(memberPage.payments).not.toHaveAttribute('aria-busy');
    await expect(memberPage.tokenHistory).not.toHaveAttribute('aria-busy');
    // Layout shifts are reported after the frame that has them: two more frames.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const { shifts, cardAt } = await page.evaluate(() => {
      const w = window as unknown as { shifts: Array<[number, number]>; cardAt: number | null };
      return { shifts: w.shifts, cardAt: w.cardAt };
    });
    expect(cardAt, 'the card painted').not.toBeNull();
    measured[viewport.width] = shifts.filter(([at]) => at >= (cardAt ?? 0)).reduce((sum, [, value]) => sum + value, 0);
    await context.close();
  }
  test.info().annotations.push({ type: 'layout shift after the card', description: JSON.stringify(measured) });
  expect(measured[1280]).toBeLessThan(0.02);
  expect(measured[360]).toBeLessThan(0.02);
});

for (const width of [320, 360]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 740 } });

    test('the summary fits, with no sideways scrolling, in the first screen', async ({ page, memberPage }) => {
      await page.goto('/members/mber_demoTomasSilva');
      await settled(memberPage);
      await expect(memberPage.accessSummary.getByRole('list', { name: 'Warnings' })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expect(memberPage.accessSummary.getByRole('heading', { name: 'Access summary' })).toBeInViewport();
    });
  });
}

for (const id of ['mber_demoTomasSilva', 'mber_demoChargebackOpen']) {
  test(`the summary of ${id} has no axe violations, light and dark`, async ({
    page,
    memberPage,
    expectNoAxeViolationsInBothThemes,
  }) => {
    await page.goto(`/members/${id}`);
    await settled(memberPage);
    await expect(memberPage.memberships.getByRole('status')).toHaveCount(0);
    await expectNoAxeViolationsInBothThemes();
  });
}

test.describe('Copy summary', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('puts the sentence and its facts on the clipboard as plain text', async ({ page, memberPage, announcer }) => {
    await page.goto('/members/mber_demoCanceledByChoice');
    await settled(memberPage);
    await memberPage.accessSummary.getByRole('button', { name: 'Copy summary' }).click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^No access: Northwind Pro was canceled on .+ by the member\.\n/);
    expect(text).toContain('\n- Reason picked: switching to something else\n');
    expect(text).toContain('- In their words: “Moving to a desk my employer pays for.”');
    await expect(announcer).toHaveText('Access summary copied');
  });
});
