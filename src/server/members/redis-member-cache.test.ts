import { describe, expect, it, vi } from 'vitest';
import { redisForThisFile } from '../../../test/test-redis';
import { demoMembers } from '../../demo-whop/fixtures';
import { createMemberLookup } from './member-lookup';
import type { MemberSource } from './member-source';
import { createRedisMemberCache } from './redis-member-cache';

const member = demoMembers(0)[0]!;

const { client, unreachableClient } = redisForThisFile();

describe('the Redis member cache', () => {
  it('keeps a found member as JSON under REDIS_PREFIX member:<id> with a PX ttl', async () => {
    const cache = createRedisMemberCache(await client('wml-a:'));
    const db = await client('');
    await cache.set(member.id, { kind: 'member', member }, 5_000);
    expect(await cache.get(member.id)).toEqual({ kind: 'member', member });
    expect(JSON.parse((await db.get(`wml-a:member:${member.id}`))!)).toEqual({ kind: 'member', member });
    const pttl = await db.pttl(`wml-a:member:${member.id}`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(5_000);
  });

  it('remembers "no such member", and Redis forgets it when its ttl runs out', async () => {
    const cache = createRedisMemberCache(await client('wml-ttl:'));
    const db = await client('');
    await cache.set('mber_gone', { kind: 'not_found' }, 1_000);
    expect(await cache.get('mber_gone')).toEqual({ kind: 'not_found' });
    await vi.waitFor(async () => expect(await db.exists('wml-ttl:member:mber_gone')).toBe(0), {
      timeout: 15_000,
      interval: 100,
    });
    expect(await cache.get('mber_gone')).toBeUndefined();
  });

  it('reads "no such member" back as just that, whatever else the entry holds', async () => {
    const cache = createRedisMemberCache(await client('wml-nf:'));
    const db = await client('');
    await db.set('wml-nf:member:mber_gone', JSON.stringify({ kind: 'not_found', member }), 'PX', 5_000);
    expect(await cache.get('mber_gone')).toEqual({ kind: 'not_found' });
  });

  it('forgets a member on delete, for every instance that shares the Redis', async () => {
    const a = createRedisMemberCache(await client('wml-del:'));
    const b = createRedisMemberCache(await client('wml-del:'));
    await a.set(member.id, { kind: 'member', member }, 5_000);
    await b.delete(member.id);
    expect(await a.get(member.id)).toBeUndefined();
  });

  it('a delete with Redis away rejects (the caller logs it), it does not hang', async () => {
    const cache = createRedisMemberCache(await unreachableClient());
    await expect(cache.delete(member.id)).rejects.toThrow();
  });

  it('keeps two prefixes apart', async () => {
    const a = createRedisMemberCache(await client('wml-one:'));
    const b = createRedisMemberCache(await client('wml-two:'));
    await a.set(member.id, { kind: 'member', member }, 5_000);
    expect(await b.get(member.id)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"kind":'],
    ['no kind', JSON.stringify({ member })],
    ['an unknown kind', JSON.stringify({ kind: 'maybe' })],
    ['a member the contract rejects', JSON.stringify({ kind: 'member', member: { ...member, id: 42 } })],
    ['a member entry without the member', JSON.stringify({ kind: 'member' })],
    ['a valid member under an unknown kind', JSON.stringify({ kind: 'maybe', member })],
    ['a bare member', JSON.stringify(member)],
    ['a bare string', JSON.stringify('member')],
    ['null', 'null'],
  ])('reads %s as a miss', async (_what, value) => {
    const cache = createRedisMemberCache(await client('wml-bad:'));
    const db = await client('');
    await db.set(`wml-bad:member:${member.id}`, value, 'PX', 5_000);
    expect(await cache.get(member.id)).toBeUndefined();
  });

  it('is bypassed while Redis cannot be reached: a miss, and a write that fails quietly', async () => {
    const cache = createRedisMemberCache(await unreachableClient());
    expect(await cache.get(member.id)).toBeUndefined();
    await expect(cache.set(member.id, { kind: 'member', member }, 5_000)).resolves.toBeUndefined();
  });

  it('reads a Redis error as a miss, and skips a write Redis refuses', async () => {
    const cache = createRedisMemberCache(await client('wml-err:'));
    const db = await client('');
    // GET on a hash: Redis answers WRONGTYPE.
    await db.hset(`wml-err:member:${member.id}`, 'x', '1');
    expect(await cache.get(member.id)).toBeUndefined();
    // Out of memory with noeviction: Redis refuses every write.
    await db.config('SET', 'maxmemory-policy', 'noeviction');
    await db.config('SET', 'maxmemory', '1');
    try {
      await expect(cache.set('mber_other', { kind: 'member', member }, 5_000)).resolves.toBeUndefined();
    } finally {
      await db.config('SET', 'maxmemory', '0');
    }
    expect(await db.exists('wml-err:member:mber_other')).toBe(0);
  });

  it('lets a lookup through one instance serve the next instance without asking Whop again', async () => {
    const calls: string[] = [];
    const source: MemberSource = async (id) => {
      calls.push(id);
      return { ok: true, value: member, attempts: 1, upstreamStatus: 200 };
    };
    const options = { cacheTtlMs: 5_000, notFoundTtlMs: 3_000, cacheMax: 10, concurrency: 2, queue: 2 };
    const lookupA = createMemberLookup(source, { ...options, cache: createRedisMemberCache(await client('wml-x:')) });
    const lookupB = createMemberLookup(source, { ...options, cache: createRedisMemberCache(await client('wml-x:')) });
    expect(await lookupA(member.id)).toMatchObject({ ok: true, cached: false });
    expect(await lookupB(member.id)).toMatchObject({ ok: true, cached: true, value: member });
    expect(calls).toEqual([member.id]);
  });

  it('never fails a lookup when Redis is down: it asks Whop every time', async () => {
    const calls: string[] = [];
    const source: MemberSource = async (id) => {
      calls.push(id);
      return { ok: true, value: member, attempts: 1, upstreamStatus: 200 };
    };
    const cache = createRedisMemberCache(await unreachableClient());
    const lookup = createMemberLookup(source, {
      cacheTtlMs: 5_000,
      notFoundTtlMs: 3_000,
      cacheMax: 10,
      concurrency: 2,
      queue: 2,
      cache,
    });
    expect(await lookup(member.id)).toMatchObject({ ok: true, cached: false });
    expect(await lookup(member.id)).toMatchObject({ ok: true, cached: false });
    expect(calls).toEqual([member.id, member.id]);
  });
});
