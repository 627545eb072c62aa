import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Member } from '../../../../contract/member';
import type { Membership } from '../../../../contract/membership';
import { ApiError } from '../../../lib/api/api-error';
import { formatDate } from '../../../lib/format/dates';
import { MembershipStatusBadge } from '../../../lib/member-badges';
import { memberListQuery } from '../member-list-query';

function Panel({ children, busy = false }: { children: ReactNode; busy?: boolean }) {
  return (
    <section
      aria-labelledby="memberships-heading"
      aria-busy={busy || undefined}
      className="rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id="memberships-heading"
        className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        Memberships
      </h2>
      {children}
    </section>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** A row the access summary linked to: scrolled to with room above it, and marked. */
const TARGET = 'scroll-mt-4 target:rounded-md target:outline-2 target:outline-offset-4 target:outline-indigo-500';

function MembershipRow({ membership }: { membership: Membership }) {
  const end = membership.renewal_period_end;
  return (
    // The access summary links its facts here (`#membership-<id>`).
    <li id={`membership-${membership.id}`} className={`py-3 first:pt-0 last:pb-0 ${TARGET}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium wrap-anywhere">{membership.product.title}</h3>
        <MembershipStatusBadge value={membership.status} />
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 min-[480px]:grid-cols-2 md:grid-cols-4">
        <Item label="Plan">
          <span className="font-mono wrap-anywhere">{membership.plan.id}</span>
        </Item>
        <Item label="Renewal period ends">
          {end ? (
            <time dateTime={end}>{formatDate(end)}</time>
          ) : (
            <span className="text-zinc-600 italic dark:text-zinc-400">Does not renew</span>
          )}
        </Item>
        <Item label="Cancels at period end">
          {membership.cancel_at_period_end ? <strong className="font-semibold">Yes</strong> : 'No'}
        </Item>
        <Item label="Membership id">
          <span className="font-mono wrap-anywhere">{membership.id}</span>
        </Item>
      </dl>
    </li>
  );
}

/**
 * The member's memberships (product, plan, status, renewal, cancel at period end). Loads
 * after the member and fails on its own: a key that may read members but not
 * memberships still shows the member, with a notice here.
 */
export function MembershipsPanel({ member, load = true }: { member: Member; load?: boolean }) {
  // With `load` false (the member page's first frame) it waits, showing that it loads.
  const query = useInfiniteQuery({ ...memberListQuery('memberships', member.id), enabled: load });

  if (query.isPending) {
    return (
      <Panel busy>
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Loading memberships…
        </p>
      </Panel>
    );
  }

  if (query.isError) {
    const error = query.error;
    if (error instanceof ApiError && error.code === 'upstream_forbidden') {
      return (
        <Panel>
          <div
            role="note"
            aria-label="Memberships unavailable"
            className="rounded-lg bg-amber-50 p-4 text-sm text-amber-950 dark:bg-amber-950/60 dark:text-amber-100"
          >
            <p className="font-semibold">Memberships are hidden from this dashboard.</p>
            <p className="mt-1">
              {error.message} Ask whoever runs this dashboard; everything else on this page is unaffected.
            </p>
          </div>
        </Panel>
      );
    }
    return (
      <Panel>
        <div role="alert" className="text-sm">
          <p className="font-semibold">Could not load memberships.</p>
          <p className="mt-1 text-zinc-700 dark:text-zinc-300">{error.message}</p>
        </div>
        <button
          type="button"
          onClick={() => void query.refetch()}
          className="mt-3 rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Try again
        </button>
      </Panel>
    );
  }

  const memberships = query.data.pages.flatMap((page) => page.data);
  if (memberships.length === 0) {
    return (
      <Panel>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {member.user
            ? 'No memberships in this company.'
            : 'This member has no Whop user, so there are no memberships to show.'}
        </p>
      </Panel>
    );
  }

  return (
    <Panel>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {memberships.map((m) => (
          <MembershipRow key={m.id} membership={m} />
        ))}
      </ul>
      {query.hasNextPage && (
        <button
          type="button"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          className="mt-3 rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Show more memberships'}
        </button>
      )}
    </Panel>
  );
}
