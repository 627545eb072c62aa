import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  type AccessVerdict,
  type DescribedAccess,
  describeAccess,
  type FactSource,
  type MembershipsState,
  summarizeAccess,
} from '../../../../contract/access-summary';
import type { Member } from '../../../../contract/member';
import type { MembershipPage } from '../../../../contract/membership';
import type { Payment } from '../../../../contract/payment';
import { ApiError } from '../../../lib/api/api-error';
import { formatDate } from '../../../lib/format/dates';
import { Badge, type BadgeTone } from '../../../lib/ui/badge';
import { CopyButton } from '../../../lib/ui/copy-button';
import { memberListQuery } from '../member-list-query';
import { summaryText } from './summary-text';

// A new verdict is a compile error here, not a blank badge.
const VERDICTS: Record<AccessVerdict, { tone: BadgeTone; label: string }> = {
  has_access: { tone: 'green', label: 'Has access' },
  past_due: { tone: 'amber', label: 'Past due' },
  no_access: { tone: 'red', label: 'No access' },
  cannot_tell: { tone: 'gray', label: 'Cannot tell' },
};

type MembershipsQuery = Pick<
  UseInfiniteQueryResult<InfiniteData<MembershipPage>, Error>,
  'isPending' | 'isError' | 'error' | 'data'
>;

/**
 * The memberships as the summary may read them: while they load it can only say so (never
 * "no access"); a 403 names the permission; any other failure says it could not load them.
 * Rows the page has, even if a later refetch failed, still count.
 */
export function membershipsState(query: MembershipsQuery): MembershipsState {
  if (query.data) return query.data.pages.flatMap((page) => page.data);
  if (query.isError) {
    return query.error instanceof ApiError && query.error.code === 'upstream_forbidden' ? 'forbidden' : 'failed';
  }
  return 'loading';
}

/** Where a fact's record is on the page: the row of the memberships or payments panel. */
function rowHref(source: FactSource | { kind: 'payment'; id: string }): string | null {
  if (source.kind === 'membership') return `#membership-${source.id}`;
  if (source.kind === 'payment') return `#payment-${source.id}`;
  return null;
}

const link =
  'underline decoration-zinc-400 underline-offset-2 hover:decoration-current focus-visible:outline-2 focus-visible:outline-indigo-500 dark:decoration-zinc-500';

/**
 * Its box, the same while it checks and once it knows. The min-height is what the demo's
 * everyday answers take (Ava Chen's and Harriet Okafor's: 208 px from 640 px wide, 296-316 px
 * on a phone; measured at 360, 412, 640 and 1280 px), so what is under it stays still when the
 * answer replaces "Checking…" (on a deep link, the server's page swaps it in after a frame that
 * painted the placeholder: 40 px lower on a 412 px phone was Lighthouse's layout shift of 0.023);
 * longer answers grow.
 */
function Frame({
  busy,
  badge,
  copy,
  children,
}: {
  busy: boolean;
  badge: ReactNode;
  copy: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby="access-summary-heading"
      aria-busy={busy || undefined}
      className="min-h-80 min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:min-h-52 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex min-h-8 flex-wrap items-center justify-between gap-x-3 gap-y-2">
        {/* As tall as the row: its title stays put when the copy button comes and, on a phone, wraps below. */}
        <div className="flex min-h-8 flex-wrap items-center gap-2">
          <h2
            id="access-summary-heading"
            className="text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
          >
            Access summary
          </h2>
          {badge}
        </div>
        {copy}
      </div>
      {children}
    </section>
  );
}

/** The summary while the memberships load: says it is checking, and has no verdict. */
export function AccessSummaryPlaceholder() {
  return <AccessSummaryView summary={null} />;
}

/**
 * The summary in words, with its facts linked to their rows; `null` while it checks. One
 * component for both, so the region stays the same element when the answer arrives.
 */
export function AccessSummaryView({
  summary,
}: {
  summary: { verdict: AccessVerdict; described: DescribedAccess } | null;
}) {
  if (summary === null) {
    return (
      <Frame busy badge={<Badge tone="neutral">Checking…</Badge>} copy={null}>
        <p role="status" className="mt-2 text-base text-zinc-700 dark:text-zinc-300">
          Checking access: the memberships are loading.
        </p>
      </Frame>
    );
  }
  const { verdict, described } = summary;
  const { tone, label } = VERDICTS[verdict];
  return (
    <Frame
      busy={false}
      badge={
        <Badge tone={tone}>
          <span className="sr-only">Verdict: </span>
          {label}
        </Badge>
      }
      copy={<CopyButton variant="text" what="access summary" label="Copy summary" text={summaryText(described)} />}
    >
      <p className="mt-2 text-base font-medium wrap-anywhere">{described.sentence}</p>
      {described.facts.length > 0 && (
        <ul
          aria-label="What this rests on"
          className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-700 dark:text-zinc-300"
        >
          {described.facts.map((fact) => {
            const href = rowHref(fact.source);
            return (
              <li
                key={`${fact.source.kind}-${fact.source.id}-${fact.source.field}-${fact.text}`}
                className="min-w-0 wrap-anywhere"
              >
                {href ? (
                  <a href={href} className={link}>
                    {fact.text}
                  </a>
                ) : (
                  fact.text
                )}
              </li>
            );
          })}
        </ul>
      )}
      {described.others && (
        <p className="mt-2 text-sm text-zinc-600 wrap-anywhere dark:text-zinc-400">{described.others}</p>
      )}
      {described.risks.length > 0 && (
        <ul aria-label="Warnings" className="mt-3 flex flex-col gap-2">
          {described.risks.map((risk) => (
            <li
              key={`${risk.source.id}-${risk.text}`}
              className="rounded-md border-l-4 border-l-amber-600 bg-amber-50 px-3 py-1.5 text-sm text-amber-950 wrap-anywhere dark:border-l-amber-400 dark:bg-amber-950/60 dark:text-amber-100"
            >
              <span className="font-semibold">Warning: </span>
              <a href={rowHref(risk.source) ?? undefined} className={link}>
                {risk.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

/**
 * "Why can't this person get in?" answered at the top of the member's page, from the same
 * memberships and payments queries the panels use (no requests of its own: payments it only
 * reads, once the payments panel has them). `load` false: the page's first frame, when the
 * memberships are not asked for yet.
 */
export function AccessSummary({ member, load }: { member: Member; load: boolean }) {
  const memberships = membershipsState(
    useInfiniteQuery({ ...memberListQuery('memberships', member.id), enabled: load }),
  );
  const paymentsQuery = useInfiniteQuery({ ...memberListQuery('payments', member.id), enabled: false });
  // Payments only once the memberships are in: while they load the summary says just that,
  // the same on the server's page (which has no payments to hand) and the app's.
  const payments: Payment[] | null =
    memberships !== 'loading' && paymentsQuery.data ? paymentsQuery.data.pages.flatMap((page) => page.data) : null;
  const summary = summarizeAccess({ member, memberships, payments }, Date.now());
  return (
    <AccessSummaryView
      summary={
        summary.reason.kind === 'loading'
          ? null
          : { verdict: summary.verdict, described: describeAccess(summary, (iso) => formatDate(iso)) }
      }
    />
  );
}
