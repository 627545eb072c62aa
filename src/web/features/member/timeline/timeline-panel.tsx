// The member's events in one list: its own lazy chunk, which only the member page loads
// (member-page.tsx), so neither `/`'s budgets nor the history panels' chunk carry it. The page
// owns the three list queries and the filter and hands them in, as it does for the history
// panels: this chunk then shares no module with the member route's chunk (no hook, no
// placeholder imported from there), which keeps Rolldown from adding a namespace helper to `/`.
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { Member } from '../../../../contract/member';
import type { MembershipPage } from '../../../../contract/membership';
import type { PaymentPage } from '../../../../contract/payment';
import type { TokenTransactionPage } from '../../../../contract/token-transaction';
import { formatDate, formatDateTime, formatRelative } from '../../../lib/format/dates';
import { formatMoney, formatTokens } from '../../../lib/format/money';
import { cn } from '../../../lib/ui/cn';
import {
  buildTimeline,
  TIMELINE_KINDS,
  type TimelineAmount,
  type TimelineEvent,
  type TimelineFilter,
  type TimelineKind,
  type TimelineList,
} from './timeline-events';

type ListQuery<Page> = Pick<
  UseInfiniteQueryResult<InfiniteData<Page>, Error>,
  'data' | 'isPending' | 'isError' | 'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage'
>;

export type TimelineProps = {
  member: Member;
  /** Which kinds it shows; the page keeps it (a hook here would cost `/` a React interop helper, docs/decisions/0030). */
  filter: TimelineFilter;
  onFilter: (filter: TimelineFilter) => void;
  memberships: ListQuery<MembershipPage>;
  payments: ListQuery<PaymentPage>;
  tokens: ListQuery<TokenTransactionPage>;
};

const FILTERS: ReadonlyArray<{ value: TimelineFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'memberships', label: 'Memberships' },
  { value: 'payments', label: 'Payments' },
  { value: 'tokens', label: 'Tokens' },
];

const WHAT: Record<TimelineKind, string> = {
  memberships: 'Memberships',
  payments: 'Payments',
  tokens: 'Token transactions',
};

const button =
  'rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800';

function listOf<T>(query: ListQuery<{ data: T[]; next_cursor: string | null }>): TimelineList<T> | null {
  if (!query.data) return null;
  return { items: query.data.pages.flatMap((page) => page.data), hasMore: query.hasNextPage };
}

function Amount({ amount }: { amount: TimelineAmount }) {
  if (amount.unit === 'money') return <>{formatMoney(amount.value, amount.currency)}</>;
  const sign = amount.sign === 1 ? '+' : amount.sign === -1 ? '−' : '';
  return (
    <>
      {sign}
      {formatTokens(amount.value)} tokens
    </>
  );
}

function EventRow({ event, now }: { event: TimelineEvent; now: number }) {
  const title = event.href ? (
    <a href={event.href} className="underline decoration-zinc-400 underline-offset-2 hover:decoration-current">
      {event.title}
    </a>
  ) : (
    event.title
  );
  return (
    <li className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 py-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)_auto]">
      <span className="text-zinc-600 tabular-nums dark:text-zinc-400">
        <time dateTime={event.at} title={formatDateTime(event.at)}>
          {formatDate(event.at)}
        </time>
        <span className="hidden text-xs sm:inline"> · {formatRelative(event.at, now)}</span>
      </span>
      <span className="min-w-0 wrap-anywhere">
        <span className={cn(event.attention && 'font-semibold text-amber-800 dark:text-amber-300')}>{title}</span>
        {event.upcoming && <span className="text-zinc-600 dark:text-zinc-400"> (scheduled)</span>}
        {event.detail && <span className="text-zinc-600 dark:text-zinc-400"> · {event.detail}</span>}
      </span>
      {event.amount && (
        <span className="col-start-2 font-medium tabular-nums sm:col-start-3 sm:text-right">
          <Amount amount={event.amount} />
        </span>
      )}
    </li>
  );
}

/** As timeline-placeholder.tsx, which the page shows while this chunk loads (the test checks they match). */
export function TimelineLoading() {
  return (
    <section
      aria-labelledby="timeline-heading"
      aria-busy
      className="min-h-96 min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id="timeline-heading"
        className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        Timeline
      </h2>
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading the timeline…
      </p>
    </section>
  );
}

/**
 * Joined, memberships (start, renewal, cancellation, end), payments (paid, failed, refunded,
 * disputed) and token transactions in one list, newest first (timeline-events.ts), with a
 * filter by kind and "Show older", which asks each list with more pages for its next one.
 */
export function TimelinePanel({ member, filter, onFilter, memberships, payments, tokens }: TimelineProps) {
  // Read at each render (a filter, a page): a relative time a minute stale says no less.
  const now = Date.now();
  const queries = { memberships, payments, tokens } as const;
  const kinds = TIMELINE_KINDS.filter((kind) => filter === 'all' || filter === kind);
  if (kinds.some((kind) => queries[kind].isPending)) return <TimelineLoading />;

  const timeline = buildTimeline(
    { member, memberships: listOf(memberships), payments: listOf(payments), tokens: listOf(tokens) },
    filter,
  );
  const missing = kinds.filter((kind) => !queries[kind].data);
  const failedMore = kinds.some((kind) => queries[kind].isError && queries[kind].data);
  const older = kinds.filter((kind) => queries[kind].hasNextPage);
  const fetching = older.some((kind) => queries[kind].isFetchingNextPage);
  const showOlder = () => {
    for (const kind of older) if (!queries[kind].isFetchingNextPage) void queries[kind].fetchNextPage();
  };

  return (
    <section
      aria-labelledby="timeline-heading"
      className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2
          id="timeline-heading"
          className="text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
        >
          Timeline
        </h2>
        <fieldset className="flex flex-wrap gap-1">
          <legend className="sr-only">Show events</legend>
          {FILTERS.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              aria-pressed={filter === value}
              onClick={() => onFilter(value)}
              className={cn(
                'rounded-full border px-2.5 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-500',
                filter === value
                  ? 'border-indigo-600 bg-indigo-600 text-white dark:border-indigo-400 dark:bg-indigo-400 dark:text-zinc-950'
                  : 'border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800',
              )}
            >
              {label}
            </button>
          ))}
        </fieldset>
      </div>
      {missing.length > 0 && (
        <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
          Not here: {missing.map((kind) => WHAT[kind].toLowerCase()).join(' and ')} could not be loaded (see{' '}
          {missing.length > 1 ? 'their panels' : 'its panel'}).
        </p>
      )}
      {timeline.events.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No events to show.</p>
      ) : (
        <ol aria-label="Events, newest first" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {timeline.events.map((event) => (
            <EventRow key={event.key} event={event} now={now} />
          ))}
        </ol>
      )}
      {failedMore && (
        <p role="alert" className="mt-2 text-sm">
          Could not load older events.
        </p>
      )}
      {older.length > 0 && (
        <p className="mt-3 flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
          {/* Events older than a list's oldest loaded record wait for its next page (timeline-events.ts). */}
          <span>Older events:</span>
          <button type="button" onClick={showOlder} disabled={fetching} className={button}>
            {fetching ? 'Loading…' : 'Show older'}
          </button>
        </p>
      )}
    </section>
  );
}
