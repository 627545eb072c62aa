import { beforeEach, describe, expect, it } from 'vitest';
import { clearRecent, RECENT_KEY, RECENT_MAX, readRecent, recordLookup } from './recent-lookups-store';

beforeEach(() => localStorage.clear());

describe('recent lookups store', () => {
  it('keeps the newest first, each member once', () => {
    recordLookup({ id: 'mber_a', name: 'A' }, 1);
    recordLookup({ id: 'mber_b', name: 'B' }, 2);
    recordLookup({ id: 'mber_a', name: 'A again' }, 3);
    expect(readRecent()).toEqual([
      { id: 'mber_a', name: 'A again', at: 3 },
      { id: 'mber_b', name: 'B', at: 2 },
    ]);
  });

  it(`keeps only the last ${RECENT_MAX}`, () => {
    for (let i = 0; i < RECENT_MAX + 5; i++) recordLookup({ id: `mber_m${i}`, name: `M${i}` }, i);
    const list = readRecent();
    expect(list).toHaveLength(RECENT_MAX);
    expect(list[0]?.id).toBe(`mber_m${RECENT_MAX + 4}`);
    expect(list.at(-1)?.id).toBe('mber_m5');
  });

  it('clears everything', () => {
    recordLookup({ id: 'mber_a', name: 'A' });
    clearRecent();
    expect(readRecent()).toEqual([]);
    expect(localStorage.getItem(RECENT_KEY)).toBeNull();
  });

  it('drops what it cannot trust: bad JSON, wrong shapes, ids that are not member ids', () => {
    localStorage.setItem(RECENT_KEY, '{oops');
    expect(readRecent()).toEqual([]);
    localStorage.setItem(
      RECENT_KEY,
      JSON.stringify([
        { id: 'mber_ok', name: 'Ok', at: 1 },
        { id: 'javascript:alert(1)', name: 'x', at: 1 },
        { id: 'mber_x' },
        'junk',
        null,
      ]),
    );
    expect(readRecent()).toEqual([{ id: 'mber_ok', name: 'Ok', at: 1 }]);
  });
});
