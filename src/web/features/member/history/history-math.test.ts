import { describe, expect, it } from 'vitest';
import { testPayment } from '../../../../contract/test-records';
import type { TokenTransaction } from '../../../../contract/token-transaction';
import { netPaidUsd, withRunningBalance } from './history-math';

const pay = testPayment;
const tx = (transaction_type: string, amount: number): TokenTransaction => ({
  id: `cttx_${transaction_type}${amount}`,
  amount,
  created_at: '2026-01-01T00:00:00Z',
  description: null,
  transaction_type,
  linked_transaction_id: null,
  member: { id: 'mber_a' },
  user: { id: 'user_a' },
});

describe('netPaidUsd', () => {
  it('sums paid payments less refunds, at each payment’s own rate, and leaves out lost disputes', () => {
    const result = netPaidUsd([
      pay({}),
      pay({ substatus: 'partially_refunded', refunded_amount: 19 }),
      pay({ substatus: 'refunded', refunded_amount: 49 }),
      pay({ currency: 'eur', total: 45, usd_total: 48.6, refunded_amount: 4.5 }),
      pay({ substatus: 'dispute_lost' }),
      pay({ substatus: 'resolution_lost' }),
      pay({ status: 'open', substatus: 'failed' }),
      pay({ status: 'pending', substatus: 'pending' }),
    ]);
    expect(result).toEqual({ usd: 122.74, counted: 4, unconverted: 0 });
  });

  it('counts a foreign payment without a USD figure apart, and adds cents exactly', () => {
    expect(netPaidUsd([pay({ currency: 'eur', usd_total: null, total: 10 })])).toEqual({
      usd: 0,
      counted: 0,
      unconverted: 1,
    });
    expect(netPaidUsd([pay({ usd_total: 0.1 }), pay({ usd_total: 0.2 })]).usd).toBe(0.3);
  });
});

describe('withRunningBalance', () => {
  it('works back from the current balance, newest first, exactly', () => {
    const rows = withRunningBalance([tx('subtract', 1_234_567.9), tx('add', 50_000_000)], 98_765_432.1);
    expect(rows.map((r) => r.balanceAfter)).toEqual([98_765_432.1, 100_000_000]);
  });

  it('stops at a transfer, whose direction Whop does not record, and at a type it does not know', () => {
    expect(
      withRunningBalance([tx('add', 5), tx('transfer', 25), tx('add', 200)], 250).map((r) => r.balanceAfter),
    ).toEqual([250, 245, null]);
    expect(withRunningBalance([tx('bonus', 5), tx('add', 1)], 10).map((r) => r.balanceAfter)).toEqual([10, null]);
  });
});
