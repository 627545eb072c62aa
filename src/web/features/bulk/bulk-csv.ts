// The table as a CSV file a spreadsheet opens safely. Cells come from people's names and
// pasted text, so a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is
// neutralised by papaparse's escapeFormulae (a leading '), and the file is RFC 4180 with a
// byte-order mark so Excel reads the accents as UTF-8.
import Papa from 'papaparse';
import type { BulkRow } from '../../../contract/bulk';
import { humanize } from '../../lib/format/labels';
import { COLUMN_LABELS, memberOf, OUTCOME_LABELS, resultText } from './bulk-table-model';

const BOM = '\uFEFF';

/**
 * What starts a formula (OWASP): papaparse's own pattern for `escapeFormulae: true` is
 * `/^[=+\-@\t\r].*$/`, whose `.` stops at a line break, so `=HYPERLINK(…)` followed by a
 * new line in the same cell went out as it was. Only the first character matters.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const CSV_FIELDS = [
  COLUMN_LABELS.input,
  COLUMN_LABELS.result,
  COLUMN_LABELS.name,
  COLUMN_LABELS.username,
  COLUMN_LABELS.email,
  COLUMN_LABELS.access_level,
  COLUMN_LABELS.status,
  COLUMN_LABELS.most_recent_action,
  'Spend (USD)',
  COLUMN_LABELS.company_token_balance,
  COLUMN_LABELS.joined_at,
  'Member id',
  'Result detail',
];

/**
 * One row's cells, in CSV_FIELDS' order. Amounts stay numbers and dates ISO 8601, so a
 * spreadsheet can sum and sort them; enum values are in words as the table's badges say them.
 */
function cells(row: BulkRow): Array<string | number> {
  const member = memberOf(row);
  const detail = row.outcome === 'found' ? '' : resultText(row);
  return [
    row.input,
    OUTCOME_LABELS[row.outcome],
    member?.name ?? '',
    member?.username ?? '',
    member?.email ?? '',
    member ? humanize(member.access_level) : '',
    member ? humanize(member.status) : '',
    member?.most_recent_action ? humanize(member.most_recent_action) : '',
    member ? member.usd_total_spent : '',
    member ? member.company_token_balance : '',
    member?.joined_at ?? '',
    member?.id ?? '',
    detail,
  ];
}

/** The rows as given (filtered and sorted by the caller) as CSV text, byte-order mark first. */
export function buildCsv(rows: readonly BulkRow[]): string {
  return (
    BOM +
    Papa.unparse(
      { fields: CSV_FIELDS, data: rows.map(cells) },
      { escapeFormulae: FORMULA_START, newline: '\r\n', header: true },
    )
  );
}

/** `whop-members-2026-06-01.csv`, by the reader's own calendar. */
export function csvFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `whop-members-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}

/** Hands the CSV to the browser as a download. */
export function downloadCsv(rows: readonly BulkRow[], now: Date = new Date()): void {
  const url = URL.createObjectURL(new Blob([buildCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(now);
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
