// The payments and token history panels: their own lazy chunk, loaded by the member page
// after the member card has rendered (member-page.tsx), so neither `/` nor the card waits.
// The page owns the two queries and hands them in: this chunk then shares no code with the
// member route's chunk, which keeps Rolldown from adding a namespace helper to `/`.
// It sits here rather than in history/ because the server's deep-link preloads and
// scripts/bundle-size.mjs name this path (as Vite's manifest does).
import type { Member } from '../../../contract/member';
import { PaymentsPanel, type PaymentsQuery } from './history/payments-panel';
import { TokenHistoryPanel, type TokenTransactionsQuery } from './history/token-history-panel';

export type HistoryPanelsProps = { member: Member; payments: PaymentsQuery; tokens: TokenTransactionsQuery };

export function HistoryPanels({ member, payments, tokens }: HistoryPanelsProps) {
  return (
    <>
      <PaymentsPanel member={member} query={payments} />
      <TokenHistoryPanel member={member} query={tokens} />
    </>
  );
}
