import { describe, expect, it } from 'vitest';
import { isReadableFile, linesFromFile } from './bulk-file';

describe('linesFromFile', () => {
  it('reads a single column line by line', () => {
    expect(linesFromFile('mber_a\r\nava@example.com\n\navachen\n')).toEqual(['mber_a', 'ava@example.com', 'avachen']);
  });

  it('drops a single column’s header word', () => {
    expect(linesFromFile('Email\nava@example.com\nmarcus@example.de')).toEqual([
      'ava@example.com',
      'marcus@example.de',
    ]);
  });

  it('keeps a single column’s first line when it is a member', () => {
    expect(linesFromFile('Ava Chen\nMarcus Weber')).toEqual(['Ava Chen', 'Marcus Weber']);
  });

  it('takes the column with the emails from a multi-column CSV, header row dropped', () => {
    const csv = [
      'Name,Email,Plan',
      'Ava Chen,ava@example.com,Pro',
      '"Weber, Marcus",marcus@example.de,"Basic, yearly"',
      'Kenji,,Pro',
      'Lena,lena@example.pl,Pro',
    ].join('\r\n');
    expect(linesFromFile(csv)).toEqual(['ava@example.com', 'marcus@example.de', 'lena@example.pl']);
  });

  it('takes the column with the member ids, and ignores a byte-order mark', () => {
    const csv = '\uFEFFid,note\nmber_a,first\nmber_b,"two\nlines"\n';
    expect(linesFromFile(csv)).toEqual(['mber_a', 'mber_b']);
  });

  it('reads nothing from an empty file', () => {
    expect(linesFromFile('')).toEqual([]);
  });
});

describe('isReadableFile', () => {
  it.each([
    [{ name: 'members.csv', type: '' }, true],
    [{ name: 'LIST.TXT', type: '' }, true],
    [{ name: 'export', type: 'text/csv' }, true],
    [{ name: 'photo.png', type: 'image/png' }, false],
    [{ name: 'sheet.xlsx', type: 'application/vnd.ms-excel' }, false],
  ])('%j -> %s', (file, readable) => {
    expect(isReadableFile(file)).toBe(readable);
  });
});
