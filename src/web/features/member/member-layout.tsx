import type { ReactNode } from 'react';
import type { Member } from '../../../contract/member';
import { CopyButton } from '../../lib/ui/copy-button';
import { AccessSummary, AccessSummaryPlaceholder } from './access/access-summary-panel';
import { Freshness } from './detail/freshness';
import { MemberDetail } from './detail/member-detail';
import { MembershipsPanel } from './memberships/memberships-panel';
import { TimelinePlaceholder } from './timeline/timeline-placeholder';

/**
 * The payments and token history panels as they look while they load, for the frame before
 * they render and while their code arrives: the same markup (history-panels.test.tsx checks),
 * so the cards under them do not move when the real ones take over.
 */
export function HistoryPlaceholder() {
  const frame = (id: string, title: string, what: string) => (
    <section
      aria-labelledby={`${id}-heading`}
      aria-busy
      className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id={`${id}-heading`}
        className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        {title}
      </h2>
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading {what}…
      </p>
    </section>
  );
  return (
    <>
      {frame('payments', 'Payments', 'payments')}
      {frame('token-history', 'Token history', 'token transactions')}
    </>
  );
}

export type MemberLayoutProps = {
  member: Member;
  /** When the member's answer came in (TanStack Query's dataUpdatedAt). */
  updatedAt: number;
  refreshing: boolean;
  refreshError: string | null;
  onRefresh: () => void;
  /**
   * "Live", the last change and (demo) its simulation, beside the freshness line. Its slot's size
   * comes from styles.css, from the first frame (the server's page too), whether live pages are
   * on: so nothing moves when it fills in.
   */
  live?: ReactNode;
  /** The page's own address, for "Copy link". */
  link: string;
  /** False in the first frame: the panels ask for nothing yet (and show that they load, unless `cardOnly`). */
  panels: boolean;
  /** Payments and token history (or their placeholder), under the memberships. */
  history: ReactNode;
  /**
   * The timeline, under the history panels; its placeholder when not given, as on the server's
   * first paint, so the app's page over it starts the same (docs/decisions/0030).
   */
  timeline?: ReactNode;
  /**
   * The member's summary card alone (who they are, where they stand, the figures), without
   * what goes under it: the app's first frame after a lookup, so that frame lays out and paints
   * only that, and the rest comes below it in the next without moving it. Never over the
   * server's page, which the app's first render must match.
   */
  cardOnly?: boolean;
  /**
   * Wraps the summary and the memberships panel: the server's first paint puts each in a slot of
   * its own (app/first-paint.tsx), which the memberships fill in when Whop has them in time.
   */
  inSlot?: (part: 'summary' | 'memberships', node: ReactNode) => ReactNode;
};

const asIs = (_: 'summary' | 'memberships', node: ReactNode) => node;

/**
 * The member's page as it looks, in the order of the question "can this person get in, and
 * why?": the access summary, freshness and "Copy link", the member card's figures, memberships,
 * payments and token history, the timeline, then contact, identifiers and dates.
 * The app renders it (member-page.tsx), and so does the server for a deep link's first paint
 * (first-paint.tsx), from the same props, so the page does not change when the app takes over.
 */
export function MemberLayout({
  member,
  updatedAt,
  refreshing,
  refreshError,
  onRefresh,
  live,
  link,
  panels,
  history,
  timeline = <TimelinePlaceholder />,
  cardOnly = false,
  inSlot = asIs,
}: MemberLayoutProps) {
  return (
    <div className="flex flex-col gap-4">
      {/* In the first frame too, at its full height: the card under it does not move when it fills in. */}
      {inSlot('summary', cardOnly ? <AccessSummaryPlaceholder /> : <AccessSummary member={member} load={panels} />)}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Freshness updatedAt={updatedAt} refreshing={refreshing} refreshError={refreshError} onRefresh={onRefresh} />
        <div data-live-slot="">{live}</div>
        <CopyButton variant="text" what="link to this member" label="Copy link" text={link} />
      </div>
      <MemberDetail member={member} summaryOnly={cardOnly}>
        {inSlot('memberships', <MembershipsPanel member={member} load={panels} />)}
        {history}
        {timeline}
      </MemberDetail>
    </div>
  );
}
