import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemberListItem } from '../../../contract/member-search';
import { ApiError } from '../../lib/api/api-error';
import { queryClient } from '../../lib/query-client';
import { fakeApi } from '../../test-support/test-helpers';
import { isExactMatch, searchLoader } from './search-route';

const ava: MemberListItem = {
  id: 'mber_ava',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  joined_at: '2026-01-01T00:00:00Z',
  access_level: 'customer',
  status: 'joined',
  most_recent_action: null,
  most_recent_action_at: null,
  user: { id: 'user_ava', email: 'Ava@Example.com', name: 'Ava Chen', username: 'avachen' },
  phone: null,
  usd_total_spent: 1,
  company_token_balance: 0,
};

const page = (data: MemberListItem[], next_cursor: string | null = null) => ({ body: { data, next_cursor } });

/** What the loader did: React Router treats a thrown value (redirect, error) unlike a returned one. */
type Outcome = { thrown: unknown } | { returned: unknown };

async function load(q: string): Promise<Outcome> {
  try {
    const returned = await searchLoader({
      request: new Request(`http://x/search?${new URLSearchParams({ q })}`),
      params: {},
      context: {},
    } as never);
    return { returned };
  } catch (thrown) {
    return { thrown };
  }
}

function thrownBy(outcome: Outcome): unknown {
  if (!('thrown' in outcome)) throw new Error(`expected the loader to throw; it returned ${JSON.stringify(outcome)}`);
  return outcome.thrown;
}

function returnedBy(outcome: Outcome): unknown {
  if (!('returned' in outcome)) throw new Error(`expected the loader to return; it threw ${String(outcome.thrown)}`);
  return outcome.returned;
}

/** Where a thrown redirect sends the browser. */
function redirectedTo(outcome: Outcome): string | null {
  const thrown = thrownBy(outcome);
  expect(thrown).toBeInstanceOf(Response);
  return (thrown as Response).headers.get('location');
}

beforeEach(() => queryClient.clear());
afterEach(() => vi.restoreAllMocks());

describe('isExactMatch', () => {
  it.each([
    [{ kind: 'user', value: 'user_ava' }, true],
    [{ kind: 'user', value: 'user_other' }, false],
    [{ kind: 'email', value: 'ava@example.com' }, true],
    [{ kind: 'text', value: 'AVACHEN' }, true],
    [{ kind: 'text', value: 'ava chen' }, true],
    [{ kind: 'text', value: 'ava' }, false],
  ] as const)('%j -> %s', (query, expected) => {
    expect(isExactMatch(ava, query)).toBe(expected);
  });

  it('a member without a user never matches exactly', () => {
    expect(isExactMatch({ ...ava, user: null }, { kind: 'text', value: 'ava' })).toBe(false);
  });
});

describe('searchLoader', () => {
  it('sends a member id straight to the member, without a request', async () => {
    const { calls } = fakeApi({});
    expect(redirectedTo(await load('see mber_abc123.'))).toBe('/members/mber_abc123');
    expect(calls).toEqual([]);
  });

  it('resolves a membership id to its member', async () => {
    fakeApi({ '/api/memberships/mem_x': { body: { ...membership, member: { id: 'mber_ava' } } } });
    expect(redirectedTo(await load('mem_x'))).toBe('/members/mber_ava');
  });

  it('keeps a membership without a member, to explain it', async () => {
    fakeApi({ '/api/memberships/mem_x': { body: membership } });
    expect(returnedBy(await load('mem_x'))).toMatchObject({
      kind: 'membership',
      membership: { id: 'mem_x', member: null },
    });
  });

  it('goes straight to a single exact match', async () => {
    fakeApi({ '/api/members?query=ava%40example.com': page([ava]) });
    expect(redirectedTo(await load('ava@example.com'))).toBe('/members/mber_ava');
  });

  it('lists a single match that is not exact, and several matches', async () => {
    fakeApi({ '/api/members?query=ava': page([ava]), '/api/members?query=av': page([ava, { ...ava, id: 'mber_b' }]) });
    expect(returnedBy(await load('ava'))).toMatchObject({ kind: 'members', query: { kind: 'text', value: 'ava' } });
    expect(returnedBy(await load('av'))).toMatchObject({ kind: 'members' });
  });

  it('lists a lone exact match when more pages may follow', async () => {
    fakeApi({ '/api/members?query=avachen': page([ava], 'abc') });
    expect(returnedBy(await load('avachen'))).toMatchObject({ kind: 'members' });
  });

  it('refuses invalid input with invalid_query, without a request', async () => {
    const { calls } = fakeApi({});
    const result = thrownBy(await load('<script>'));
    expect(result).toBeInstanceOf(ApiError);
    expect(result).toMatchObject({ status: 400, code: 'invalid_query' });
    expect(calls).toEqual([]);
  });

  it('passes API errors on to the error boundary', async () => {
    fakeApi({
      '/api/members?query=ava': {
        status: 501,
        body: { error: { code: 'search_not_configured', message: 'Set WHOP_COMPANY_ID.' } },
      },
    });
    const thrown = thrownBy(await load('ava'));
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 501, code: 'search_not_configured' });
  });
});

const membership = {
  id: 'mem_x',
  status: 'active',
  cancel_at_period_end: false,
  canceled_at: null,
  cancel_option: null,
  cancellation_reason: null,
  payment_collection_paused: false,
  created_at: '2026-01-01T00:00:00Z',
  renewal_period_start: null,
  renewal_period_end: null,
  product: { id: 'prod_1', title: 'Pro' },
  plan: { id: 'plan_1' },
  member: null,
  user: { id: 'user_ava', username: 'avachen', name: 'Ava', email: null },
};
