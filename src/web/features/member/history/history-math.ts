import type { Payment } from '../../../../contract/payment';
import type { TokenTransaction } from '../../../../contract/token-transaction';

/** Payments whose money went back to the buyer through a dispute or the resolution center. */
const LOST = new Set(['dispute_lost', 'resolution_lost']);

/** A payment's amount in USD: Whop's own equivalent, or the total of a USD payment. */
export function usdOf(payment: Payment): number | null {
  if (payment.usd_total !== null) return payment.usd_total;
  return payment.currency.toLowerCase() === 'usd' ? payment.total : null;
}

/**
 * What the listed payments brought in, in USD: paid payments less what was refunded (at
 * the payment's own rate) and less lost disputes. `unconverted` counts paid payments
 * without a USD figure, left out of the sum.
 */
export function netPaidUsd(payments: readonly Payment[]): { usd: number; counted: number; unconverted: number } {
  let cents = 0;
  let counted = 0;
  let unconverted = 0;
  for (const p of payments) {
    if (p.status !== 'paid' || LOST.has(p.substatus)) continue;
    const usd = usdOf(p);
    if (usd === null) {
      unconverted += 1;
      continue;
    }
    const refunded = p.refunded_amount && p.total ? (p.refunded_amount * usd) / p.total : 0;
    cents += Math.round(usd * 100) - Math.round(refunded * 100);
    counted += 1;
  }
  return { usd: cents / 100, counted, unconverted };
}

/** The change a transaction made to the balance; null when Whop's record does not say which way (transfers). */
export function signedAmount(t: TokenTransaction): number | null {
  if (t.transaction_type === 'add') return t.amount;
  if (t.transaction_type === 'subtract') return -t.amount;
  return null;
}

/**
 * Each transaction with the balance right after it, worked back from the member's current
 * balance (newest first). A transfer's direction is not in Whop's record, so past one
 * the balance can no longer be derived: from there on it is null.
 */
export function withRunningBalance(
  rows: readonly TokenTransaction[],
  currentBalance: number,
): Array<{ transaction: TokenTransaction; balanceAfter: number | null }> {
  // In hundredths, so 98,765,432.1 − 1,234,567.9 stays exact.
  let running: number | null = Math.round(currentBalance * 100);
  return rows.map((transaction) => {
    const balanceAfter = running === null ? null : running / 100;
    const change = signedAmount(transaction);
    running = running === null || change === null ? null : running - Math.round(change * 100);
    return { transaction, balanceAfter };
  });
}
