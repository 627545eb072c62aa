import type { BulkList, BulkRow } from '../../../contract/bulk';

/**
 * What the page holds after an answer about a list: the newer header (by `version`), and
 * every row, each the newer of what was held and what came (by its own `version`), in the
 * pasted order. A poll with `since` brings only changed rows; the answer to cancel or retry
 * may bring all of them; an answer that arrives late (a poll sent before a cancel) cannot
 * roll a row or the header back.
 */
export function mergeList(held: BulkList | undefined, next: BulkList): BulkList {
  if (!held || held.id !== next.id) return { ...next, rows: [...next.rows].sort((a, b) => a.index - b.index) };
  const header = next.version >= held.version ? next : held;
  if (next.rows.length === 0) return header === held ? held : { ...next, rows: held.rows };

  const rows = held.rows.slice();
  let ordered = true;
  for (const row of next.rows) {
    // Rows are held at their index, so most changes land in place; a row the held list
    // lacks (a first answer cut short) is added and the order restored below.
    const at = rows[row.index]?.index === row.index ? row.index : rows.findIndex((r) => r.index === row.index);
    if (at === -1) {
      rows.push(row);
      ordered = false;
    } else if (row.version >= (rows[at] as BulkRow).version) {
      rows[at] = row;
    }
  }
  if (!ordered) rows.sort((a, b) => a.index - b.index);
  return { ...header, rows };
}
