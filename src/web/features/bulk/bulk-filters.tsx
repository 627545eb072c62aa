import { BULK_OUTCOMES, type BulkOutcome, type BulkRow } from '../../../contract/bulk';
import { ACCESS_LEVELS, MEMBER_STATUSES } from '../../../contract/member';
import { humanize } from '../../lib/format/labels';
import { type Filters, OUTCOME_LABELS, valuesOf } from './bulk-table-model';

const SELECT =
  'rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900';

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: ReadonlyArray<[value: string, label: string]>;
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)} className={SELECT}>
        <option value="all">All</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The documented values, then any other a found member holds (Whop may add one). */
const choicesOf = (known: readonly string[], held: string[]) =>
  [...new Set([...known, ...held])].map((value) => [value, humanize(value)] as [string, string]);

/** Filters by result, access level and status. */
export function BulkFilters({
  rows,
  filters,
  onChange,
}: {
  rows: readonly BulkRow[];
  filters: Filters;
  onChange: (filters: Filters) => void;
}) {
  return (
    <fieldset className="flex flex-wrap gap-3">
      <legend className="sr-only">Filter the rows</legend>
      <Choice
        label="Result"
        value={filters.result}
        options={BULK_OUTCOMES.map((outcome) => [outcome, OUTCOME_LABELS[outcome]])}
        onChange={(value) => onChange({ ...filters, result: value as BulkOutcome | 'all' })}
      />
      <Choice
        label="Access level"
        value={filters.access_level}
        options={choicesOf(ACCESS_LEVELS, valuesOf(rows, 'access_level'))}
        onChange={(value) => onChange({ ...filters, access_level: value })}
      />
      <Choice
        label="Status"
        value={filters.status}
        options={choicesOf(MEMBER_STATUSES, valuesOf(rows, 'status'))}
        onChange={(value) => onChange({ ...filters, status: value })}
      />
    </fieldset>
  );
}
