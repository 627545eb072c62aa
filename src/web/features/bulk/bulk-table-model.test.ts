import { describe, expect, it } from 'vitest';
import type { BulkRow } from '../../../contract/bulk';
import { bulkMember } from '../../test-support/bulk-fixtures';
import {
  type Filters,
  filterRows,
  matchesText,
  NO_FILTERS,
  nextSort,
  resultText,
  type Sort,
  sortRows,
  totalsOf,
  totalsText,
  valuesOf,
  viewRows,
} from './bulk-table-model';

const rows: BulkRow[] = [
  {
    index: 0,
    input: 'ava@example.com',
    version: 1,
    outcome: 'found',
    member: bulkMember({
      id: 'mber_ava',
      name: 'Ava Chen',
      email: 'ava@example.com',
      usd_total_spent: 1234.5,
      joined_at: '2025-04-17T12:00:00.000Z',
    }),
  },
  { index: 1, input: 'mber_gone', version: 1, outcome: 'not_found' },
  {
    index: 2,
    input: 'mweber',
    version: 1,
    outcome: 'found',
    member: bulkMember({
      id: 'mber_marcus',
      name: 'Marcus Weber',
      email: null,
      access_level: 'admin',
      usd_total_spent: 0,
      joined_at: '2023-12-14T12:00:00.000Z',
    }),
  },
  { index: 3, input: 'Ava', version: 1, outcome: 'ambiguous', matches: 3, more: false, query: 'Ava' },
  {
    index: 4,
    input: 'lenak',
    version: 1,
    outcome: 'found',
    member: bulkMember({
      id: 'mber_lena',
      name: 'lena Kowalski',
      email: 'lena@example.pl',
      access_level: 'no_access',
      status: 'left',
      usd_total_spent: 450,
      joined_at: '2024-07-01T12:00:00.000Z',
    }),
  },
  { index: 5, input: 'x!', version: 1, outcome: 'invalid', message: 'Not something we can look up.' },
  { index: 6, input: 'mber_slow', version: 1, outcome: 'failed', message: 'Whop took too long to answer.' },
  { index: 7, input: 'mber_later', version: 1, outcome: 'pending' },
];

const inputs = (list: BulkRow[]) => list.map((r) => r.input);

describe('resultText', () => {
  it.each([
    [1, 'Not found'],
    [3, '3 matches'],
    [5, 'Not something we can look up.'],
    [6, 'Whop took too long to answer.'],
    [7, 'Waiting'],
    [0, 'Found'],
  ])('row %d -> %s', (index, text) => {
    expect(resultText(rows[index] as BulkRow)).toBe(text);
  });

  it.each([
    [3, false, '3 matches'],
    [10, true, '10+ matches'],
    [1, false, '1 match'],
    [1200, false, '1,200 matches'],
  ])('%d matches, more %s -> %s', (n, more, text) => {
    expect(matchesText(n, more)).toBe(text);
  });
});

describe('sortRows', () => {
  it.each<[Sort, string[]]>([
    [null, inputs(rows)],
    [
      { key: 'name', direction: 'ascending' },
      ['ava@example.com', 'lenak', 'mweber', 'mber_gone', 'Ava', 'x!', 'mber_slow', 'mber_later'],
    ],
    [
      { key: 'name', direction: 'descending' },
      ['mweber', 'lenak', 'ava@example.com', 'mber_gone', 'Ava', 'x!', 'mber_slow', 'mber_later'],
    ],
    [
      { key: 'usd_total_spent', direction: 'descending' },
      ['ava@example.com', 'lenak', 'mweber', 'mber_gone', 'Ava', 'x!', 'mber_slow', 'mber_later'],
    ],
    [
      { key: 'usd_total_spent', direction: 'ascending' },
      ['mweber', 'lenak', 'ava@example.com', 'mber_gone', 'Ava', 'x!', 'mber_slow', 'mber_later'],
    ],
    [
      // A found member without an email goes with the empty cells, last.
      { key: 'email', direction: 'ascending' },
      ['ava@example.com', 'lenak', 'mber_gone', 'mweber', 'Ava', 'x!', 'mber_slow', 'mber_later'],
    ],
    [
      { key: 'joined_at', direction: 'ascending' },
      ['mweber', 'lenak', 'ava@example.com', 'mber_gone', 'Ava', 'x!', 'mber_slow', 'mber_later'],
    ],
    [
      { key: 'input', direction: 'ascending' },
      ['Ava', 'ava@example.com', 'lenak', 'mber_gone', 'mber_later', 'mber_slow', 'mweber', 'x!'],
    ],
    [
      { key: 'result', direction: 'ascending' },
      ['ava@example.com', 'mweber', 'lenak', 'Ava', 'mber_gone', 'x!', 'mber_slow', 'mber_later'],
    ],
  ])('%j', (sort, order) => {
    expect(inputs(sortRows(rows, sort))).toEqual(order);
  });

  it('keeps the pasted order among equal values', () => {
    const sorted = sortRows(rows, { key: 'status', direction: 'descending' });
    expect(inputs(sorted).slice(0, 3)).toEqual(['lenak', 'ava@example.com', 'mweber']);
  });

  it('does not change the rows it was given', () => {
    const before = inputs(rows);
    sortRows(rows, { key: 'name', direction: 'ascending' });
    expect(inputs(rows)).toEqual(before);
  });
});

describe('nextSort', () => {
  it.each<[Sort, Sort]>([
    [null, { key: 'name', direction: 'ascending' }],
    [
      { key: 'name', direction: 'ascending' },
      { key: 'name', direction: 'descending' },
    ],
    [{ key: 'name', direction: 'descending' }, null],
    [
      { key: 'email', direction: 'descending' },
      { key: 'name', direction: 'ascending' },
    ],
  ])('%j, then name -> %j', (current, next) => {
    expect(nextSort(current, 'name')).toEqual(next);
  });
});

describe('filterRows', () => {
  it.each<[Partial<Filters>, string[]]>([
    [{}, inputs(rows)],
    [{ result: 'found' }, ['ava@example.com', 'mweber', 'lenak']],
    [{ result: 'not_found' }, ['mber_gone']],
    [{ access_level: 'no_access' }, ['lenak']],
    [{ access_level: 'customer' }, ['ava@example.com']],
    [{ status: 'joined' }, ['ava@example.com', 'mweber']],
    [{ result: 'found', status: 'left' }, ['lenak']],
    [{ result: 'invalid', status: 'joined' }, []],
  ])('%j', (filters, kept) => {
    expect(inputs(filterRows(rows, { ...NO_FILTERS, ...filters }))).toEqual(kept);
  });

  it('filters, then sorts', () => {
    const shown = viewRows(
      rows,
      { ...NO_FILTERS, result: 'found' },
      { key: 'usd_total_spent', direction: 'ascending' },
    );
    expect(inputs(shown)).toEqual(['mweber', 'lenak', 'ava@example.com']);
  });
});

describe('valuesOf', () => {
  it('lists the values found members hold', () => {
    expect(valuesOf(rows, 'access_level')).toEqual(['admin', 'customer', 'no_access']);
    expect(valuesOf(rows, 'status')).toEqual(['joined', 'left']);
  });
});

describe('totals', () => {
  it('counts with access (admins too), without, and each other outcome', () => {
    expect(totalsOf(rows)).toEqual({
      withAccess: 2,
      withoutAccess: 1,
      notFound: 1,
      ambiguous: 1,
      invalid: 1,
      failed: 1,
      cancelled: 0,
      pending: 1,
    });
  });

  it.each([
    [
      {
        withAccess: 812,
        withoutAccess: 120,
        notFound: 3,
        ambiguous: 0,
        invalid: 0,
        failed: 0,
        cancelled: 0,
        pending: 0,
      },
      '812 with access, 120 without, 3 not found',
    ],
    [
      {
        withAccess: 1,
        withoutAccess: 0,
        notFound: 0,
        ambiguous: 2,
        invalid: 1,
        failed: 4,
        cancelled: 5,
        pending: 1200,
      },
      '1 with access, 0 without, 0 not found, 2 with several matches, 1 invalid, 4 failed, 5 cancelled, 1,200 waiting',
    ],
  ])('%j -> %s', (totals, text) => {
    expect(totalsText(totals)).toBe(text);
  });
});
