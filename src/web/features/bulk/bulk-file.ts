// A dropped or picked .csv/.txt file made into the textarea's lines. An export from a
// spreadsheet or another tool has several columns; the one with ids or emails is the one to
// look up, and its header row is not a member.
import Papa from 'papaparse';

/** What a cell looks like when it is something the list can look up by itself: an id or an email. */
const LOOKS_LIKE_KEY = /^(mber_|mem_|user_)\S+$|^[^\s@]+@[^\s@]+\.[^\s@]+$/i;

/** A lone column's first cell that names the column rather than a member. */
const HEADER_WORD = /^(e-?mail( address)?|(member|user|membership)[ _-]?id|id|username|user|name|members?)$/i;

function score(rows: string[][], column: number): number {
  return rows.reduce((n, row) => n + (LOOKS_LIKE_KEY.test((row[column] ?? '').trim()) ? 1 : 0), 0);
}

/**
 * The values to look up from a file's text. One column: each line (a header word such as
 * "email" dropped). Several: the column with the most ids or emails (the first on a tie),
 * without the header row.
 */
export function linesFromFile(text: string): string[] {
  // One kind of line break, so a file that mixes them (pasted together) still splits on each.
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { data } = Papa.parse<string[]>(clean, { newline: '\n', skipEmptyLines: 'greedy' });
  const rows = data.filter((row) => row.some((cell) => cell.trim() !== ''));
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (width <= 1) {
    const cells = rows.map((row) => (row[0] ?? '').trim());
    return HEADER_WORD.test(cells[0] ?? '') ? cells.slice(1) : cells;
  }
  let best = 0;
  for (let column = 1; column < width; column++) {
    if (score(rows, column) > score(rows, best)) best = column;
  }
  return rows
    .slice(1)
    .map((row) => (row[best] ?? '').trim())
    .filter((cell) => cell !== '');
}

/** Whether a dropped or picked file is one the page reads: .csv or .txt (or a text type without an extension). */
export function isReadableFile(file: Pick<File, 'name' | 'type'>): boolean {
  return /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv' || file.type === 'text/plain';
}
