import { randomUUID } from 'node:crypto';
import type { Membership, Payment } from '@whop/sdk/resources/shared';
import type { MembershipDeactivatedWebhookEvent, PaymentSucceededWebhookEvent } from '@whop/sdk/resources/webhooks';
import { DEMO_COMPANY, DEMO_PRODUCTS, type DemoMember, type DemoMembership } from './fixtures';
import type { DemoPayment } from './history-fixtures';
import { signWebhook, type WebhookHeaders } from './webhook-signer';

/** What the stand-in can make happen, and deliver as Whop's webhook of the same name. */
export type SimulateType = 'payment.succeeded' | 'membership.deactivated';
export type SimulatedEvent = PaymentSucceededWebhookEvent | MembershipDeactivatedWebhookEvent;

/** One delivery as sent: the event, its signed headers, and what the webhook endpoint answered. */
export type Delivery = {
  event: SimulatedEvent;
  body: string;
  headers: WebhookHeaders;
  /** The endpoint's status; null when nothing was sent (no webhook configured) or it could not be reached. */
  status: number | null;
};

/** The amount a simulated payment charges, in USD. */
export const SIMULATED_PAYMENT_USD = 25;

const ids = () => randomUUID().replaceAll('-', '').slice(0, 16);

/**
 * A new paid payment for `member` on its first membership (or none), as `GET /payments` lists
 * it: every field the SDK's list item has, written out so a new one is a type error here.
 */
export function simulatedPayment(member: DemoMember, membership: DemoMembership | undefined, at: number): DemoPayment {
  const iso = new Date(at).toISOString();
  const product = membership ? membership.product : { ...DEMO_PRODUCTS.pro, metadata: null };
  const id = `pay_sim${ids()}`;
  return {
    id,
    amount_after_fees: Math.round(SIMULATED_PAYMENT_USD * 0.95 * 100) / 100,
    application_fee: null,
    auto_refunded: false,
    billing_address: null,
    billing_reason: 'subscription_cycle',
    card_brand: 'visa',
    card_last4: '4242',
    checkout_configuration_id: null,
    company: { id: DEMO_COMPANY.id, title: DEMO_COMPANY.title, route: DEMO_COMPANY.route },
    created_at: iso,
    currency: 'usd',
    dispute_alerted_at: null,
    failure_message: null,
    last_payment_attempt: iso,
    member: { id: member.id, phone: member.phone },
    membership: membership ? { id: membership.id, phone_number: null, status: 'active' } : null,
    metadata: null,
    next_payment_attempt: null,
    paid_at: iso,
    payment_method: {
      id: `payt_${id.slice(4)}`,
      card: { brand: 'visa', exp_month: 4, exp_year: 29, last4: '4242' },
      created_at: iso,
      payment_method_type: 'card',
    },
    payment_method_type: 'card',
    payments_failed: 0,
    plan: { id: membership?.plan.id ?? 'plan_demoSimulated', internal_notes: null, metadata: null },
    product: { id: product.id, title: product.title, route: 'simulated', metadata: null },
    promo_code: null,
    refundable: true,
    refunded_amount: null,
    refunded_at: null,
    retryable: false,
    settlement_currency: 'usd',
    shipping_address: null,
    status: 'paid',
    substatus: 'succeeded',
    subtotal: SIMULATED_PAYMENT_USD,
    tax_amount: null,
    tax_behavior: null,
    total: SIMULATED_PAYMENT_USD,
    updated_at: iso,
    usd_total: SIMULATED_PAYMENT_USD,
    user: member.user,
    voidable: false,
  } satisfies DemoPayment;
}

/** The payment as a webhook carries it (`Shared.Payment`): the listed record, plus what only the full record has. */
export function webhookPayment(payment: DemoPayment): Payment {
  if (payment.substatus !== 'succeeded') throw new Error(`a simulated payment succeeds, not ${payment.substatus}`);
  return {
    ...payment,
    substatus: 'succeeded',
    disputes: [],
    financing_installments_count: 0,
    financing_transactions: [],
    refunds: [],
    resolutions: [],
    risk_score: null,
    risk_signals: {},
    settlement_amount: payment.total ?? SIMULATED_PAYMENT_USD,
    settlement_exchange_rate: 1,
    tax_refunded_amount: null,
    three_ds_verified: false,
  };
}

/** The membership as a webhook carries it (`Shared.Membership`): a deactivated one's status is documented. */
export function webhookMembership(membership: DemoMembership & { status: 'canceled' }): Membership {
  return { ...membership, status: membership.status };
}

/** A webhook event of `type` for `data`, as Whop sends it. */
export function webhookEvent(
  delivery: { type: 'payment.succeeded'; data: Payment } | { type: 'membership.deactivated'; data: Membership },
  at: number,
): SimulatedEvent {
  const common = {
    id: `msg_${ids()}`,
    api_version: 'v1',
    timestamp: new Date(at).toISOString(),
    company_id: DEMO_COMPANY.id,
  } as const;
  return delivery.type === 'payment.succeeded'
    ? ({ ...common, type: delivery.type, data: delivery.data } satisfies PaymentSucceededWebhookEvent)
    : ({ ...common, type: delivery.type, data: delivery.data } satisfies MembershipDeactivatedWebhookEvent);
}

/** Signs `event` (Standard Webhooks, `secret` as Whop shows it) and POSTs it to `url`. */
export async function deliver(event: SimulatedEvent, webhook: { url: string; secret: string } | undefined) {
  const body = JSON.stringify(event);
  const headers = signWebhook(webhook?.secret ?? '', body, { id: event.id });
  let status: number | null = null;
  if (webhook) {
    try {
      const answer = await fetch(webhook.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(5_000),
      });
      await answer.body?.cancel();
      status = answer.status;
    } catch {
      status = null;
    }
  }
  return { event, body, headers, status } satisfies Delivery;
}
