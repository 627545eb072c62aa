import { createHmac, randomUUID } from 'node:crypto';

/** The headers of one Standard Webhooks delivery (https://www.standardwebhooks.com). */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * Signs a delivery as Whop does, by the Standard Webhooks scheme, with node:crypto alone (not
 * the SDK that verifies it, so a test signed here checks the SDK rather than agreeing with it):
 * `v1,` + base64(HMAC-SHA256(key, "<id>.<seconds>.<body>")). `secret` is the secret as Whop
 * shows it; its UTF-8 bytes are the key (bytes are taken as they are) (the SDK is given it base64-encoded: decision 0034).
 */
export function signWebhook(
  secret: string | Uint8Array,
  body: string,
  options: { id?: string; timestampSeconds?: number } = {},
): WebhookHeaders {
  const id = options.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
  const timestamp = String(options.timestampSeconds ?? Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
