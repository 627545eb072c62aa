import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { Member } from '../../../../contract/member';
import type {
  KnownTokenTransactionType,
  TokenTransaction,
  TokenTransactionPage,
} from '../../../../contract/token-transaction';
import { formatDateTime } from '../../../lib/format/dates';
import { humanize } from '../../../lib/format/labels';
import { formatTokens } from '../../../lib/format/money';
import { Badge, type BadgeTone } from '../../../lib/ui/badge';
import { signedAmount, withRunningBalance } from './history-math';
import { Detail, Panel, panelState, ShowMore } from './history-panel';

const TYPES: Record<KnownTokenTransactionType, { tone: BadgeTone; label: string }> = {
  add: { tone: 'green', label: 'Added' },
  subtract: { tone: 'amber', label: 'Subtracted' },
  transfer: { tone: 'blue', label: 'Transfer' },
};

function TypeBadge({ value }: { value: string }) {
  if (Object.hasOwn(TYPES, value)) {
    const type = TYPES[value as KnownTokenTransactionType];
    return <Badge tone={type.tone}>{type.label}</Badge>;
  }
  return (
    <Badge tone="neutral" title={`Type not known to this dashboard: ${value}`}>
      {humanize(value)}
    </Badge>
  );
}

/** `+100`, `−50`; a transfer's direction is not in Whop's record, so it is shown unsigned. */
function Amount({ t }: { t: TokenTransaction }) {
  const change = signedAmount(t);
  if (change === null) return <>{formatTokens(t.amount)}</>;
  return <>{change < 0 ? `−${formatTokens(-change)}` : `+${formatTokens(change)}`}</>;
}

function TokenRow({ t, balanceAfter }: { t: TokenTransaction; balanceAfter: number | null }) {
  return (
    <li className="py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="text-base font-semibold tabular-nums wrap-anywhere">
          <Amount t={t} /> <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">tokens</span>
        </h3>
        <TypeBadge value={t.transaction_type} />
        <time dateTime={t.created_at} title={t.created_at} className="text-sm text-zinc-600 dark:text-zinc-400">
          {formatDateTime(t.created_at)}
        </time>
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 min-[480px]:grid-cols-2 md:grid-cols-4">
        <Detail wide label="Description">
          {t.description ?? <span className="text-zinc-600 italic dark:text-zinc-400">No description</span>}
        </Detail>
        <Detail label="Balance after">
          {balanceAfter === null ? (
            <span className="text-zinc-600 italic dark:text-zinc-400">Not known (a later transfer)</span>
          ) : (
            <span className="tabular-nums">{formatTokens(balanceAfter)}</span>
          )}
        </Detail>
        {t.transaction_type === 'transfer' && (
          <Detail label="Direction">
            <span className="text-zinc-600 italic dark:text-zinc-400">Not recorded by Whop</span>
          </Detail>
        )}
      </dl>
    </li>
  );
}

export type TokenTransactionsQuery = UseInfiniteQueryResult<InfiniteData<TokenTransactionPage>, Error>;

/** The member's token transactions, newest first, with the balance after each where it can be worked out. */
export function TokenHistoryPanel({ member, query }: { member: Member; query: TokenTransactionsQuery }) {
  const state = query.data ? null : panelState(query, 'token transactions');
  if (state) {
    return (
      <Panel id="token-history" title="Token history" busy={query.isPending}>
        {state}
      </Panel>
    );
  }
  const rows = withRunningBalance(query.data?.pages.flatMap((page) => page.data) ?? [], member.company_token_balance);
  return (
    <Panel id="token-history" title="Token history">
      {rows.length === 0 && !query.hasNextPage ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {member.user
            ? 'No token transactions for this member in this company.'
            : 'This member has no Whop user, so there are no token transactions to show.'}
        </p>
      ) : (
        <ul aria-label="Token transactions, newest first" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map(({ transaction, balanceAfter }) => (
            <TokenRow key={transaction.id} t={transaction} balanceAfter={balanceAfter} />
          ))}
        </ul>
      )}
      <ShowMore query={query} label="Show more token transactions" />
    </Panel>
  );
}
