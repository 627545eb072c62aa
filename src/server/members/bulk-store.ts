import { BULK_LIST_TTL_MS, type BulkCounts, BulkListSchema, type BulkRow } from '../../contract/bulk';
import { z } from '../../contract/zod';

/**
 * Where bulk lists live (docs/decisions/0033): a head (state, counts, version, lease) and
 * rows, kept BULK_LIST_TTL_MS after the last change. This process's memory by default,
 * Redis with REDIS_URL (redis-bulk-store.ts) so any instance answers a GET. Only the
 * runner of a list writes it, in batches (bulk-runner.ts).
 */

/** Who holds a running list: an instance's runner, until `expires_at` (ms) unless it renews. */
export const BulkLeaseSchema = z.object({ runner: z.string(), expires_at: z.number() });

/** A list's head as stored: the answer's header, and what only the server needs (owner, lease). */
export const BulkHeadSchema = z.extend(z.omit(BulkListSchema, { rows: true, state: true }), {
  /** Whose list it is (the signed-in user, or the client's key): one running list each. */
  owner: z.string(),
  /** `stalled` is never stored: it is a `running` list whose lease has run out, as read. */
  state: z.enum(['running', 'done', 'cancelled']),
  lease: z.nullable(BulkLeaseSchema),
});
export type BulkHead = z.infer<typeof BulkHeadSchema>;

export type StoredList = { head: BulkHead; rows: BulkRow[] };

export type BulkListStore = {
  /** Writes the head and these rows (new or changed) together; the list is kept BULK_LIST_TTL_MS from now. */
  save(head: BulkHead, rows: readonly BulkRow[]): Promise<void>;
  /** The head and the rows changed after version `since` (every row without), in pasted order; undefined when gone. */
  read(id: string, since?: number): Promise<StoredList | undefined>;
  /** Only the head (the runner's cancel check, the one-list-per-person check). */
  head(id: string): Promise<BulkHead | undefined>;
  /**
   * A cancel asked at an instance other than the runner's: a mark the runner looks for (every
   * half second), apart from the head so the runner's own writes never undo it.
   */
  requestCancel(id: string): Promise<void>;
  cancelRequested(id: string): Promise<boolean>;
  /** Taken back when a list is run again (retry). */
  clearCancel(id: string): Promise<void>;
  /** The list last started by `owner`, if it is still kept. */
  latestOf(owner: string): Promise<string | undefined>;
  setLatest(owner: string, id: string): Promise<void>;
};

/** Counts of rows by outcome; `done` is every row that is no longer pending. */
export function countRows(rows: readonly BulkRow[]): BulkCounts {
  const counts: BulkCounts = {
    total: rows.length,
    done: 0,
    found: 0,
    not_found: 0,
    ambiguous: 0,
    invalid: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const row of rows) {
    if (row.outcome === 'pending') continue;
    counts.done += 1;
    counts[row.outcome] += 1;
  }
  return counts;
}

/** This process's lists, each dropped BULK_LIST_TTL_MS after its last change. */
export function createMemoryBulkStore(options: { now?: () => number; ttlMs?: number } = {}): BulkListStore {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? BULK_LIST_TTL_MS;
  const lists = new Map<string, { head: BulkHead; rows: BulkRow[]; expiresAt: number }>();
  const latest = new Map<string, { id: string; expiresAt: number }>();
  const cancels = new Set<string>();

  const live = (id: string) => {
    const list = lists.get(id);
    if (list && list.expiresAt <= now()) {
      lists.delete(id);
      return undefined;
    }
    return list;
  };
  const prune = () => {
    const at = now();
    for (const [id, list] of lists) {
      if (list.expiresAt > at) continue;
      lists.delete(id);
      cancels.delete(id);
    }
    for (const [owner, entry] of latest) if (entry.expiresAt <= at) latest.delete(owner);
  };

  return {
    async save(head, rows) {
      prune();
      const list = live(head.id) ?? { head, rows: [], expiresAt: 0 };
      list.head = structuredClone(head);
      for (const row of rows) list.rows[row.index] = structuredClone(row);
      list.expiresAt = now() + ttlMs;
      lists.set(head.id, list);
    },
    async read(id, since) {
      const list = live(id);
      if (!list) return undefined;
      const rows = since === undefined ? list.rows : list.rows.filter((row) => row.version > since);
      return { head: structuredClone(list.head), rows: structuredClone(rows) };
    },
    async head(id) {
      const list = live(id);
      return list && structuredClone(list.head);
    },
    async requestCancel(id) {
      if (live(id)) cancels.add(id);
    },
    async cancelRequested(id) {
      return cancels.has(id);
    },
    async clearCancel(id) {
      cancels.delete(id);
    },
    async latestOf(owner) {
      const entry = latest.get(owner);
      return entry && entry.expiresAt > now() ? entry.id : undefined;
    },
    async setLatest(owner, id) {
      latest.set(owner, { id, expiresAt: now() + ttlMs });
    },
  };
}
