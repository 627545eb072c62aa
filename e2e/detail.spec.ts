import { expect, holdRequests, test } from './fixtures';

test.describe('copy buttons', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  for (const [button, expected] of [
    ['Copy member id', 'mber_demoAvaChen'],
    ['Copy user id', 'user_demoAva'],
    ['Copy email', 'ava.chen@example.com'],
  ] as const) {
    test(`${button} puts it on the clipboard and says so`, async ({ page, memberPage, announcer }) => {
      await page.goto('/members/mber_demoAvaChen');
      await expect(memberPage.heading).toHaveText('Ava Chen');
      const copy = page.getByRole('button', { name: button });
      await copy.click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
      await expect(copy).toHaveAttribute('data-state', 'copied');
      await expect(announcer).toHaveText(`${button.replace('Copy ', '').replace(/^./, (c) => c.toUpperCase())} copied`);
    });
  }

  test('Copy link copies the shareable address', async ({ page, memberPage, baseURL, announcer }) => {
    await page.goto('/members/mber_demoAvaChen');
    await expect(memberPage.heading).toHaveText('Ava Chen');
    await page.getByRole('button', { name: 'Copy link' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/members/mber_demoAvaChen`);
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
    await expect(announcer).toHaveText('Link to this member copied');
  });

  test('a member without email or user has nothing to copy there', async ({ page, memberPage }) => {
    await page.goto('/members/mber_demoNoUser');
    await expect(memberPage.heading).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy email' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Copy user id' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Copy member id' })).toBeVisible();
  });
});

test.describe('freshness and refresh', () => {
  test('the freshness line keeps time', async ({ page, memberPage }) => {
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    await page.goto('/members/mber_demoAvaChen');
    await expect(memberPage.heading).toHaveText('Ava Chen');
    await expect(memberPage.freshness).toHaveText(/Updated (now|\ds ago)/);
    await page.clock.fastForward(15_000);
    await expect(memberPage.freshness).toHaveText(/Updated 1\ds ago/);
    await page.clock.fastForward(60_000);
    await expect(memberPage.freshness).toHaveText('Updated 1m ago');
  });

  test('Refresh refetches the member and memberships, visibly, and says when done', async ({
    page,
    memberPage,
    announcer,
  }) => {
    await page.goto('/members/mber_demoAvaChen');
    await expect(memberPage.memberships).toContainText('Northwind Pro');
    // Hold the refetch so its progress can be seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/members/mber_demoAvaChen', async (route) => {
      await held;
      await route.continue();
    });
    const member = page.waitForRequest('**/api/members/mber_demoAvaChen');
    const memberships = page.waitForRequest('**/api/members/mber_demoAvaChen/memberships');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await Promise.all([member, memberships]);
    await expect(memberPage.freshness).toHaveText('Refreshing…');
    await expect(memberPage.heading).toHaveText('Ava Chen');
    release();
    await expect(memberPage.freshness).toHaveText(/Updated/);
    await expect(announcer).toHaveText('Member refreshed');
  });

  test('r refreshes while the payments are still loading', async ({ page, memberPage, announcer, apiRequests }) => {
    const payments = await holdRequests(page, '**/api/members/mber_demoHistorySlow/payments*');
    await page.goto('/members/mber_demoHistorySlow');
    await expect(memberPage.heading).toHaveText('Slow Sol');
    await expect(memberPage.payments.getByRole('status')).toHaveText(/Loading/);
    const before = apiRequests.length;
    await page.keyboard.press('r');
    await expect.poll(() => apiRequests.slice(before)).toContain('/api/members/mber_demoHistorySlow');
    payments.release();
    await expect(announcer).toHaveText('Member refreshed', { timeout: 10_000 });
  });

  test('r refreshes, but not while typing in the search box', async ({ page, memberPage, searchPage, apiRequests }) => {
    await page.goto('/members/mber_demoAvaChen');
    await expect(memberPage.memberships).toContainText('Northwind Pro');
    const before = apiRequests.length;
    await page.keyboard.press('r');
    await expect.poll(() => apiRequests.slice(before)).toContain('/api/members/mber_demoAvaChen');
    const after = apiRequests.length;
    await searchPage.input.focus();
    await page.keyboard.type('rr');
    await expect(searchPage.input).toHaveValue('rr');
    await page.waitForTimeout(300);
    expect(apiRequests.slice(after).filter((r) => r === '/api/members/mber_demoAvaChen')).toEqual([]);
  });
});

test.describe('memberships panel', () => {
  test('lists product, plan, status, renewal period end and cancel at period end', async ({ memberPage, page }) => {
    await page.goto('/members/mber_demoNoEmail');
    const panel = memberPage.memberships;
    const item = panel.getByRole('listitem').first();
    await expect(item.getByRole('heading', { level: 3 })).toHaveText('Northwind Pro');
    await expect(item).toContainText('Canceling');
    await expect(item).toContainText('plan_demoProMonthly');
    await expect(item).toContainText(/Renewal period ends\w{3} \d{1,2}, \d{4}/);
    await expect(item).toContainText('Cancels at period endYes');
  });

  test('a member with several memberships shows each', async ({ memberPage, page }) => {
    await page.goto('/members/mber_demoWhale');
    await expect(memberPage.memberships.getByRole('listitem')).toHaveCount(3);
    await expect(memberPage.memberships).toContainText('Daily Signals');
    await expect(memberPage.memberships).toContainText('Does not renew');
  });

  test('on 403 the panel explains the missing permission and the rest of the page stands', async ({
    memberPage,
    page,
  }) => {
    await page.goto('/members/mber_demoRestricted');
    await expect(memberPage.heading).toHaveText('Rhea Castillo');
    const note = memberPage.memberships.getByRole('note', { name: 'Memberships unavailable' });
    await expect(note).toContainText('Memberships are hidden from this dashboard.');
    await expect(note).toContainText('member:basic:read, member:email:read');
    await expect(memberPage.field('Email')).toHaveText('rhea@example.es');
  });

  test('a member with no memberships says so', async ({ memberPage, page }) => {
    await page.goto('/members/mber_demoMarcusWeber');
    await expect(memberPage.memberships).toContainText('No memberships in this company.');
  });
});
