// Run it for a team: two dashboard instances behind nginx (the shipped deploy/nginx.conf),
// sharing one Redis, with Sign in with Whop on. The spec starts its own stack
// (e2e/support/team-stack.ts) because one test restarts the instances.
import type { APIRequestContext, APIResponse, BrowserContext, Page } from '@playwright/test';
import { API_REQUEST_HEADER } from '../src/contract/auth';
import { WEBHOOK_PATH } from '../src/contract/live';
import { signWebhook } from '../src/demo-whop/webhook-signer';
import { expect, test, WhopSignInPage } from './fixtures';
import { TEAM_BASE_URL, TEAM_OIDC_ISSUER, TEAM_RATE_LIMIT, TEAM_WEBHOOK_SECRET } from './support/team-env';
import { type Instance, startTeamStack, type TeamStack } from './support/team-stack';

/** The session cookie's name when PUBLIC_URL is https, as it is behind nginx. */
const SESSION_COOKIE = '__Host-session';
const API_HEADERS = { [API_REQUEST_HEADER.name]: API_REQUEST_HEADER.value };

let stack: TeamStack;

async function signIn(page: Page, userId: string, path = '/') {
  await page.goto(path);
  await new WhopSignInPage(page, TEAM_OIDC_ISSUER).signInAs(userId);
  await expect(page).toHaveURL(`${TEAM_BASE_URL}${path}`);
}

async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies(TEAM_BASE_URL)).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'the session cookie set through nginx').toBeDefined();
  return cookie!.value;
}

/** A client that sends this session cookie straight to an instance, past nginx. */
function direct(
  newRequestContext: (options: { extraHTTPHeaders: Record<string, string> }) => Promise<APIRequestContext>,
  session: string,
) {
  return newRequestContext({ extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${session}`, ...API_HEADERS } });
}

/** Member API calls an instance answered with 200 since its log had `since` lines: the session passed its gate. */
const lookupsServed = (instance: Instance, since: number) =>
  instance
    .lines()
    .slice(since)
    .filter((line) => line.route?.startsWith('/api/members') && line.status === 200).length;

/** Every navigation of the page into sign-in (the dashboard's /auth/login or Whop's), from now on. */
function watchSignIns(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (!request.isNavigationRequest()) return;
    const url = new URL(request.url());
    if (url.pathname === '/auth/login' || url.origin === TEAM_OIDC_ISSUER) seen.push(url.origin + url.pathname);
  });
  return seen;
}

async function expectEnvelope(response: APIResponse, status: number, code: string) {
  expect(response.status()).toBe(status);
  expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
}

// The tests share one stack, and the rate limit's budget per person: one worker, in order.
// Each signs in through nginx and the OpenID provider (and one makes 90 lookups), on a
// loaded machine: twice the default 30 s. The beforeAll hook sets its own (a hook does not
// get this one), and the rolling restart more still.
test.describe.configure({ mode: 'serial', timeout: 60_000 });

test.beforeAll(async () => {
  // Redis, two stand-ins, two built dashboards and nginx, on a loaded machine.
  test.setTimeout(90_000);
  stack = await startTeamStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

test('a person signed in through nginx is served by both instances', async ({
  page,
  context,
  memberPage,
  newRequestContext,
}) => {
  const since = stack.instances.map((instance) => instance.lines().length);
  await signIn(page, 'user_demoMarcus', '/members/mber_demoAvaChen');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  await page.waitForLoadState('networkidle');

  // One after another through nginx, with the browser's session: round robin sends
  // them to both instances, and each must accept the session the other may have made.
  for (const id of ['mber_demoWhale', 'mber_demoAvaChen', 'mber_demoWhale', 'mber_demoAvaChen']) {
    expect((await page.request.get(`/api/members/${id}`, { headers: API_HEADERS })).status()).toBe(200);
  }
  stack.instances.forEach((instance, i) => {
    expect(lookupsServed(instance, since[i]!), `lookups instance ${instance.name} served`).toBeGreaterThan(0);
  });
  // A deep link's page through nginx comes with its member, rendered by the instance, never cached.
  for (let i = 0; i < 2; i++) {
    const deep = await page.request.get('/members/mber_demoWhale', { maxRedirects: 0 });
    expect(deep.status()).toBe(200);
    expect(deep.headers()['cache-control']).toBe('no-store');
    expect(deep.headers()['x-accel-buffering']).toBeUndefined();
    const html = await deep.text();
    expect(html).toContain('>Harriet Okafor</h1>');
    expect(html).toContain('id="member-first-paint"');
  }

  // And straight at each instance: the member page and its lookup.
  const client = await direct(newRequestContext, await sessionCookie(context));
  for (const instance of stack.instances) {
    const shell = await client.get(`${instance.url}/members/mber_demoWhale`, { maxRedirects: 0 });
    expect(shell.status(), `the member page from instance ${instance.name}`).toBe(200);
    expect(await shell.text()).toContain('Marcus Weber');
    const lookup = await client.get(`${instance.url}/api/members/mber_demoWhale`);
    expect(lookup.status(), `the lookup from instance ${instance.name}`).toBe(200);
    expect(await lookup.json()).toMatchObject({ id: 'mber_demoWhale' });
  }
});

test('signing out ends the session on both instances', async ({ page, context, newRequestContext }) => {
  await signIn(page, 'user_demoMarcus');
  const client = await direct(newRequestContext, await sessionCookie(context));
  for (const instance of stack.instances) {
    expect((await client.get(`${instance.url}/api/session`)).status(), `before, at ${instance.name}`).toBe(200);
  }

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are signed out');

  for (const instance of stack.instances) {
    const replay = await client.get(`${instance.url}/api/session`);
    expect(replay.status(), `the old cookie, replayed at instance ${instance.name}`).toBe(401);
  }
});

test('restarting the instances one after the other keeps the person signed in', async ({
  page,
  context,
  memberPage,
  newRequestContext,
}) => {
  // Sign-in, two restarts (each a SIGTERM, a start-up and up to 15 s until nginx tries the
  // instance again), two lookups and a reload.
  test.setTimeout(120_000);
  await signIn(page, 'user_demoMarcus', '/members/mber_demoAvaChen');
  await expect(memberPage.heading).toHaveText('Ava Chen');
  const session = await sessionCookie(context);
  const signIns = watchSignIns(page);
  const client = await direct(newRequestContext, session);
  const search = page.getByRole('banner').getByRole('searchbox', { name: 'Search members' });

  // A rolling restart: afterwards no process alive has seen the session being made.
  for (const [instance, id, name] of [
    [stack.instances[0], 'mber_demoWhale', 'Harriet Okafor'],
    [stack.instances[1], 'mber_demoAvaChen', 'Ava Chen'],
  ] as const) {
    expect(await instance.restart(), `instance ${instance.name}'s exit code on SIGTERM`).toBe(0);
    expect((await client.get(`${instance.url}/api/session`)).status(), `restarted ${instance.name}`).toBe(200);
    // As the README's deploy steps say: the next restart waits until nginx sends requests to
    // this instance again (it keeps an instance that refused a connection out for fail_timeout,
    // 5 s); restarting sooner can leave nginx with no instance it will try, and a 502.
    await expect
      .poll(
        async () => {
          await page.request.get(`${TEAM_BASE_URL}/api/health`);
          return instance.lines().some((line) => line.route === '/api/health');
        },
        { message: `nginx sends requests to ${instance.name} again`, timeout: 15_000, intervals: [250] },
      )
      .toBe(true);
    // The open page carries on through nginx.
    await search.fill(id);
    await search.press('Enter');
    await expect(page).toHaveURL(`${TEAM_BASE_URL}/members/${id}`);
    await expect(memberPage.heading).toHaveText(name);
  }
  await page.reload();
  await expect(memberPage.heading).toHaveText('Ava Chen');
  expect(signIns, 'sign-in pages the browser was sent to').toEqual([]);
  expect(await sessionCookie(context)).toBe(session);
});

test('the rate limit counts across both instances, not per instance', async ({ page, apiRequests }) => {
  const since = stack.instances.map((instance) => instance.lines().length);
  // Grace, so that the other tests' lookups (Marcus's) do not count.
  await signIn(page, 'user_demoGrace');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a member');
  await page.waitForLoadState('networkidle');
  // What the page itself asked counts too (the probes and /api/session are not limited).
  const byThePage = apiRequests.filter((p) => !/^\/api\/(session|health|ready)\b/.test(p)).length;

  const statuses: number[] = [];
  for (let i = 0; i < TEAM_RATE_LIMIT + 10; i++) {
    const response = await page.request.get('/api/members/mber_demoAvaChen', { headers: API_HEADERS });
    statuses.push(response.status());
    if (response.status() === 429) {
      await expectEnvelope(response, 429, 'rate_limited');
      expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
    }
  }
  expect(
    statuses.filter((s) => s === 200),
    'lookups admitted',
  ).toHaveLength(TEAM_RATE_LIMIT - byThePage);
  expect(
    statuses.filter((s) => s !== 200 && s !== 429),
    'answers other than 200 and 429',
  ).toEqual([]);
  // Both instances took part in the burst.
  stack.instances.forEach((instance, i) => {
    expect(lookupsServed(instance, since[i]!), `lookups instance ${instance.name} served`).toBeGreaterThan(0);
  });
});

test('a member looked up through one instance is served by the other from the shared cache', async ({
  page,
  context,
  newRequestContext,
}) => {
  await signIn(page, 'user_demoMarcus');
  const client = await direct(newRequestContext, await sessionCookie(context));
  const id = 'mber_demoTomasSilva';
  const [a, b] = stack.instances;
  expect(stack.whop.callsFor(id), 'Whop calls before').toBe(0);

  const fromA = await client.get(`${a.url}/api/members/${id}`);
  expect(fromA.status()).toBe(200);
  expect(stack.whop.callsFor(id), 'Whop calls after instance A').toBe(1);

  const fromB = await client.get(`${b.url}/api/members/${id}`);
  expect(fromB.status()).toBe(200);
  expect(await fromB.json()).toEqual(await fromA.json());
  expect(stack.whop.callsFor(id), 'Whop calls after instance B').toBe(1);
});

// Live member pages (issue 28): Whop delivers a webhook to whichever instance nginx picks; the
// page's stream may be on the other one. Mia Rossi (no other team test opens her) pays, then
// loses her membership. Her stand-in records change first, as at Whop; the spec signs and sends
// the delivery itself, straight to an instance, as nginx would pass it.

/** What the stand-in made happen, delivered to `to` (signed with the team's secret unless forged). */
async function deliver(
  request: APIRequestContext,
  to: string,
  body: string,
  headers: Record<string, string> = signWebhook(TEAM_WEBHOOK_SECRET, body),
) {
  return request.post(`${to}${WEBHOOK_PATH}`, {
    headers: { 'content-type': 'application/json', ...headers },
    data: body,
  });
}

const LIVE_MEMBER = 'mber_demoNewJoin';

test('a change delivered to one instance shows on a page open through nginx, whichever instance holds its stream', async ({
  page,
  memberPage,
  request,
}) => {
  await signIn(page, 'user_demoMarcus', `/members/${LIVE_MEMBER}`);
  await expect(memberPage.heading).toHaveText('Mia Rossi');
  const line = page.getByTestId('live-line');
  // The stream came through nginx (unbuffered): the page heard `ready`.
  await expect(line).toContainText('Live: this page updates itself');
  const total = memberPage.field('Total spent');
  await expect(total).toHaveText('$0.00');
  await expect(memberPage.accessSummary).not.toContainText('Checking');
  const summaryBefore = (await memberPage.accessSummary.textContent()) ?? '';
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  const [a, b] = stack.instances;

  // The page's stream is on A or B: one of the two deliveries crosses instances through Redis.
  const paid = await stack.whop.simulate({ memberId: LIVE_MEMBER, type: 'payment.succeeded' });
  const toA = await deliver(request, a.url, paid.body);
  expect(toA.status()).toBe(202);
  await expect(page.getByTestId('live-note')).toHaveText('New payment, just now');
  await expect(total).toHaveText('$25.00');
  await expect(memberPage.payments.getByRole('listitem').filter({ hasText: '$25.00' })).toHaveCount(1);

  const ended = await stack.whop.simulate({ memberId: LIVE_MEMBER, type: 'membership.deactivated' });
  expect((await deliver(request, b.url, ended.body)).status()).toBe(202);
  await expect(page.getByTestId('live-note')).toHaveText('Membership deactivated, just now');
  await expect(memberPage.memberships).toContainText('Canceled');
  await expect(memberPage.accessSummary).not.toHaveText(summaryBefore);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // Both instances took a delivery and acted on it.
  for (const instance of [a, b]) {
    const lines = instance.lines().filter((l) => l.event === 'webhook');
    expect(
      lines.map((l) => l.outcome),
      `instance ${instance.name}'s deliveries`,
    ).toEqual(['verified']);
  }
});

test('forged, stale, unsigned and oversized deliveries are refused and change nothing; one delivered twice acts once', async ({
  page,
  memberPage,
  request,
}) => {
  await signIn(page, 'user_demoMarcus', `/members/${LIVE_MEMBER}`);
  await expect(page.getByTestId('live-line')).toContainText('Live: this page updates itself');
  await expect(memberPage.payments.getByRole('heading', { name: 'Payments' })).toBeVisible();
  const [a, b] = stack.instances;
  const paid = await stack.whop.simulate({ memberId: LIVE_MEMBER, type: 'payment.succeeded' });
  const total = memberPage.field('Total spent');
  const totalBefore = Number((await total.textContent())?.replace(/[^0-9.]/g, ''));
  const usd = (n: number) => `$${n.toFixed(2)}`;
  // Every change the page acts on is announced once: count them.
  await page.evaluate(() => {
    const w = window as unknown as { changesAnnounced: number };
    w.changesAnnounced = 0;
    const region = document.querySelector('[data-testid="announcer"]');
    if (!region) throw new Error('no announcer on the page');
    new MutationObserver(() => {
      if (region.textContent?.startsWith('New payment')) w.changesAnnounced++;
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  const announced = () => page.evaluate(() => (window as unknown as { changesAnnounced: number }).changesAnnounced);

  // Through nginx, as Whop's would come.
  const refused = {
    forged: signWebhook('ws_not-the-secret', paid.body),
    stale: signWebhook(TEAM_WEBHOOK_SECRET, paid.body, { timestampSeconds: Math.floor(Date.now() / 1000) - 6 * 60 }),
    unsigned: {},
  };
  for (const [why, headers] of Object.entries(refused)) {
    const res = await deliver(request, stack.url, paid.body, headers);
    expect(res.status(), why).toBe(401);
  }
  const tooBig = JSON.stringify({ type: 'payment.succeeded', data: { note: 'x'.repeat(2 * 1024 * 1024) } });
  expect((await deliver(request, stack.url, tooBig)).status(), 'a 2 MB body').toBe(413);
  await expect(page.getByTestId('live-note')).toHaveText('');

  // The same delivery (one webhook-id) to A, then to B: acted on once.
  const headers = signWebhook(TEAM_WEBHOOK_SECRET, paid.body);
  const first = await deliver(request, a.url, paid.body, headers);
  expect(await first.json()).toEqual({ outcome: 'verified' });
  const again = await deliver(request, b.url, paid.body, headers);
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ outcome: 'duplicate' });
  await expect(page.getByTestId('live-note')).toHaveText('New payment, just now');
  await expect(total).toHaveText(usd(totalBefore + 25));
  const other = await stack.whop.simulate({ memberId: LIVE_MEMBER, type: 'payment.succeeded' });
  expect((await deliver(request, b.url, other.body)).status()).toBe(202);
  await expect(total).toHaveText(usd(totalBefore + 50));
  // The first delivery and the other: had the duplicate (or a refused one) acted, a third.
  await expect.poll(announced).toBe(2);
  await page.waitForTimeout(500);
  expect(await announced(), 'changes the page acted on').toBe(2);
});
