import { describe, expect, it } from 'vitest';
import { z } from '../../contract/zod';
import { pageParser } from './list-page';

const parse = pageParser(z.object({ id: z.string() }));
const page = (end_cursor: unknown, has_next_page: unknown = true) => ({
  data: [{ id: 'a', extra: 1 }],
  page_info: { end_cursor, has_next_page },
});

describe('pageParser', () => {
  it('passes on a cursor like the ones Whop hands out', () => {
    expect(parse(page('b2Zmc2V0OjEw'))).toEqual({ data: [{ id: 'a' }], next_cursor: 'b2Zmc2V0OjEw' });
  });

  it.each([['../evil'], ['a b'], ['x'.repeat(513)], ['']])(
    'keeps the rows and stops paging at a cursor it does not know (%j)',
    (cursor) => {
      expect(parse(page(cursor))).toEqual({ data: [{ id: 'a' }], next_cursor: null });
    },
  );

  it('stops at the last page, an empty page and a missing page_info', () => {
    expect(parse(page('abc', false))?.next_cursor).toBeNull();
    expect(parse({ data: [], page_info: { end_cursor: 'abc', has_next_page: true } })?.next_cursor).toBeNull();
    expect(parse({ data: [{ id: 'a' }] })).toEqual({ data: [{ id: 'a' }], next_cursor: null });
  });

  it('refuses what is not a page: rows that do not fit, a cursor that is not text', () => {
    expect(parse({ data: [{ id: 1 }], page_info: {} })).toBeUndefined();
    expect(parse(page(42))).toBeUndefined();
    expect(parse(null)).toBeUndefined();
  });
});
