import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_API_VERSIONS } from './answers';
import { DEMO_COMPANY, SPECIAL_IDS, SPECIAL_USER_IDS } from './fixtures';
import { type DemoWhop, startDemoWhop } from './server';

const KEY = 'test_key';
const now = Date.parse('2026-01-01T00:00:00Z');
let whop: DemoWhop | undefined;
afterEach(async () => {
  await whop?.close();
  whop = undefined;
});

async function start(latencyMs?: number) {
  whop = await startDemoWhop({ apiKey: KEY, now, ...(latencyMs ? { latencyMs } : {}) });
  return whop;
}

async function call(
  w: DemoWhop,
  path: string,
  init: RequestInit & { key?: string | null; version?: string | null } = {},
) {
  const { key = KEY, version = KNOWN_API_VERSIONS[0], ...rest } = init;
  const res = await fetch(`${w.baseURL}${path}`, {
    ...rest,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(version === null ? {} : { 'api-version-date': version }),
    },
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const company = `company_id=${DEMO_COMPANY.id}`;

describe('the stand-in', () => {
  it('answers 401 without the bearer key, and records every request', async () => {
    const w = await start();
    expect((await call(w, '/members/mber_demoAvaChen', { key: null })).status).toBe(401);
    expect((await call(w, '/members/mber_demoAvaChen', { key: 'wrong' })).status).toBe(401);
    await call(w, `/members?${company}&first=1`);
    expect(w.requests).toEqual([
      { method: 'GET', path: '/api/v1/members/mber_demoAvaChen' },
      { method: 'GET', path: '/api/v1/members/mber_demoAvaChen' },
      { method: 'GET', path: '/api/v1/members', query: `?${company}&first=1` },
    ]);
  });

  it('notes when each request arrived, and answers 429 with Retry-After while throttled, then serves again', async () => {
    const w = await start();
    const before = Date.now();
    expect((await call(w, '/members/mber_demoAvaChen')).status).toBe(200);
    w.throttle(60_000, 5);
    const limited = await fetch(`${w.baseURL}/members/mber_demoAvaChen`, {
      headers: { authorization: `Bearer ${KEY}`, 'api-version-date': KNOWN_API_VERSIONS[0] ?? '' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');
    expect((await call(w, `/members?${company}&query=ava`)).status).toBe(429);
    w.throttle(0, 5);
    expect((await call(w, '/members/mber_demoAvaChen')).status).toBe(200);
    expect(w.arrivals).toHaveLength(w.requests.length);
    expect(w.arrivals.every((t) => t >= before && t <= Date.now())).toBe(true);
  });

  it('serves members whose names a spreadsheet would misread, by id only', async () => {
    const w = await start();
    const formula = await call(w, '/members/mber_demoFormula');
    expect(formula.body).toMatchObject({ user: { name: '=HYPERLINK("https://example.com/steal","Open")' } });
    const quoted = await call(w, '/members/mber_demoQuoted');
    expect(quoted.body).toMatchObject({ user: { name: 'Dana "DJ" Jones, Jr.\nsecond line' } });
    const listed = await call(w, `/members?${company}&query=dana`);
    expect(listed.body).toMatchObject({ data: [] });
  });

  it('takes a second to say a slow-gone member does not exist', async () => {
    const w = await start();
    const started = Date.now();
    const [one, two] = await Promise.all([
      call(w, '/members/mber_demoSlowGone1'),
      call(w, '/members/mber_demoSlowGone2'),
    ]);
    expect([one.status, two.status]).toEqual([404, 404]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect((await call(w, '/members/mber_demoSlowGoneX')).status).toBe(404);
  });

  it('404s unknown paths, 405s other methods on its data endpoints (counted all the same)', async () => {
    const w = await start();
    expect((await call(w, '/nothing')).status).toBe(404);
    expect((await call(w, '/members/a/b')).status).toBe(404);
    expect((await call(w, '/members/mber_demoAvaChen', { method: 'DELETE' })).status).toBe(405);
    expect((await call(w, `/companies/${DEMO_COMPANY.id}`, { method: 'POST' })).status).toBe(404);
    expect(w.callsFor('mber_demoAvaChen')).toBe(1);
  });

  it('pages with cursors, and refuses bad paging parameters', async () => {
    const w = await start();
    const first = await call(w, `/members?${company}&first=2`);
    const info = first.body?.page_info as { end_cursor: string; has_next_page: boolean };
    expect(first.body?.data).toHaveLength(2);
    expect(info.has_next_page).toBe(true);
    const next = await call(w, `/members?${company}&first=2&after=${info.end_cursor}`);
    expect(next.body).toHaveProperty('page_info.has_previous_page', true);
    expect((await call(w, `/members?${company}&first=0`)).status).toBe(400);
    expect((await call(w, `/members?${company}&after=nonsense`)).status).toBe(400);
    expect((await call(w, '/members')).status).toBe(400);
    expect((await call(w, '/members?company_id=biz_other')).status).toBe(403);
  });

  it('lists members without their company and memberships without custom field responses', async () => {
    const w = await start();
    const members = (await call(w, `/members?${company}&first=100`)).body?.data as object[];
    for (const m of members) expect(m).not.toHaveProperty('company');
    expect((await call(w, '/members/mber_demoAvaChen')).body).toHaveProperty('company.route', DEMO_COMPANY.route);
    const memberships = (await call(w, `/memberships?${company}&first=100`)).body?.data as object[];
    for (const m of memberships) expect(m).not.toHaveProperty('custom_field_responses');
    expect((await call(w, '/memberships/mem_demoAvaPro')).body?.custom_field_responses).toHaveLength(1);
  });

  it('answers the access check and the company record as the SDK expects', async () => {
    const w = await start();
    const access = (user: string, resource: string = DEMO_COMPANY.id) => call(w, `/users/${user}/access/${resource}`);
    expect((await access('user_demoMarcus')).body).toEqual({ has_access: true, access_level: 'admin' });
    expect((await access('user_demoAva')).body).toEqual({ has_access: true, access_level: 'customer' });
    expect((await access('user_nobody')).body).toEqual({ has_access: false, access_level: 'no_access' });
    expect((await access(SPECIAL_USER_IDS.formerAdmin)).body?.access_level).toBe('admin');
    expect((await access(SPECIAL_USER_IDS.formerAdmin)).body?.access_level).toBe('no_access');
    expect((await access(SPECIAL_USER_IDS.accessCheckFails)).status).toBe(500);
    expect((await access('user_demoMarcus', 'biz_other')).status).toBe(404);
    expect((await call(w, `/companies/${DEMO_COMPANY.id}`)).body).toMatchObject({ ...DEMO_COMPANY, verified: true });
    expect((await call(w, '/companies/biz_other')).status).toBe(404);
  });

  it('adds the latency to data answers only', async () => {
    // A latency far above any round trip on a loaded machine, so the answer without it
    // can be told apart by a wide margin: the lower bound is exact, the upper one generous.
    const latencyMs = 2_000;
    const w = await start(latencyMs);
    const timed = async (path: string) => {
      const started = performance.now();
      await call(w, path);
      return performance.now() - started;
    };
    expect(await timed('/members/mber_demoAvaChen')).toBeGreaterThanOrEqual(latencyMs - 10);
    expect(await timed(`/users/user_demoMarcus/access/${DEMO_COMPANY.id}`)).toBeLessThan(latencyMs / 2);
  });

  it('serves the flaky member on every other call', async () => {
    const w = await start();
    expect((await call(w, `/members/${SPECIAL_IDS.flaky}`)).status).toBe(500);
    expect((await call(w, `/members/${SPECIAL_IDS.flaky}`)).body).toHaveProperty('user.name', 'Flaky Fiona');
    expect(w.callsFor(SPECIAL_IDS.flaky)).toBe(2);
  });
});
