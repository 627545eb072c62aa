import { LRUCache } from 'lru-cache';

/**
 * A count per member (and per user) that goes up each time Whop says it changed (a webhook,
 * live/live-updates.ts). Lookups and list pages coalesce only with calls of the same count: a
 * call already in flight when the change came would answer with what Whop held before it, and a
 * page refetching because of the change must not join it. Per instance, as coalescing is; every
 * instance hears every change.
 */
export type MemberGenerations = {
  /** The count for a member or user id (0 until it first changes). */
  of(id: string): number;
  /** A change to these ids: calls from now on do not join ones already in flight. */
  bump(ids: readonly string[]): void;
};

/** Bounded: ids that changed longest ago are forgotten first (a call in flight lasts seconds, not hours). */
export function createMemberGenerations(max = 10_000): MemberGenerations {
  const counts = new LRUCache<string, number>({ max });
  return {
    of: (id) => counts.get(id) ?? 0,
    bump(ids) {
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    },
  };
}
