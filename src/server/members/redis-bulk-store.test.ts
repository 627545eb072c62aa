import { describe, expect, it, vi } from 'vitest';
import { redisForThisFile } from '../../../test/test-redis';
import type { BulkRow } from '../../contract/bulk';
import { type BulkHead, countRows } from './bulk-store';
import { createRedisBulkStore } from './redis-bulk-store';

const { client } = redisForThisFile();

const ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const row = (index: number, version: number, outcome: 'pending' | 'not_found' = 'pending'): BulkRow => ({
  index,
  input: `mber_x${index}`,
  version,
  outcome,
});
const head = (rows: BulkRow[], version: number): BulkHead => ({
  id: ID,
  owner: 'user:user_1',
  state: 'running',
  created_at: '2026-12-05T12:00:00.000Z',
  version,
  counts: countRows(rows),
  eta_seconds: null,
  paused_until: null,
  lease: { runner: 'r1', expires_at: 123 },
});

describe('the Redis bulk store', () => {
  it('round trip: every row in pasted order, then only the rows changed after a version', async () => {
    const store = createRedisBulkStore(await client('wml-b:'));
    const rows = Array.from({ length: 1000 }, (_, i) => row(i, 1));
    await store.save(head(rows, 1), rows);
    const all = await store.read(ID);
    expect(all?.head).toEqual(head(rows, 1));
    expect(all?.rows).toEqual(rows);

    const changed = [row(7, 2, 'not_found'), row(500, 3, 'not_found')];
    for (const r of changed) rows[r.index] = r;
    await store.save(head(rows, 3), changed);
    const since = await store.read(ID, 1);
    expect(since?.head.version).toBe(3);
    expect(since?.head.counts).toMatchObject({ done: 2, not_found: 2 });
    expect(since?.rows).toEqual(changed);
    expect((await store.read(ID, 2))?.rows).toEqual([changed[1]]);
    expect((await store.read(ID, 3))?.rows).toEqual([]);
    expect(await store.head(ID)).toEqual(head(rows, 3));
  });

  it('keeps its keys under REDIS_PREFIX with the ttl, and forgets the list when it runs out', async () => {
    const store = createRedisBulkStore(await client('wml-t:'), { ttlMs: 300 });
    const db = await client('');
    await store.save(head([row(0, 1)], 1), [row(0, 1)]);
    await store.setLatest('user:user_1', ID);
    expect((await db.keys('wml-t:*')).sort()).toEqual([
      `wml-t:bulk:${ID}:head`,
      `wml-t:bulk:${ID}:rows`,
      `wml-t:bulk:${ID}:versions`,
      'wml-t:bulk:owner:user:user_1',
    ]);
    expect(await db.pttl(`wml-t:bulk:${ID}:rows`)).toBeGreaterThan(0);
    await vi.waitFor(async () => expect(await store.read(ID)).toBeUndefined(), { timeout: 5_000, interval: 50 });
    expect(await store.latestOf('user:user_1')).toBeUndefined();
  });

  it('a cancel mark, apart from the head, taken back on retry; the latest list of a person', async () => {
    const store = createRedisBulkStore(await client('wml-c:'));
    await store.save(head([row(0, 1)], 1), [row(0, 1)]);
    expect(await store.cancelRequested(ID)).toBe(false);
    await store.requestCancel(ID);
    await store.save(head([row(0, 1)], 2), []);
    expect(await store.cancelRequested(ID)).toBe(true);
    await store.clearCancel(ID);
    expect(await store.cancelRequested(ID)).toBe(false);
    await store.setLatest('addr:1', ID);
    expect(await store.latestOf('addr:1')).toBe(ID);
  });

  it('a head or row that is not ours reads as gone or is left out', async () => {
    const store = createRedisBulkStore(await client('wml-x:'));
    const db = await client('');
    await store.save(head([row(0, 1), row(1, 1)], 1), [row(0, 1), row(1, 1)]);
    await db.hset(`wml-x:bulk:${ID}:rows`, '1', '{"junk":true}');
    expect((await store.read(ID))?.rows).toEqual([row(0, 1)]);
    await db.set(`wml-x:bulk:${ID}:head`, 'not json');
    expect(await store.read(ID)).toBeUndefined();
  });
});
