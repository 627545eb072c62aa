import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type BulkList, type BulkState, isBulkId } from '../../../contract/bulk';
import { announce } from '../../lib/announcer';
import { ApiError } from '../../lib/api/api-error';
import { BULK_PATH } from '../../lib/app-urls';
import { describeError } from '../../lib/describe-error';
import { useDocumentTitle } from '../../lib/use-document-title';
import { cancelBulkList, retryBulkList } from './bulk-api';
import { PRIMARY, SECONDARY } from './bulk-buttons';
import { downloadCsv } from './bulk-csv';
import { BulkFilters } from './bulk-filters';
import { mergeList } from './bulk-merge';
import { BulkProgress } from './bulk-progress';
import { bulkListQuery } from './bulk-query';
import { BulkTable } from './bulk-table';
import { type Filters, NO_FILTERS, nextSort, type Sort, totalsOf, totalsText, viewRows } from './bulk-table-model';

const PANEL = 'rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900';

const count = (n: number) => new Intl.NumberFormat().format(n);

/** A list the server no longer has (or an address that was never one): say so, and where to start again. */
function ListGone() {
  useDocumentTitle('List not found');
  return (
    <div role="alert" className={PANEL}>
      <h1 className="text-xl font-semibold">This list is gone</h1>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        A list is kept for an hour after it last changed, and this one is no longer there (or the address is not a
        list’s).
      </p>
      <Link to={BULK_PATH} className="mt-4 inline-block font-medium text-indigo-700 underline dark:text-indigo-300">
        Start a new list
      </Link>
    </div>
  );
}

/** Says, once, how a list the page watched running came to an end. */
function useAnnounceEnd(list: BulkList | undefined) {
  const seen = useRef<BulkState | null>(null);
  useEffect(() => {
    if (!list) return;
    const was = seen.current;
    seen.current = list.state;
    if (was !== 'running' || list.state === 'running') return;
    const totals = totalsText(totalsOf(list.rows));
    if (list.state === 'done') announce(`Lookup finished: ${totals}.`);
    else if (list.state === 'cancelled') announce(`Lookup cancelled: ${totals}.`);
    else announce('The server running this list stopped before it was done.');
  }, [list]);
}

/** The rows a retry runs again: failed and cancelled ones, and on a stalled list those still waiting. */
const notDone = (list: BulkList) =>
  list.rows.filter((row) => row.outcome === 'failed' || row.outcome === 'cancelled' || row.outcome === 'pending')
    .length;

function ListView({ list }: { list: BulkList }) {
  const client = useQueryClient();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>(null);
  // Sorting 1,000 rows is quick, but a poll every second should not make a click wait for it.
  const deferredRows = useDeferredValue(list.rows);
  const shown = useMemo(() => viewRows(deferredRows, filters, sort), [deferredRows, filters, sort]);
  const totals = useMemo(() => totalsText(totalsOf(list.rows)), [list.rows]);
  const action = useMutation({
    mutationFn: (kind: 'cancel' | 'retry') => (kind === 'cancel' ? cancelBulkList(list.id) : retryBulkList(list.id)),
    onSuccess: (answer) => client.setQueryData(bulkListQuery(list.id).queryKey, (held) => mergeList(held, answer)),
  });
  const running = list.state === 'running';
  const retryable = list.counts.failed + list.counts.cancelled > 0;
  const left = notDone(list);
  const { total, done } = list.counts;
  useDocumentTitle(running ? `Bulk lookup: ${count(done)} of ${count(total)}` : 'Bulk lookup');

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">
          {running
            ? 'Looking up members…'
            : list.state === 'done'
              ? 'Lookup finished'
              : list.state === 'cancelled'
                ? 'Lookup cancelled'
                : 'Lookup stopped'}
        </h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{totals}.</p>
      </div>
      <BulkProgress list={list} />
      {list.state === 'stalled' && (
        <div
          role="alert"
          className="rounded-xl border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950"
        >
          <p className="text-amber-950 dark:text-amber-100">
            The server running this list stopped; {count(left)} {left === 1 ? 'row was' : 'rows were'} not done.
          </p>
          <button
            type="button"
            onClick={() => action.mutate('retry')}
            disabled={action.isPending}
            className={`mt-3 ${PRIMARY}`}
          >
            Run the {count(left)} {left === 1 ? 'row' : 'rows'} not done
          </button>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {running && (
          <button
            type="button"
            onClick={() => action.mutate('cancel')}
            disabled={action.isPending}
            className={SECONDARY}
          >
            Cancel
          </button>
        )}
        {!running && list.state !== 'stalled' && retryable && (
          <button
            type="button"
            onClick={() => action.mutate('retry')}
            disabled={action.isPending}
            className={SECONDARY}
          >
            Retry failed rows
          </button>
        )}
        <button type="button" onClick={() => downloadCsv(shown)} className={SECONDARY}>
          Download CSV
        </button>
        <Link to={BULK_PATH} className="text-sm font-medium text-indigo-700 underline dark:text-indigo-300">
          Start a new list
        </Link>
      </div>
      {action.error && (
        <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
          {describeError(action.error, undefined).body}
        </p>
      )}
      <BulkFilters rows={list.rows} filters={filters} onChange={setFilters} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="off">
        Showing {count(shown.length)} of {count(list.rows.length)} rows.
      </p>
      {/* Eleven columns: wider than the page's text column when the window allows (up to 80rem,
          centred on the page), so access level and status show without scrolling sideways. */}
      <div className="relative left-1/2 w-[min(80rem,calc(100vw-2rem))] -translate-x-1/2">
        <BulkTable
          rows={shown}
          sort={sort}
          onSort={(key) => setSort((current) => nextSort(current, key))}
          caption="Members looked up"
        />
      </div>
    </div>
  );
}

/** `/bulk/:id`: one list, polled while it runs. */
export function BulkListPage({ id }: { id: string }) {
  const valid = isBulkId(id);
  const query = useQuery({ ...bulkListQuery(id), enabled: valid });
  useAnnounceEnd(query.data);
  if (!valid || (query.error instanceof ApiError && query.error.status === 404)) return <ListGone />;
  if (query.data) {
    return (
      <>
        {query.error && (
          <p role="status" className="mb-4 text-sm text-amber-900 dark:text-amber-200">
            {describeError(query.error, undefined).title}. Showing the list as it was; it updates again once the
            dashboard answers.
          </p>
        )}
        <ListView list={query.data} />
      </>
    );
  }
  if (query.error) {
    const view = describeError(query.error, undefined);
    return (
      <div role="alert" className={PANEL}>
        <h1 className="text-xl font-semibold">{view.title}</h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">{view.body}</p>
        <button type="button" onClick={() => void query.refetch()} className={`mt-4 ${PRIMARY}`}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <p role="status" className="py-8 text-zinc-600 dark:text-zinc-400">
      Loading the list…
    </p>
  );
}
