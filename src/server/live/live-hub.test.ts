import { describe, expect, it } from 'vitest';
import { redisForThisFile } from '../../../test/test-redis';
import type { LiveChange } from '../../contract/live';
import { createMemoryLiveHub, createRedisLiveHub, type LiveHub, type LiveMessage } from './live-hub';

const { client, unreachableClient } = redisForThisFile();

const at = '2026-12-05T10:00:00.000Z';
const message = (over: Partial<LiveMessage> = {}): LiveMessage => ({
  members: ['mber_a'],
  user: 'user_a',
  type: 'payment.succeeded',
  at,
  ...over,
});

function listen(hub: LiveHub, member: string, user: string | null = null) {
  const heard: LiveChange[] = [];
  const stop = hub.subscribe({ member, user }, (change) => heard.push(change));
  return { heard, stop };
}

describe('the memory hub', () => {
  it.each([
    ['its member', { member: 'mber_a', user: null }, message(), 1],
    ['its user only', { member: 'mber_b', user: 'user_a' }, message({ members: [] }), 1],
    ['both (told once)', { member: 'mber_a', user: 'user_a' }, message(), 1],
    ['another member and user', { member: 'mber_b', user: 'user_b' }, message(), 0],
    ['no user key: a user-only change', { member: 'mber_b', user: null }, message({ members: [], user: null }), 0],
  ])('tells a page of %s', async (_what, keys, published, times) => {
    const hub = createMemoryLiveHub();
    const page = listen(hub, keys.member, keys.user);
    await hub.publish(published);
    expect(page.heard).toEqual(Array(times).fill({ type: 'payment.succeeded', at }));
  });

  it('counts subscribers, and forgets one that stops', async () => {
    const hub = createMemoryLiveHub();
    const one = listen(hub, 'mber_a');
    listen(hub, 'mber_a');
    expect(hub.subscribers()).toBe(2);
    one.stop();
    one.stop();
    expect(hub.subscribers()).toBe(1);
    await hub.publish(message());
    expect(one.heard).toEqual([]);
  });
});

describe('what every instance hears', () => {
  it('is told to onMessage before the pages, on the instance that published and on the others', async () => {
    const order: string[] = [];
    const memory = createMemoryLiveHub({ onMessage: (m) => order.push(`memory heard ${m.type}`) });
    memory.subscribe({ member: 'mber_a', user: null }, () => order.push('memory page told'));
    await memory.publish(message());
    expect(order).toEqual(['memory heard payment.succeeded', 'memory page told']);

    const heardOnB: LiveMessage[] = [];
    const a = createRedisLiveHub(await client('wml-n:'));
    const b = createRedisLiveHub(await client('wml-n:'), { onMessage: (m) => heardOnB.push(m) });
    await Promise.all([a.ready(), b.ready()]);
    await a.publish(message());
    await expect.poll(() => heardOnB).toEqual([message()]);
    await Promise.all([a.close(), b.close()]);
  });
});

describe("a key's latest change", () => {
  const later = '2026-12-05T10:05:00.000Z';
  it.each([
    ['a member it never heard of', { member: 'mber_z', user: null }, null],
    ['its member', { member: 'mber_a', user: null }, later],
    ['its user only', { member: 'mber_z', user: 'user_a' }, later],
    ['the later of member and user', { member: 'mber_b', user: 'user_a' }, later],
  ])('is told for %s, by either hub', async (_what, keys, expected) => {
    for (const hub of [createMemoryLiveHub(), createRedisLiveHub(await client(`wml-l${Math.random()}:`))]) {
      await hub.ready();
      await hub.publish(message({ members: ['mber_a'], user: 'user_a', at: later }));
      // An older change arriving after (Whop delivers out of order) does not move it back.
      await hub.publish(message({ members: ['mber_a', 'mber_b'], user: 'user_a', at }));
      await expect.poll(() => hub.lastChange(keys)).toBe(expected);
      await hub.close();
    }
  });

  it('is shared by every instance with Redis, so a page reconnecting to another instance learns it', async () => {
    const a = createRedisLiveHub(await client('wml-m:'));
    const b = createRedisLiveHub(await client('wml-m:'));
    await a.publish(message());
    expect(await b.lastChange({ member: 'mber_a', user: null })).toBe(at);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('the Redis hub', () => {
  it('a publish on one instance reaches the pages of another; a foreign prefix hears nothing', async () => {
    const a = createRedisLiveHub(await client('wml-h:'));
    const b = createRedisLiveHub(await client('wml-h:'));
    const other = createRedisLiveHub(await client('wml-other:'));
    await Promise.all([a.ready(), b.ready(), other.ready()]);
    const onB = listen(b, 'mber_a');
    const onOther = listen(other, 'mber_a');
    await a.publish(message());
    await expect.poll(() => onB.heard).toEqual([{ type: 'payment.succeeded', at }]);
    expect(onOther.heard).toEqual([]);
    await Promise.all([a.close(), b.close(), other.close()]);
  });

  it('ignores a message on its channel that is not one of ours', async () => {
    const hub = createRedisLiveHub(await client('wml-j:'));
    await hub.ready();
    const raw = await client('');
    const page = listen(hub, 'mber_a');
    await raw.publish('wml-j:live:changes', '{"members":["mber_a"],"type":"payment.succeeded"}');
    await raw.publish('wml-j:live:changes', 'not json');
    await raw.publish('wml-j:live:changes', JSON.stringify({ ...message(), email: 'x@example.com', type: 'x.y' }));
    await hub.publish(message({ type: 'refund.created' }));
    await expect.poll(() => page.heard.length).toBe(1);
    expect(page.heard).toEqual([{ type: 'refund.created', at }]);
    await hub.close();
  });

  it("with Redis away: a publish reaches this instance's pages and says so", async () => {
    const fallbacks: unknown[] = [];
    const hub = createRedisLiveHub(await unreachableClient(), { onFallback: (err) => fallbacks.push(err) });
    const page = listen(hub, 'mber_a');
    await hub.publish(message());
    expect(page.heard).toHaveLength(1);
    expect(fallbacks).toHaveLength(1);
    await hub.close();
  });
});
