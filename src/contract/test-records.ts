// Records for tests, on both sides of the contract: the contract's own tests may import nothing
// outside src/contract, and the app's tests (src/web/test-support) take them from here.
import type { Payment } from './payment';

/** A paid card payment of $49 with every other field empty; tests set what they look at. */
export function testPayment(fields: Partial<Payment> = {}): Payment {
  return {
    id: 'pay_x',
    created_at: '2026-01-01T00:00:00Z',
    paid_at: null,
    currency: 'usd',
    total: 49,
    usd_total: 49,
    refunded_amount: null,
    refunded_at: null,
    status: 'paid',
    substatus: 'succeeded',
    failure_message: null,
    last_payment_attempt: null,
    next_payment_attempt: null,
    payments_failed: null,
    dispute_alerted_at: null,
    card_brand: null,
    card_last4: null,
    payment_method_type: null,
    product: null,
    plan: null,
    membership: null,
    member: null,
    user: null,
    ...fields,
  };
}
