import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { ApiErrorEnvelopeSchema } from '../../contract/api-error';
import { MemberSearchPageSchema } from '../../contract/member-search';
import { MembershipPageSchema, MembershipSchema } from '../../contract/membership';
import { RESTRICTED_MEMBER_ID, SPECIAL_IDS, SPECIAL_MEMBERSHIP_IDS, SPECIAL_QUERIES } from '../../demo-whop/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function errorOf(res: Response) {
  return ApiErrorEnvelopeSchema.parse(await res.json()).error;
}

const search = (query: string, cursor?: string) =>
  t.get(`/api/members?${new URLSearchParams({ query, ...(cursor === undefined ? {} : { cursor }) })}`);

/** The query string Whop received on the last call, decoded. */
function lastUpstreamQuery() {
  const last = t.whop.requests.at(-1)!;
  return new URLSearchParams(last.query ?? '');
}

describe('GET /api/members?query= (search)', () => {
  it('finds members by name through Whop’s list endpoint, in the configured company', async () => {
    const res = await search('Ava Chen');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = MemberSearchPageSchema.parse(await res.json());
    expect(page.data.map((m) => m.id)).toEqual(['mber_demoAvaChen']);
    expect(page.next_cursor).toBeNull();
    expect(t.whop.requests.at(-1)?.path).toBe('/api/v1/members');
    const sent = lastUpstreamQuery();
    expect(sent.get('company_id')).toBe('biz_demoNorthwind');
    expect(sent.get('query')).toBe('Ava Chen');
  });

  it.each([
    ['an email', 'marcus@example.de', 'mber_demoMarcusWeber'],
    ['a username with @', '@tsilva', 'mber_demoTomasSilva'],
    ['a name with accents', 'Tomás', 'mber_demoTomasSilva'],
  ])('finds %s with the query filter', async (_what, query, id) => {
    const page = MemberSearchPageSchema.parse(await (await search(query)).json());
    expect(page.data.map((m) => m.id)).toEqual([id]);
    expect(lastUpstreamQuery().get('query')).toBe(query.replace(/^@/, ''));
  });

  it('finds a user id with the user_ids filter, not the text query', async () => {
    const page = MemberSearchPageSchema.parse(await (await search('user_demoPriya')).json());
    expect(page.data.map((m) => m.id)).toEqual(['mber_demoPriyaNair']);
    const sent = lastUpstreamQuery();
    expect(sent.getAll('user_ids[]')).toEqual(['user_demoPriya']);
    expect(sent.has('query')).toBe(false);
  });

  it('pages with Whop’s cursor until the last page', async () => {
    const first = MemberSearchPageSchema.parse(await (await search('example')).json());
    expect(first.data).toHaveLength(10);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = MemberSearchPageSchema.parse(await (await search('example', first.next_cursor!)).json());
    expect(second.data.length).toBeGreaterThan(0);
    expect(second.next_cursor).toBeNull();
    expect(lastUpstreamQuery().get('after')).toBe(first.next_cursor);
    const ids = [...first.data, ...second.data].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers an empty page when nothing matches', async () => {
    expect(MemberSearchPageSchema.parse(await (await search('nobody here')).json())).toEqual({
      data: [],
      next_cursor: null,
    });
  });

  it.each([
    '',
    '   ',
    'a',
    '<script>',
    '../../members/mber_x',
    'a/b',
    'x'.repeat(600),
    'biz_abc',
    'mber_',
    'ava%00',
    'https://evil.example/',
  ])('refuses %j with 400 invalid_query and never calls Whop', async (query) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_query');
    expect(t.whop.requests).toHaveLength(0);
  });

  it('refuses a missing query parameter', async () => {
    const res = await t.get('/api/members');
    expect(res.status).toBe(400);
    expect(t.whop.requests).toHaveLength(0);
  });

  it.each(['mber_demoAvaChen', 'mem_demoAvaPro'])('sends %s to its own route rather than searching', async (id) => {
    const res = await search(id);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/look it up directly/);
    expect(t.whop.requests).toHaveLength(0);
  });

  it.each(['a b', '../x', '%2F', 'x'.repeat(513), ''])('refuses the cursor %j without calling Whop', async (cursor) => {
    const res = await search('example', cursor);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_query', message: expect.stringContaining('cursor') });
    expect(t.whop.requests).toHaveLength(0);
  });

  it('without WHOP_COMPANY_ID says what to configure (501) and never calls Whop', async () => {
    await t.close();
    t = await startTestApp({ companyId: null });
    const res = await search('ava');
    expect(res.status).toBe(501);
    const error = await errorOf(res);
    expect(error.code).toBe('search_not_configured');
    expect(error.message).toContain('WHOP_COMPANY_ID');
    expect(t.whop.requests).toHaveLength(0);
  });

  it('maps a 403 from the list endpoint to upstream_forbidden naming the permissions', async () => {
    const res = await search(SPECIAL_QUERIES.forbidden);
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_forbidden');
    expect(error.message).toContain('member:email:read');
  });

  it('whatever is typed, Whop only ever sees the fixed list path; text travels as a parameter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (query) => {
        await search(query);
        for (const r of t.whop.requests) expect(r.path).toMatch(/^\/api\/v1\/members$/);
      }),
      { numRuns: 60 },
    );
  });

  it('logs the route, never the search text', async () => {
    await search('ava.chen@example.com');
    const line = t.logs.find((l) => l.route === '/api/members');
    expect(line).toMatchObject({ status: 200, upstream_status: 200, attempts: 1 });
    expect(JSON.stringify(t.logs)).not.toContain('ava.chen');
  });
});

describe('GET /api/memberships/:id', () => {
  it('answers the membership with its member, and nothing Whop keeps private', async () => {
    const res = await t.get('/api/memberships/mem_demoAvaPro');
    expect(res.status).toBe(200);
    const body = await res.json();
    const membership = MembershipSchema.parse(body);
    expect(membership).toMatchObject({
      id: 'mem_demoAvaPro',
      member: { id: 'mber_demoAvaChen' },
      product: { title: 'Northwind Pro' },
    });
    expect(JSON.stringify(body)).not.toMatch(/license|LIC-|hwid|manage_url|metadata/);
  });

  it('answers member null for a membership without a member record', async () => {
    const membership = MembershipSchema.parse(
      await (await t.get(`/api/memberships/${SPECIAL_MEMBERSHIP_IDS.noMember}`)).json(),
    );
    expect(membership.member).toBeNull();
    expect(membership.user?.username).toBe('liam.w');
  });

  it('maps 404 to membership_not_found', async () => {
    const res = await t.get(`/api/memberships/${SPECIAL_MEMBERSHIP_IDS.notFound}`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('membership_not_found');
  });

  it('maps 403 to upstream_forbidden naming the membership permissions', async () => {
    const res = await t.get(`/api/memberships/${SPECIAL_MEMBERSHIP_IDS.forbidden}`);
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_forbidden');
    expect(error.message).toContain('member:basic:read');
  });

  it.each(['mem_', 'mem_a-b', 'mber_abc', 'mem_%2E%2E', `mem_${'a'.repeat(80)}`, 'user_abc'])(
    'refuses %j with 400 and never calls Whop',
    async (id) => {
      const res = await t.get(`/api/memberships/${id}`);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('invalid_query');
      expect(t.whop.requests).toHaveLength(0);
    },
  );
});

describe('GET /api/members/:id/memberships', () => {
  it('lists the member’s memberships, filtered by their user and company', async () => {
    const res = await t.get('/api/members/mber_demoAvaChen/memberships');
    expect(res.status).toBe(200);
    const page = MembershipPageSchema.parse(await res.json());
    expect(page.data.map((m) => m.id)).toEqual(['mem_demoAvaPro', 'mem_demoAvaCourse']);
    expect(page.next_cursor).toBeNull();
    expect(t.whop.requests.at(-1)?.path).toBe('/api/v1/memberships');
    const sent = lastUpstreamQuery();
    expect(sent.getAll('user_ids[]')).toEqual(['user_demoAva']);
    expect(sent.get('company_id')).toBe('biz_demoNorthwind');
  });

  it('answers an empty list for a member without a user, without asking Whop for memberships', async () => {
    const page = MembershipPageSchema.parse(await (await t.get('/api/members/mber_demoNoUser/memberships')).json());
    expect(page).toEqual({ data: [], next_cursor: null });
    expect(t.whop.requests.map((r) => r.path)).toEqual(['/api/v1/members/mber_demoNoUser']);
  });

  it('maps a 403 on the memberships list to upstream_forbidden', async () => {
    const res = await t.get(`/api/members/${RESTRICTED_MEMBER_ID}/memberships`);
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_forbidden');
    expect(error.message).toContain('member:basic:read, member:email:read');
  });

  it('passes the member’s own failure on (404)', async () => {
    const res = await t.get(`/api/members/${SPECIAL_IDS.notFound}/memberships`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('member_not_found');
  });

  it('refuses an invalid member id or cursor without calling Whop', async () => {
    expect((await t.get('/api/members/mber_a-b/memberships')).status).toBe(400);
    expect((await t.get('/api/members/mber_demoAvaChen/memberships?cursor=a%20b')).status).toBe(400);
    expect(t.whop.requests).toHaveLength(0);
  });

  it('refuses an id with spaces around it, like every other member route', async () => {
    const res = await t.get(`/api/members/${encodeURIComponent(' mber_x ')}/memberships`);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({
      code: 'invalid_member_id',
      message: 'Member ids have no spaces around them.',
    });
    expect(t.whop.requests).toHaveLength(0);
  });
});
