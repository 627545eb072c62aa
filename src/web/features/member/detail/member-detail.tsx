import type { ReactNode } from 'react';
import type { Member } from '../../../../contract/member';
import { displayName } from '../../../lib/display-name';
import { formatDate, formatDateTime, formatRelative } from '../../../lib/format/dates';
import { formatTokens, formatUsd } from '../../../lib/format/money';
import { AccessLevelBadge, ActionBadge, StatusBadge } from '../../../lib/member-badges';
import { CopyButton } from '../../../lib/ui/copy-button';

/** An explicit "nothing here", never a blank or "null". */
function Missing({ children = 'Not provided' }: { children?: ReactNode }) {
  return <span className="text-zinc-500 italic dark:text-zinc-400">{children}</span>;
}

type FieldProps = { label: string; children: ReactNode; mono?: boolean; copy?: string | null };

/** A labelled value; with `copy`, a button beside it puts the value on the clipboard. */
function Field({ label, children, mono = false, copy }: FieldProps) {
  return (
    <div className="flex flex-col gap-0.5 py-2">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className={`flex min-w-0 items-center gap-2 text-sm ${mono ? 'font-mono' : ''}`}>
        <span className="min-w-0 wrap-anywhere">{children}</span>
        {copy && <CopyButton text={copy} what={label.toLowerCase()} />}
      </dd>
    </div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  const id = `card-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={id} className="mb-1 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {title}
      </h2>
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</dl>
    </section>
  );
}

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-950/60">
      <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-lg font-semibold tabular-nums wrap-anywhere">{value}</dd>
      {hint && <dd className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</dd>}
    </div>
  );
}

function Time({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={iso}>
      {formatDateTime(iso)} <span className="text-zinc-600 dark:text-zinc-400">({formatRelative(iso, now)})</span>
    </time>
  );
}

export function MemberDetail({
  member,
  now = Date.now(),
  children,
  summaryOnly = false,
}: {
  member: Member;
  now?: number;
  /** What explains the figures (memberships, payments, token history): right under them. */
  children?: ReactNode;
  /** Who the member is and the figures, nothing under them (neither `children` nor the contact, ids and dates). */
  summaryOnly?: boolean;
}) {
  const name = displayName(member);
  const initial = (member.user?.name?.trim() || member.user?.username || '?').charAt(0).toUpperCase();
  return (
    <article aria-labelledby="member-name" className="flex flex-col gap-6">
      <section className="rounded-xl border border-zinc-200 bg-white p-5 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex flex-wrap items-start gap-4">
          <div
            aria-hidden="true"
            className="grid size-14 shrink-0 place-items-center rounded-full bg-indigo-100 text-xl font-semibold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
          >
            {initial}
          </div>
          <div className="min-w-0 flex-1">
            {/* elementtiming: when the member is on screen, as the browser saw it (npm run bench reads it). */}
            <h1
              id="member-name"
              elementtiming="member-name"
              className="text-2xl font-semibold tracking-tight break-words"
            >
              {name}
            </h1>
            <p className="mt-0.5 text-zinc-600 dark:text-zinc-400">
              {member.user ? (
                <span className="break-all">@{member.user.username}</span>
              ) : (
                <Missing>No Whop user linked</Missing>
              )}
            </p>
            <fieldset className="mt-3 flex min-w-0 flex-wrap items-center gap-2" aria-label="Standing">
              <span className="sr-only">Access level:</span>
              <AccessLevelBadge value={member.access_level} />
              <span className="sr-only">Status:</span>
              <StatusBadge value={member.status} />
            </fieldset>
          </div>
        </div>
        {/* Each figure takes a column only when its widest value fits; otherwise it gets its own row. */}
        <dl className="mt-5 grid grid-cols-[repeat(auto-fit,minmax(min(100%,12.5rem),1fr))] gap-3">
          <Stat label="Total spent" value={formatUsd(member.usd_total_spent)} />
          <Stat label="Token balance" value={formatTokens(member.company_token_balance)} />
          <Stat
            label="Most recent action"
            value={
              member.most_recent_action ? (
                <ActionBadge value={member.most_recent_action} />
              ) : (
                <Missing>None yet</Missing>
              )
            }
            hint={member.most_recent_action_at ? <Time iso={member.most_recent_action_at} now={now} /> : undefined}
          />
        </dl>
      </section>

      {!summaryOnly && (
        <>
          {children}

          <div className="grid gap-6 md:grid-cols-2 lg:grid-cols-3">
            <Card title="Contact">
              <Field label="Email" copy={member.user?.email}>
                {member.user?.email ?? <Missing />}
              </Field>
              <Field label="Phone">{member.phone ?? <Missing />}</Field>
              <Field label="Username">{member.user ? member.user.username : <Missing />}</Field>
              <Field label="Name">{member.user?.name?.trim() ? member.user.name : <Missing />}</Field>
            </Card>
            <Card title="Identifiers">
              <Field label="Member id" mono copy={member.id}>
                {member.id}
              </Field>
              <Field label="User id" mono copy={member.user?.id}>
                {member.user?.id ?? <Missing />}
              </Field>
              <Field label="Company">
                {member.company.title}{' '}
                <span className="font-mono text-zinc-600 dark:text-zinc-400">/{member.company.route}</span>
              </Field>
              <Field label="Company id" mono>
                {member.company.id}
              </Field>
            </Card>
            <Card title="Dates">
              <Field label="Joined">
                <time dateTime={member.joined_at}>{formatDate(member.joined_at)}</time>
              </Field>
              <Field label="Created">
                <time dateTime={member.created_at}>{formatDateTime(member.created_at)}</time>
              </Field>
              <Field label="Updated">
                <Time iso={member.updated_at} now={now} />
              </Field>
            </Card>
          </div>
        </>
      )}
    </article>
  );
}
