import { describe, expect, it } from 'vitest';
import { redisForThisFile } from '../../../test/test-redis';
import { createMemorySeenDeliveries, createRedisSeenDeliveries } from './seen-deliveries';

const { client, unreachableClient } = redisForThisFile();

describe('seen deliveries', () => {
  it('in memory: the first sighting of an id is true, every later one false; other ids are apart', async () => {
    const seen = createMemorySeenDeliveries();
    expect(await seen.firstSighting('msg_a')).toBe(true);
    expect(await seen.firstSighting('msg_a')).toBe(false);
    expect(await seen.firstSighting('msg_b')).toBe(true);
  });

  it('in memory: an id is forgotten after its ttl', async () => {
    const seen = createMemorySeenDeliveries({ ttlMs: 30 });
    expect(await seen.firstSighting('msg_a')).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(await seen.firstSighting('msg_a')).toBe(true);
  });

  it('in Redis: two instances, one id, exactly one first sighting (even offered at once)', async () => {
    const a = createRedisSeenDeliveries(await client('wml-seen:'));
    const b = createRedisSeenDeliveries(await client('wml-seen:'));
    const answers = await Promise.all([a.firstSighting('msg_x'), b.firstSighting('msg_x'), a.firstSighting('msg_x')]);
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('in Redis: kept under REDIS_PREFIX webhook:seen:<id> for 24 h', async () => {
    const seen = createRedisSeenDeliveries(await client('wml-k:'));
    const db = await client('');
    await seen.firstSighting('msg_k');
    const pttl = await db.pttl('wml-k:webhook:seen:msg_k');
    expect(pttl).toBeGreaterThan(23 * 60 * 60 * 1000);
    expect(pttl).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
  });

  it('with Redis away: decides in memory, and says so once however many deliveries', async () => {
    const warnings: unknown[] = [];
    const seen = createRedisSeenDeliveries(await unreachableClient(), { onFallback: (err) => warnings.push(err) });
    expect(await seen.firstSighting('msg_a')).toBe(true);
    expect(await seen.firstSighting('msg_a')).toBe(false);
    expect(await seen.firstSighting('msg_b')).toBe(true);
    expect(warnings).toHaveLength(1);
  });
});
