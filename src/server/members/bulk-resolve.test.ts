import { describe, expect, it } from 'vitest';
import type { Member } from '../../contract/member';
import type { MemberListItem, MemberSearchPage } from '../../contract/member-search';
import type { Membership } from '../../contract/membership';
import { type Problem, problems } from '../../contract/problem';
import { parseSearchQuery, type SearchQuery } from '../../contract/search-query';
import type { UpstreamOutcome } from '../upstream/upstream-call';
import { type BulkAnswer, bulkQueryKey, resolveBulkQuery } from './bulk-resolve';
import type { MemberDirectory } from './member-directory';
import type { LookupResult, MemberLookup } from './member-lookup';

const member = (id: string, email: string | null = null, name = 'Ava Chen'): Member => ({
  id,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  joined_at: '2026-01-02T00:00:00.000Z',
  access_level: 'customer',
  status: 'joined',
  most_recent_action: null,
  most_recent_action_at: null,
  user: { id: `user_${id}`, email, name, username: name.toLowerCase().replace(' ', '') },
  phone: null,
  usd_total_spent: 12,
  company_token_balance: 0,
  company: { id: 'biz_1', title: 'Co', route: 'co' },
});
const item = (m: Member): MemberListItem => {
  const { company: _company, ...rest } = m;
  return rest;
};
const ok = <T>(value: T): UpstreamOutcome<T> => ({ ok: true, value, attempts: 1, upstreamStatus: 200 });
const no = (problem: Problem): UpstreamOutcome<never> => ({ ok: false, problem, attempts: 1, upstreamStatus: null });

type World = {
  members?: Record<string, UpstreamOutcome<Member>>;
  memberships?: Record<string, UpstreamOutcome<Membership>>;
  search?: UpstreamOutcome<MemberSearchPage>;
};

/** A lookup and a directory that answer from `world`, and record every call. */
function fakes(world: World) {
  const calls: string[] = [];
  const lookup: MemberLookup = async (id) => {
    calls.push(`lookup ${id}`);
    const found = world.members?.[id] ?? no(problems.memberNotFound());
    return { ...found, coalesced: false, cached: false } as LookupResult;
  };
  const directory: MemberDirectory = {
    async searchMembers(filter) {
      calls.push(`search ${filter.userId ? `user=${filter.userId}` : `query=${filter.query}`}`);
      return world.search ?? ok({ data: [], next_cursor: null });
    },
    async retrieveMembership(id) {
      calls.push(`membership ${id}`);
      return world.memberships?.[id] ?? no(problems.membershipNotFound());
    },
  };
  return { lookup, directory, calls };
}

const q = (line: string): SearchQuery => {
  const parsed = parseSearchQuery(line);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};
const ava = member('mber_ava', 'ava@example.com');
const bob = member('mber_bob', 'bob@example.com', 'Bob Stone');
const membership = { member: { id: 'mber_ava' } } as Membership;

const cases: Array<{
  name: string;
  line: string;
  world: World;
  companyId?: string | null;
  expected: Partial<BulkAnswer> & { outcome: BulkAnswer['outcome'] };
  calls: string[];
}> = [
  {
    name: 'member id found',
    line: 'mber_ava',
    world: { members: { mber_ava: ok(ava) } },
    expected: { outcome: 'found' },
    calls: ['lookup mber_ava'],
  },
  {
    name: 'member id in a dashboard link',
    line: 'https://whop.com/dashboard/biz_1/users/mber_ava/',
    world: { members: { mber_ava: ok(ava) } },
    expected: { outcome: 'found' },
    calls: ['lookup mber_ava'],
  },
  {
    name: 'member id 404',
    line: 'mber_nope',
    world: {},
    expected: { outcome: 'not_found' },
    calls: ['lookup mber_nope'],
  },
  {
    name: 'membership then its member',
    line: 'mem_1',
    world: { memberships: { mem_1: ok(membership) }, members: { mber_ava: ok(ava) } },
    expected: { outcome: 'found' },
    calls: ['membership mem_1', 'lookup mber_ava'],
  },
  { name: 'membership 404', line: 'mem_2', world: {}, expected: { outcome: 'not_found' }, calls: ['membership mem_2'] },
  {
    name: 'user id: one member',
    line: 'user_1',
    world: { search: ok({ data: [item(ava)], next_cursor: null }) },
    expected: { outcome: 'found' },
    calls: ['search user=user_1'],
  },
  {
    name: 'email: only the exact one counts, case aside',
    line: 'AVA@example.com',
    world: { search: ok({ data: [item(ava), item(member('mber_x', 'ava@example.com.au'))], next_cursor: null }) },
    expected: { outcome: 'found' },
    calls: ['search query=AVA@example.com'],
  },
  {
    name: 'email: no exact match',
    line: 'ava@example.org',
    world: { search: ok({ data: [item(ava)], next_cursor: null }) },
    expected: { outcome: 'not_found' },
    calls: ['search query=ava@example.org'],
  },
  {
    name: 'name: none',
    line: 'Nobody Here',
    world: {},
    expected: { outcome: 'not_found' },
    calls: ['search query=Nobody Here'],
  },
  {
    name: 'name: many, with more pages',
    line: 'ava',
    world: { search: ok({ data: [item(ava), item(bob)], next_cursor: 'abc' }) },
    expected: { outcome: 'ambiguous', matches: 2, more: true, query: 'ava' },
    calls: ['search query=ava'],
  },
  {
    name: 'search without a company fails, nothing sent',
    line: 'ava',
    world: {},
    companyId: null,
    expected: { outcome: 'failed', message: problems.searchNotConfigured().message },
    calls: [],
  },
  {
    name: 'other failures say why',
    line: 'mber_ava',
    world: { members: { mber_ava: no(problems.upstreamForbidden(['member:basic:read'])) } },
    expected: { outcome: 'failed', message: problems.upstreamForbidden(['member:basic:read']).message },
    calls: ['lookup mber_ava'],
  },
  {
    name: 'a rate limit is "again", not a failure',
    line: 'mber_ava',
    world: { members: { mber_ava: no(problems.upstreamRateLimited(3)) } },
    expected: { outcome: 'again', retryAfterSeconds: 3 },
    calls: ['lookup mber_ava'],
  },
];

describe('resolveBulkQuery', () => {
  it.each(cases)('$name', async ({ line, world, companyId, expected, calls }) => {
    const f = fakes(world);
    const answer = await resolveBulkQuery(q(line), {
      lookup: f.lookup,
      directory: f.directory,
      companyId: companyId === undefined ? 'biz_1' : companyId,
    });
    expect(answer).toMatchObject(expected);
    expect(f.calls).toEqual(calls);
  });

  it('a found row carries the member picked from the record', async () => {
    const f = fakes({ members: { mber_ava: ok(ava) } });
    const answer = await resolveBulkQuery(q('mber_ava'), { ...f, companyId: null });
    expect(answer).toEqual({
      outcome: 'found',
      member: {
        id: 'mber_ava',
        name: 'Ava Chen',
        username: 'avachen',
        email: 'ava@example.com',
        access_level: 'customer',
        status: 'joined',
        most_recent_action: null,
        most_recent_action_at: null,
        usd_total_spent: 12,
        company_token_balance: 0,
        joined_at: '2026-01-02T00:00:00.000Z',
      },
    });
  });
});

describe('bulkQueryKey', () => {
  it.each([
    ['Ava@Example.com', 'ava@example.com', true],
    ['mber_abc', 'https://whop.com/x/mber_abc/', true],
    ['mber_abc', 'mber_ABC', false],
    ['ava', '@ava', true],
    ['user_1', 'mem_1', false],
  ])('%s and %s are one query: %s', (a, b, same) => {
    expect(bulkQueryKey(q(a)) === bulkQueryKey(q(b))).toBe(same);
  });
});
