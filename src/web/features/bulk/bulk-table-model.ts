// The bulk table's columns, what each row says in them, and the view a person chooses
// (sort and filters), apart from any rendering: the table, the totals and the CSV read the
// same functions, so the download is exactly the table as shown.
import type { BulkMember, BulkOutcome, BulkRow } from '../../../contract/bulk';

export const COLUMN_KEYS = [
  'input',
  'result',
  'name',
  'username',
  'email',
  'access_level',
  'status',
  'most_recent_action',
  'usd_total_spent',
  'company_token_balance',
  'joined_at',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const COLUMN_LABELS: Record<ColumnKey, string> = {
  input: 'Input',
  result: 'Result',
  name: 'Name',
  username: 'Username',
  email: 'Email',
  access_level: 'Access level',
  status: 'Status',
  most_recent_action: 'Most recent action',
  usd_total_spent: 'Spend',
  company_token_balance: 'Token balance',
  joined_at: 'Joined',
};

export const OUTCOME_LABELS: Record<BulkOutcome, string> = {
  pending: 'Waiting',
  found: 'Found',
  not_found: 'Not found',
  ambiguous: 'Several matches',
  invalid: 'Invalid',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);

/** "3 matches", or "10+ matches" when Whop had more than one page of them. */
export function matchesText(matches: number, more: boolean): string {
  return `${count(matches)}${more ? '+' : ''} ${matches === 1 && !more ? 'match' : 'matches'}`;
}

/** A row's result in words, as the table and the CSV say it. */
export function resultText(row: BulkRow): string {
  switch (row.outcome) {
    case 'ambiguous':
      return matchesText(row.matches, row.more);
    case 'invalid':
    case 'failed':
      return row.message;
    default:
      return OUTCOME_LABELS[row.outcome];
  }
}

export const memberOf = (row: BulkRow): BulkMember | null => (row.outcome === 'found' ? row.member : null);

type Value = string | number | null;

/** Results sort by what a person does next: members first, then what needs a look, then what is not done. */
const OUTCOME_RANK: Record<BulkOutcome, number> = {
  found: 0,
  ambiguous: 1,
  not_found: 2,
  invalid: 3,
  failed: 4,
  cancelled: 5,
  pending: 6,
};

/** What a column sorts by: raw values (amounts as numbers, dates as ISO text), never the formatted text. */
export function sortValue(row: BulkRow, key: ColumnKey): Value {
  if (key === 'input') return row.input;
  if (key === 'result') return OUTCOME_RANK[row.outcome];
  const member = memberOf(row);
  if (!member) return null;
  return member[key];
}

export type SortDirection = 'ascending' | 'descending';
export type Sort = { key: ColumnKey; direction: SortDirection } | null;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The rows in the chosen order; with no sort, the pasted order. Empty cells (no member,
 * no email) go last whichever way, and equal values keep the pasted order, so a sort never
 * shuffles rows that tie.
 */
export function sortRows(rows: readonly BulkRow[], sort: Sort): BulkRow[] {
  if (!sort) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = sortValue(x, sort.key);
    const b = sortValue(y, sort.key);
    if (a === null || b === null) return a === b ? x.index - y.index : a === null ? 1 : -1;
    return sign * compareValues(a, b) || x.index - y.index;
  });
}

/** A header's next sort when clicked: ascending, then descending, then back to the pasted order. */
export function nextSort(current: Sort, key: ColumnKey): Sort {
  if (current?.key !== key) return { key, direction: 'ascending' };
  return current.direction === 'ascending' ? { key, direction: 'descending' } : null;
}

/** `all`, or one value to keep. Access level and status only match found members. */
export type Filters = { result: BulkOutcome | 'all'; access_level: string; status: string };
export const NO_FILTERS: Filters = { result: 'all', access_level: 'all', status: 'all' };

export function filterRows(rows: readonly BulkRow[], filters: Filters): BulkRow[] {
  return rows.filter((row) => {
    if (filters.result !== 'all' && row.outcome !== filters.result) return false;
    const member = memberOf(row);
    if (filters.access_level !== 'all' && member?.access_level !== filters.access_level) return false;
    if (filters.status !== 'all' && member?.status !== filters.status) return false;
    return true;
  });
}

/** The table as shown: filtered, then sorted. */
export function viewRows(rows: readonly BulkRow[], filters: Filters, sort: Sort): BulkRow[] {
  return sortRows(filterRows(rows, filters), sort);
}

/** The values one column holds among the found members, for its filter's choices. */
export function valuesOf(rows: readonly BulkRow[], key: 'access_level' | 'status'): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const member = memberOf(row);
    if (member) values.add(member[key]);
  }
  return [...values].sort();
}

export type Totals = {
  withAccess: number;
  withoutAccess: number;
  notFound: number;
  ambiguous: number;
  invalid: number;
  failed: number;
  cancelled: number;
  pending: number;
};

/** With access: found, and an access level other than `no_access` (admins count). */
export function totalsOf(rows: readonly BulkRow[]): Totals {
  const totals: Totals = {
    withAccess: 0,
    withoutAccess: 0,
    notFound: 0,
    ambiguous: 0,
    invalid: 0,
    failed: 0,
    cancelled: 0,
    pending: 0,
  };
  for (const row of rows) {
    if (row.outcome === 'found') {
      if (row.member.access_level === 'no_access') totals.withoutAccess++;
      else totals.withAccess++;
    } else if (row.outcome === 'not_found') totals.notFound++;
    else totals[row.outcome]++;
  }
  return totals;
}

/** "812 with access, 120 without, 3 not found", then any other outcome that has rows. */
export function totalsText(totals: Totals): string {
  const parts = [
    `${count(totals.withAccess)} with access`,
    `${count(totals.withoutAccess)} without`,
    `${count(totals.notFound)} not found`,
  ];
  const others: Array<[number, string]> = [
    [totals.ambiguous, 'with several matches'],
    [totals.invalid, 'invalid'],
    [totals.failed, 'failed'],
    [totals.cancelled, 'cancelled'],
    [totals.pending, 'waiting'],
  ];
  for (const [n, words] of others) if (n > 0) parts.push(`${count(n)} ${words}`);
  return parts.join(', ');
}
