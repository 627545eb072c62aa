import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BulkRow } from '../../../contract/bulk';
import { bulkMember } from '../../test-support/bulk-fixtures';
import { buildCsv, CSV_FIELDS, csvFileName, downloadCsv } from './bulk-csv';

const found = (index: number, fields: Parameters<typeof bulkMember>[0], input = `in ${index}`): BulkRow => ({
  index,
  input,
  version: 1,
  outcome: 'found',
  member: bulkMember(fields),
});

/** The CSV read back by an RFC 4180 parser, byte-order mark off. */
function readBack(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
}

describe('buildCsv', () => {
  it('starts with a byte-order mark and the header row, lines ending in CRLF', () => {
    const csv = buildCsv([found(0, { id: 'mber_a', name: 'Ava' })]);
    expect(csv.startsWith(`\uFEFF${CSV_FIELDS.join(',')}\r\n`)).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(2);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it.each(['=HYPERLINK("x")', '+1 555', '-2+3', '@SUM(A1)', '\tTab', '\rCR', '=HYPERLINK("x")\nsecond line'])(
    'neutralises a cell a spreadsheet would run as a formula: %j',
    (name) => {
      const csv = buildCsv([found(0, { id: 'mber_a', name })]);
      // A leading apostrophe, and the cell quoted (quotes inside doubled).
      expect(csv).toContain(`,"'${name.replace(/"/g, '""')}",`);
      expect(readBack(csv)[1]?.[2]).toBe(`'${name}`);
    },
  );

  it('quotes a cell with a comma, a quote and a newline, doubling the quote', () => {
    const name = 'Weber, "Marcus"\nsecond line';
    const csv = buildCsv([found(0, { id: 'mber_a', name })]);
    expect(csv).toContain('"Weber, ""Marcus""\nsecond line"');
    expect(readBack(csv)[1]?.[2]).toBe(name);
  });

  it('keeps accents as they are (UTF-8)', () => {
    const csv = buildCsv([found(0, { id: 'mber_s', name: 'Sofía Ramírez', username: 'zoë' })]);
    expect(readBack(csv)[1]?.slice(2, 4)).toEqual(['Sofía Ramírez', 'zoë']);
    expect(Array.from(new TextEncoder().encode(csv).slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes every column of a found member, amounts as numbers and dates as ISO', () => {
    const row = found(
      0,
      {
        id: 'mber_ava',
        name: 'Ava Chen',
        username: 'avachen',
        email: 'ava@example.com',
        access_level: 'no_access',
        status: 'left',
        most_recent_action: 'paid_subscriber',
        usd_total_spent: 1234.5,
        company_token_balance: 250,
        joined_at: '2025-04-17T12:00:00.000Z',
      },
      'ava@example.com',
    );
    expect(readBack(buildCsv([row]))[1]).toEqual([
      'ava@example.com',
      'Found',
      'Ava Chen',
      'avachen',
      'ava@example.com',
      'No access',
      'Left',
      'Paid subscriber',
      '1234.5',
      '250',
      '2025-04-17T12:00:00.000Z',
      'mber_ava',
      '',
    ]);
  });

  it('writes the result of rows without a member, in the order given', () => {
    const rows: BulkRow[] = [
      { index: 3, input: 'Ava', version: 1, outcome: 'ambiguous', matches: 10, more: true, query: 'Ava' },
      { index: 1, input: 'x!', version: 1, outcome: 'invalid', message: 'Not something we can look up.' },
      { index: 2, input: 'mber_gone', version: 1, outcome: 'not_found' },
    ];
    const read = readBack(buildCsv(rows));
    expect(read.slice(1).map((r) => [r[0], r[1], r[12]])).toEqual([
      ['Ava', 'Several matches', '10+ matches'],
      ['x!', 'Invalid', 'Not something we can look up.'],
      ['mber_gone', 'Not found', 'Not found'],
    ]);
  });
});

describe('csvFileName', () => {
  it('is dated by the local calendar', () => {
    expect(csvFileName(new Date(2026, 0, 5, 23, 59))).toBe('whop-members-2026-01-05.csv');
  });
});

describe('downloadCsv', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hands the browser a dated UTF-8 CSV file', async () => {
    let blob: Blob | undefined;
    const clicked: Array<{ download: string; href: string }> = [];
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (b: Blob) => {
        blob = b;
        return 'blob:csv';
      },
      revokeObjectURL: () => {},
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.getAttribute('href') ?? '' });
    });
    downloadCsv([found(0, { id: 'mber_a', name: 'Ava' })], new Date(2026, 5, 1));
    expect(clicked).toEqual([{ download: 'whop-members-2026-06-01.csv', href: 'blob:csv' }]);
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await (blob as Blob).arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
