import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './webhook-signer';

describe('signWebhook', () => {
  it("signs the spec's example as the spec's own library does", () => {
    // The spec's example key: whsec_ and the base64 of the key's bytes.
    const key = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    const [id, seconds, body] = ['msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'] as const;
    const headers = signWebhook(key, body, { id, timestampSeconds: seconds });
    const reference = new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').sign(id, new Date(seconds * 1000), body);
    expect(headers).toEqual({ 'webhook-id': id, 'webhook-timestamp': String(seconds), 'webhook-signature': reference });
  });

  it('is verified by the library the SDK uses when the SDK is given the secret base64-encoded', () => {
    const secret = 'ws_0123456789abcdef-ünïcode';
    const body = JSON.stringify({ type: 'payment.succeeded' });
    const headers = signWebhook(secret, body);
    const verifier = new Webhook(Buffer.from(secret, 'utf8').toString('base64'));
    expect(verifier.verify(body, headers)).toEqual({ type: 'payment.succeeded' });
    expect(() => new Webhook(Buffer.from('another', 'utf8').toString('base64')).verify(body, headers)).toThrow();
  });
});
