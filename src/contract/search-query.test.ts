import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_MAX_LENGTH, isWhopId, parseSearchQuery, QUERY_MAX_LENGTH, type SearchQuery } from './search-query';

const ok = (query: SearchQuery) => ({ ok: true, query });

describe('parseSearchQuery', () => {
  it.each([
    ['mber_abc123XYZ', ok({ kind: 'member', value: 'mber_abc123XYZ' })],
    ['  mber_abc123\n', ok({ kind: 'member', value: 'mber_abc123' })],
    ['mem_abc123', ok({ kind: 'membership', value: 'mem_abc123' })],
    ['user_abc123', ok({ kind: 'user', value: 'user_abc123' })],
    ['ava.chen@example.com', ok({ kind: 'email', value: 'ava.chen@example.com' })],
    ['user_a+tag@example.co.uk', ok({ kind: 'email', value: 'user_a+tag@example.co.uk' })],
    ['Ava Chen', ok({ kind: 'text', value: 'Ava Chen' })],
    ['Ava    Chen', ok({ kind: 'text', value: 'Ava Chen' })],
    ['@avachen', ok({ kind: 'text', value: 'avachen' })],
    ['@ avachen', ok({ kind: 'text', value: 'avachen' })],
    ['@mber_abc', ok({ kind: 'member', value: 'mber_abc' })],
    ['priya.n', ok({ kind: 'text', value: 'priya.n' })],
    ["O'Brien-Smith", ok({ kind: 'text', value: "O'Brien-Smith" })],
    ['Zoë Martin', ok({ kind: 'text', value: 'Zoë Martin' })],
    ['渡辺', ok({ kind: 'text', value: '渡辺' })],
    ['remember_me', ok({ kind: 'text', value: 'remember_me' })],
  ])('classifies %j', (input, expected) => {
    expect(parseSearchQuery(input)).toEqual(expected);
  });

  it.each([
    ['https://whop.com/dashboard/biz_1/users/mber_abc123/?tab=memberships', 'member', 'mber_abc123'],
    ['https://whop.com/dashboard/members?member=mber_abc123&x=1', 'member', 'mber_abc123'],
    ['Customer mber_abc123 asked for a refund.', 'member', 'mber_abc123'],
    ['Receipt for mem_XYZ789: $29.00', 'membership', 'mem_XYZ789'],
    ['https://whop.com/billing/manage/mem_XYZ789', 'membership', 'mem_XYZ789'],
    ['mem_XYZ789 for mber_abc123', 'member', 'mber_abc123'],
    ['(user_abc)', 'user', 'user_abc'],
  ])('finds the id in pasted text %j', (input, kind, value) => {
    expect(parseSearchQuery(input)).toEqual(ok({ kind, value } as SearchQuery));
  });

  it.each([
    ['', 'Type something'],
    ['   ', 'Type something'],
    ['mber_', 'only the start of an id'],
    ['mem_', 'only the start of an id'],
    ['mber_abc-123', 'only letters and digits'],
    ['mber_../../etc', 'only letters and digits'],
    ['mber_abc%2F', 'only letters and digits'],
    ['mem_a.b', 'only letters and digits'],
    ['biz_abc123', 'company id'],
    ['plan_abc', 'plan id'],
    ['a', 'at least 2'],
    ['@ A', 'at least 2'],
    ['x'.repeat(65), 'at most 64'],
    ['x'.repeat(QUERY_MAX_LENGTH + 1), 'too long'],
    ['<img src=x>', 'only letters'],
    ['ava/../x', 'only letters'],
    ['ava%00', 'only letters'],
    ['https://whop.com/pricing', 'no member or membership id'],
    ['mber_a and mber_b', '2 different member ids'],
    ['prod_abc', 'product id'],
    ['pay_abc', 'payment id'],
    ['http://whop.com/pricing', 'no member or membership id'],
    ['See https://whop.com/pricing please', 'no member or membership id'],
    ['a b@example.com', 'only letters'],
    ['<ava@example.com', 'only letters'],
  ])('rejects %j with a message a person understands', (input, fragment) => {
    const result = parseSearchQuery(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  describe('at each length limit', () => {
    const id = (prefix: string, length: number) => prefix + 'a'.repeat(length - prefix.length);
    it.each([
      ['mber_', 'member'],
      ['mem_', 'membership'],
      ['user_', 'user'],
    ] as const)('takes a whole %s id of exactly the cap and refuses one character more', (prefix, kind) => {
      expect(parseSearchQuery(id(prefix, ID_MAX_LENGTH))).toEqual(ok({ kind, value: id(prefix, ID_MAX_LENGTH) }));
      expect(parseSearchQuery(id(prefix, ID_MAX_LENGTH + 1)).ok).toBe(false);
    });

    it('finds an id of exactly the cap in pasted text, and none longer', () => {
      const longest = id('mber_', ID_MAX_LENGTH);
      expect(parseSearchQuery(`see ${longest} now`)).toEqual(ok({ kind: 'member', value: longest }));
      expect(parseSearchQuery(`see ${longest}a now`).ok).toBe(false);
    });

    it('takes a query of exactly QUERY_MAX_LENGTH characters and refuses one more', () => {
      const filler = 'x'.repeat(QUERY_MAX_LENGTH - 'mber_abc '.length);
      expect(parseSearchQuery(`mber_abc ${filler}`)).toEqual(ok({ kind: 'member', value: 'mber_abc' }));
      expect(parseSearchQuery(`mber_abc ${filler}x`)).toMatchObject({
        ok: false,
        message: expect.stringContaining('too long'),
      });
    });

    it('takes an email of exactly 254 characters and refuses 255', () => {
      const email = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;
      expect(parseSearchQuery(email(254))).toEqual(ok({ kind: 'email', value: email(254) }));
      expect(parseSearchQuery(email(255)).ok).toBe(false);
    });

    it('takes a name of exactly 64 characters and refuses 65', () => {
      expect(parseSearchQuery('x'.repeat(64))).toEqual(ok({ kind: 'text', value: 'x'.repeat(64) }));
      expect(parseSearchQuery('x'.repeat(65))).toMatchObject({
        ok: false,
        message: expect.stringContaining('at most 64'),
      });
    });
  });

  it('never lets anything through that could change a URL path or carry markup', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120, unit: 'binary' }), (input) => {
        const result = parseSearchQuery(input);
        if (!result.ok) return;
        const { kind, value } = result.query;
        expect(value).not.toMatch(/[/\\?#%<>"]/);
        expect([...value].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\u007f')).toBe(false);
        expect(value).toBe(value.trim());
        if (kind === 'member') expect(value).toMatch(/^mber_[A-Za-z0-9]+$/);
        if (kind === 'membership') expect(value).toMatch(/^mem_[A-Za-z0-9]+$/);
        if (kind === 'user') expect(value).toMatch(/^user_[A-Za-z0-9]+$/);
        if (kind !== 'text') expect(value.length).toBeLessThanOrEqual(kind === 'email' ? 254 : ID_MAX_LENGTH);
        if (kind === 'text') expect(value.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds any member id wherever it sits in an address', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9]{1,30}$/).map((s) => `mber_${s}`);
    const segment = fc.stringMatching(/^[a-z0-9-]{0,12}$/);
    fc.assert(
      fc.property(id, segment, segment, fc.boolean(), (memberId, before, after, asParam) => {
        const url = asParam
          ? `https://whop.com/${before}?member=${memberId}&tab=${after}`
          : `https://whop.com/${before}/${memberId}/${after}`;
        expect(parseSearchQuery(url)).toEqual(ok({ kind: 'member', value: memberId }));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with itself: classifying the value it found gives the same query', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const first = parseSearchQuery(input);
        if (first.ok) expect(parseSearchQuery(first.query.value)).toEqual(first);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('isWhopId (the memberships route checks its id with it)', () => {
  const id = (prefix: string, length: number) => prefix + 'a'.repeat(length - prefix.length);

  it.each([
    ['mem_', 'mem_abc123', true],
    ['mem_', id('mem_', ID_MAX_LENGTH), true],
    ['mem_', id('mem_', ID_MAX_LENGTH + 1), false],
    ['mem_', 'mem_', false],
    ['mem_', 'mem_a-b', false],
    ['mem_', 'mem_a_b', false],
    ['mem_', 'mem_abc/../x', false],
    ['mem_', 'mber_abc', false],
    ['mem_', 'xmem_abc', false],
    ['mber_', 'mber_abc', true],
    ['user_', 'user_abc', true],
  ] as const)('isWhopId(%j, %j) is %s', (prefix, value, expected) => {
    expect(isWhopId(prefix, value)).toBe(expected);
  });
});

describe('messages', () => {
  it('say what works when nothing was typed, or a kind of id that cannot be searched', () => {
    const WHAT_WORKS = 'Search by member id, membership id, user id, email, username or name.';
    for (const input of ['', '   ', 'biz_abc', 'Ava <script>']) {
      const result = parseSearchQuery(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(WHAT_WORKS);
    }
  });

  it('never take an address with something after it for an email', () => {
    for (const input of ['ava@example.com!', 'ava@example.com<', 'ava@example.com?x=1'])
      expect(parseSearchQuery(input)).not.toMatchObject({ ok: true, query: { kind: 'email' } });
  });
});
