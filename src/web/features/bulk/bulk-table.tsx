import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { Link } from 'react-router';
import type { BulkRow } from '../../../contract/bulk';
import { memberPath, searchPath } from '../../lib/app-urls';
import { formatDate } from '../../lib/format/dates';
import { formatTokens, formatUsd } from '../../lib/format/money';
import { AccessLevelBadge, ActionBadge, StatusBadge } from '../../lib/member-badges';
import { COLUMN_KEYS, COLUMN_LABELS, type ColumnKey, memberOf, resultText, type Sort } from './bulk-table-model';

/** Every row is one line of text high, so the virtualiser can place rows without measuring them. */
const ROW_HEIGHT = 41;
const LINK = 'font-medium text-indigo-700 underline dark:text-indigo-300';
const CELL = 'h-10 px-3 whitespace-nowrap';
const NUMERIC: ReadonlySet<ColumnKey> = new Set(['usd_total_spent', 'company_token_balance']);

function ResultCell({ row }: { row: BulkRow }) {
  if (row.outcome === 'ambiguous') {
    return (
      <Link to={searchPath(row.query)} className={LINK}>
        {resultText(row)}
      </Link>
    );
  }
  const tone =
    row.outcome === 'found'
      ? 'text-emerald-800 dark:text-emerald-300'
      : row.outcome === 'failed' || row.outcome === 'invalid'
        ? 'text-rose-800 dark:text-rose-300'
        : 'text-zinc-700 dark:text-zinc-300';
  const text = resultText(row);
  return (
    <span className={`block max-w-64 truncate ${tone}`} title={text}>
      {text}
    </span>
  );
}

function Cells({ row }: { row: BulkRow }) {
  const member = memberOf(row);
  const empty = <span className="sr-only">None</span>;
  return (
    <>
      <td className={CELL}>
        <span className="block max-w-32 truncate font-mono text-xs sm:max-w-56" title={row.input}>
          {row.input}
        </span>
      </td>
      <td className={CELL}>
        <ResultCell row={row} />
      </td>
      <td className={CELL}>
        {member ? (
          <Link to={memberPath(member.id)} className={`${LINK} block max-w-56 truncate`}>
            {member.name?.trim() || (member.username ? `@${member.username}` : member.id)}
          </Link>
        ) : (
          empty
        )}
      </td>
      <td className={CELL}>{member?.username ?? empty}</td>
      <td className={CELL}>{member?.email ?? empty}</td>
      <td className={CELL}>{member ? <AccessLevelBadge value={member.access_level} /> : empty}</td>
      <td className={CELL}>{member ? <StatusBadge value={member.status} /> : empty}</td>
      <td className={CELL}>{member?.most_recent_action ? <ActionBadge value={member.most_recent_action} /> : empty}</td>
      <td className={`${CELL} text-right tabular-nums`}>{member ? formatUsd(member.usd_total_spent) : empty}</td>
      <td className={`${CELL} text-right tabular-nums`}>
        {member ? formatTokens(member.company_token_balance) : empty}
      </td>
      <td className={CELL}>{member ? formatDate(member.joined_at) : empty}</td>
    </>
  );
}

function SortButton({ column, sort, onSort }: { column: ColumnKey; sort: Sort; onSort: (key: ColumnKey) => void }) {
  const direction = sort?.key === column ? sort.direction : null;
  return (
    <button
      type="button"
      onClick={() => onSort(column)}
      className="inline-flex items-center gap-1 rounded font-semibold hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      {COLUMN_LABELS[column]}
      <span aria-hidden="true" className="w-3 text-zinc-600 dark:text-zinc-400">
        {direction === 'ascending' ? '↑' : direction === 'descending' ? '↓' : '↕'}
      </span>
    </button>
  );
}

/**
 * The list's rows as a real table (headers, sort state, row positions for assistive tech),
 * with only the rows in view in the page: 1,000 rows of badges and links would otherwise
 * take the main thread for far longer than a frame. The table scrolls inside its own box,
 * both ways, so a narrow screen never scrolls the page sideways.
 */
export function BulkTable({
  rows,
  sort,
  onSort,
  caption,
}: {
  rows: readonly BulkRow[];
  sort: Sort;
  onSort: (key: ColumnKey) => void;
  caption: string;
}) {
  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.index ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    // Focusable, so the box can be scrolled from the keyboard (WCAG 2.1.1); named by the caption's text.
    // `relative`: the box is what the cells' visually hidden text (absolutely placed) is clipped by;
    // without it those spans sit past the box's edge and widen the whole page.
    <section
      ref={scroller}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
      tabIndex={0}
      aria-label={caption}
      className="relative max-h-[70vh] max-w-full overflow-auto rounded-xl border border-zinc-200 bg-white focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <table aria-rowcount={rows.length + 1} className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100">
          <tr aria-rowindex={1}>
            {COLUMN_KEYS.map((column) => (
              <th
                key={column}
                scope="col"
                aria-sort={sort?.key === column ? sort.direction : undefined}
                className={`${CELL} ${NUMERIC.has(column) ? 'text-right' : ''}`}
              >
                <SortButton column={column} sort={sort} onSort={onSort} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {before > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer for the rows out of view; nothing in it takes focus
            <tr aria-hidden="true" style={{ height: before }}>
              <td colSpan={COLUMN_KEYS.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr key={item.key} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                <Cells row={row} />
              </tr>
            );
          })}
          {after > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer for the rows out of view; nothing in it takes focus
            <tr aria-hidden="true" style={{ height: after }}>
              <td colSpan={COLUMN_KEYS.length} />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
