import { BULK_LIST_TTL_MS, type BulkRow, BulkRowSchema } from '../../contract/bulk';
import { parseStored, type Redis } from '../redis';
import { BulkHeadSchema, type BulkListStore } from './bulk-store';

/**
 * Bulk lists in Redis, so any instance answers a GET (docs/decisions/0033). Per list, under
 * REDIS_PREFIX: `bulk:<id>:head` (JSON), `bulk:<id>:rows` (a hash, row index -> row JSON),
 * `bulk:<id>:versions` (a sorted set, row index scored by the version it last changed at),
 * `bulk:<id>:cancel` (a mark); `bulk:owner:<owner>` names a person's latest list. A save is
 * one MULTI however many rows it carries; a read is one script: the head, then only the rows
 * changed after `since` (ZRANGEBYSCORE, HMGET), so a poll costs one round trip and carries
 * only what changed. Every key is kept BULK_LIST_TTL_MS after the last save.
 */
const READ = `
local head = redis.call('GET', KEYS[1])
if not head then return nil end
local rows
if ARGV[1] == '' then
  rows = redis.call('HVALS', KEYS[2])
else
  local changed = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[1], '+inf')
  if #changed == 0 then return {head} end
  rows = redis.call('HMGET', KEYS[2], unpack(changed))
end
table.insert(rows, 1, head)
return rows
`;

const keys = (id: string) => ({
  head: `bulk:${id}:head`,
  rows: `bulk:${id}:rows`,
  versions: `bulk:${id}:versions`,
  cancel: `bulk:${id}:cancel`,
});
const ownerKey = (owner: string) => `bulk:owner:${owner}`;

export function createRedisBulkStore(client: Redis, options: { ttlMs?: number } = {}): BulkListStore {
  const ttlMs = options.ttlMs ?? BULK_LIST_TTL_MS;

  const parseRow = (raw: unknown): BulkRow | undefined => {
    if (typeof raw !== 'string') return undefined;
    return parseStored(raw, BulkRowSchema);
  };

  return {
    async save(head, rows) {
      const k = keys(head.id);
      const multi = client.multi().set(k.head, JSON.stringify(head), 'PX', ttlMs);
      if (rows.length > 0) {
        multi.hset(k.rows, Object.fromEntries(rows.map((row) => [String(row.index), JSON.stringify(row)])));
        multi.zadd(k.versions, ...rows.flatMap((row) => [row.version, String(row.index)]));
      }
      multi.pexpire(k.rows, ttlMs).pexpire(k.versions, ttlMs).pexpire(k.cancel, ttlMs);
      const results = await multi.exec();
      const failed = results?.find(([err]) => err);
      if (!results || failed) throw failed?.[0] ?? new Error('Redis discarded the bulk list write');
    },
    async read(id, since) {
      const k = keys(id);
      const reply = (await client.eval(
        READ,
        3,
        k.head,
        k.rows,
        k.versions,
        since === undefined ? '' : String(since),
      )) as unknown[] | null;
      if (!reply) return undefined;
      const [rawHead, ...rawRows] = reply;
      const head = typeof rawHead === 'string' ? parseStored(rawHead, BulkHeadSchema) : undefined;
      if (!head) return undefined;
      const rows: BulkRow[] = [];
      for (const raw of rawRows) {
        const row = parseRow(raw);
        if (row) rows.push(row);
      }
      rows.sort((a, b) => a.index - b.index);
      return { head, rows };
    },
    async head(id) {
      return parseStored(await client.get(keys(id).head), BulkHeadSchema);
    },
    async requestCancel(id) {
      await client.set(keys(id).cancel, '1', 'PX', ttlMs);
    },
    async cancelRequested(id) {
      return (await client.exists(keys(id).cancel)) === 1;
    },
    async clearCancel(id) {
      await client.del(keys(id).cancel);
    },
    async latestOf(owner) {
      return (await client.get(ownerKey(owner))) ?? undefined;
    },
    async setLatest(owner, id) {
      await client.set(ownerKey(owner), id, 'PX', ttlMs);
    },
  };
}
