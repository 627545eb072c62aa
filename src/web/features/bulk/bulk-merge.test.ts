import { describe, expect, it } from 'vitest';
import type { BulkRow } from '../../../contract/bulk';
import { bulkList, bulkMember, pending } from '../../test-support/bulk-fixtures';
import { mergeList } from './bulk-merge';

const found = (index: number, version: number): BulkRow => ({
  index,
  input: `line ${index}`,
  version,
  outcome: 'found',
  member: bulkMember({ id: `mber_${index}` }),
});

describe('mergeList', () => {
  it('takes the first answer whole, in pasted order', () => {
    const list = bulkList([pending(2), pending(0), pending(1)]);
    expect(mergeList(undefined, list).rows.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('replaces the rows a poll brings and keeps the rest', () => {
    const held = bulkList([pending(0), pending(1), pending(2)]);
    const next = bulkList([found(1, 5)], { version: 5, counts: { ...held.counts, done: 1, found: 1 } });
    const merged = mergeList(held, next);
    expect(merged.rows.map((r) => r.outcome)).toEqual(['pending', 'found', 'pending']);
    expect(merged.version).toBe(5);
    expect(merged.counts.found).toBe(1);
    expect(merged.rows[0]).toBe(held.rows[0]);
  });

  it('never rolls a row back to an older version', () => {
    const held = bulkList([found(0, 7), pending(1)], { version: 7 });
    const late = bulkList([pending(0, 'line 0', 3)], { version: 3, state: 'running' });
    const merged = mergeList(held, late);
    expect(merged.rows[0]?.outcome).toBe('found');
    expect(merged.version).toBe(7);
  });

  it('keeps the newer header when a late answer arrives after a cancel', () => {
    const held = bulkList([pending(0)], { version: 9, state: 'cancelled' });
    const late = bulkList([], { version: 8, state: 'running' });
    expect(mergeList(held, late)).toBe(held);
  });

  it('takes a newer header even when no row changed', () => {
    const held = bulkList([found(0, 2)], { version: 2 });
    const next = bulkList([], { version: 3, state: 'done' });
    const merged = mergeList(held, next);
    expect(merged.state).toBe('done');
    expect(merged.rows).toBe(held.rows);
  });

  it('adds a row the held list lacked, in its place', () => {
    const held = bulkList([pending(0), pending(2)]);
    const merged = mergeList(held, bulkList([found(1, 4)], { version: 4 }));
    expect(merged.rows.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('starts again for another list', () => {
    const held = bulkList([found(0, 9)], { version: 9 });
    const other = bulkList([pending(0)], { id: 'other', version: 1 });
    expect(mergeList(held, other).rows[0]?.outcome).toBe('pending');
  });
});
