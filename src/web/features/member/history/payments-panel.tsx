import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { Member } from '../../../../contract/member';
import type { Payment, PaymentPage } from '../../../../contract/payment';
import { formatDate, formatDateTime } from '../../../lib/format/dates';
import { humanize } from '../../../lib/format/labels';
import { formatMoney, formatUsd } from '../../../lib/format/money';
import { netPaidUsd, usdOf } from './history-math';
import { Detail, Panel, panelState, ShowMore } from './history-panel';
import { PaymentStatusBadge, paymentStyle } from './payment-status';

const attentionRow = {
  dispute: 'border-l-4 border-l-rose-600 bg-rose-50/70 pl-3 dark:border-l-rose-400 dark:bg-rose-950/30',
  failed: 'border-l-4 border-l-amber-600 bg-amber-50/70 pl-3 dark:border-l-amber-400 dark:bg-amber-950/30',
} as const;

const CARD_BRANDS: Record<string, string> = { amex: 'Amex', jcb: 'JCB', mastercard: 'Mastercard', visa: 'Visa' };

function paidWith(p: Payment): string | null {
  if (p.card_last4)
    return `${p.card_brand ? (CARD_BRANDS[p.card_brand] ?? humanize(p.card_brand)) : 'Card'} ···· ${p.card_last4}`;
  if (p.payment_method_type) return p.payment_method_type === 'paypal' ? 'PayPal' : humanize(p.payment_method_type);
  return null;
}

function PaymentRow({ payment: p }: { payment: Payment }) {
  const { attention } = paymentStyle(p);
  const usd = usdOf(p);
  const foreign = p.currency.toLowerCase() !== 'usd';
  const method = paidWith(p);
  return (
    // The access summary links its facts and warnings here (`#payment-<id>`).
    <li
      id={`payment-${p.id}`}
      data-attention={attention ?? undefined}
      className={`scroll-mt-4 py-3 first:pt-0 last:pb-0 target:outline-2 target:outline-offset-2 target:outline-indigo-500 ${attention ? `${attentionRow[attention]} rounded-r-md first:pt-3 last:pb-3` : ''}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="text-base font-semibold tabular-nums wrap-anywhere">
          {attention && <span className="sr-only">Needs attention: </span>}
          {p.total === null ? 'Amount not given' : formatMoney(p.total, p.currency)}
        </h3>
        <PaymentStatusBadge payment={p} />
        <time dateTime={p.created_at} title={p.created_at} className="text-sm text-zinc-600 dark:text-zinc-400">
          {formatDateTime(p.created_at)}
        </time>
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 min-[480px]:grid-cols-2 md:grid-cols-4">
        {foreign && <Detail label="In USD">{usd === null ? 'Not converted' : formatUsd(usd)}</Detail>}
        <Detail label="Product">{p.product?.title ?? 'None'}</Detail>
        <Detail label="Plan">
          <span className="font-mono">{p.plan?.id ?? 'None'}</span>
        </Detail>
        <Detail label="Paid with">{method ?? 'Not recorded'}</Detail>
        {p.refunded_amount !== null && p.refunded_amount > 0 && (
          <Detail label="Refunded">
            {formatMoney(p.refunded_amount, p.currency)}
            {p.refunded_at && (
              <>
                {' on '}
                <time dateTime={p.refunded_at}>{formatDate(p.refunded_at)}</time>
              </>
            )}
          </Detail>
        )}
        {p.dispute_alerted_at && (
          <Detail label="Dispute alerted">
            <time dateTime={p.dispute_alerted_at}>{formatDate(p.dispute_alerted_at)}</time>
          </Detail>
        )}
        {p.failure_message && (
          <Detail wide label="Why it failed">
            {p.failure_message}
          </Detail>
        )}
        <Detail label="Payment id">
          <span className="font-mono">{p.id}</span>
        </Detail>
      </dl>
    </li>
  );
}

function Totals({ payments, member, more }: { payments: Payment[]; member: Member; more: boolean }) {
  const net = netPaidUsd(payments);
  return (
    <dl className="mb-4 grid grid-cols-[repeat(auto-fit,minmax(min(100%,13rem),1fr))] gap-3">
      <div className="min-w-0 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-950/60">
        <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Listed payments, net of refunds{more ? ' (so far)' : ''}
        </dt>
        <dd className="text-lg font-semibold tabular-nums wrap-anywhere">{formatUsd(net.usd)}</dd>
        <dd className="text-xs text-zinc-600 dark:text-zinc-400">
          {net.counted} paid {net.counted === 1 ? 'payment' : 'payments'}, less refunds and lost disputes
          {net.unconverted > 0 ? `; ${net.unconverted} without a USD figure left out` : ''}
        </dd>
      </div>
      <div className="min-w-0 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-950/60">
        <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Total spent, as Whop counts it</dt>
        <dd className="text-lg font-semibold tabular-nums wrap-anywhere">{formatUsd(member.usd_total_spent)}</dd>
      </div>
    </dl>
  );
}

export type PaymentsQuery = UseInfiniteQueryResult<InfiniteData<PaymentPage>, Error>;

/**
 * The member's payments, newest first, 10 at a time; fails on its own. The page owns the
 * query (member-list-query.ts) so this chunk carries no TanStack Query code of its own.
 */
export function PaymentsPanel({ member, query }: { member: Member; query: PaymentsQuery }) {
  const state = query.data ? null : panelState(query, 'payments');
  if (state) {
    return (
      <Panel id="payments" title="Payments" busy={query.isPending}>
        {state}
      </Panel>
    );
  }
  const payments = query.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <Panel id="payments" title="Payments">
      {payments.length === 0 && !query.hasNextPage ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {member.user
            ? 'No payments from this member in this company.'
            : 'This member has no Whop user, so there are no payments to show.'}
        </p>
      ) : (
        <>
          <Totals payments={payments} member={member} more={query.hasNextPage} />
          <ul aria-label="Payments, newest first" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {payments.map((p) => (
              <PaymentRow key={p.id} payment={p} />
            ))}
          </ul>
        </>
      )}
      <ShowMore query={query} label="Show more payments" />
    </Panel>
  );
}
