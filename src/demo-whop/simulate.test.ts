import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_API_VERSIONS } from './answers';
import { DEMO_COMPANY } from './fixtures';
import { type DemoWhop, startDemoWhop } from './server';
import { SIMULATED_PAYMENT_USD } from './simulate';

const KEY = 'test_key';
const SECRET = 'ws_demo-secret-ünïcode';
const MEMBER = 'mber_demoAvaChen';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A webhook endpoint that keeps what it is sent. */
async function receiver() {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whop`, received };
}

async function standIn(url?: string) {
  const whop = await startDemoWhop({ apiKey: KEY, ...(url && { webhook: { url, secret: SECRET } }) });
  closers.push(() => whop.close());
  return whop;
}

async function get(whop: DemoWhop, path: string) {
  const res = await fetch(`${whop.baseURL}${path}`, {
    headers: { authorization: `Bearer ${KEY}`, 'api-version-date': KNOWN_API_VERSIONS[0] ?? '' },
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('simulate', () => {
  it('records a payment the lists and the total show, and delivers payment.succeeded signed', async () => {
    const hook = await receiver();
    const whop = await standIn(hook.url);
    const before = (await get(whop, `/members/${MEMBER}`)) as { usd_total_spent: number; user: { id: string } };

    const delivery = await whop.simulate({ memberId: MEMBER, type: 'payment.succeeded' });

    expect(delivery.status).toBe(200);
    const after = (await get(whop, `/members/${MEMBER}`)) as { usd_total_spent: number };
    expect(after.usd_total_spent).toBeCloseTo(before.usd_total_spent + SIMULATED_PAYMENT_USD, 2);
    const page = (await get(whop, `/payments?company_id=${DEMO_COMPANY.id}&query=${before.user.id}`)) as {
      data: Array<{ id: string; status: string }>;
    };
    expect(delivery.event.type).toBe('payment.succeeded');
    expect(page.data[0]).toMatchObject({ id: delivery.event.data.id, status: 'paid' });

    // What arrived verifies with the library Whop's SDK uses, given the secret base64-encoded.
    expect(hook.received).toHaveLength(1);
    const [sent] = hook.received;
    const verifier = new Webhook(Buffer.from(SECRET, 'utf8').toString('base64'));
    const payload = verifier.verify(sent?.body ?? '', {
      'webhook-id': String(sent?.headers['webhook-id']),
      'webhook-timestamp': String(sent?.headers['webhook-timestamp']),
      'webhook-signature': String(sent?.headers['webhook-signature']),
    }) as { id: string; type: string; data: { id: string; member: { id: string }; user: { id: string } } };
    expect(payload).toMatchObject({
      id: sent?.headers['webhook-id'],
      type: 'payment.succeeded',
      data: { id: delivery.event.data.id, member: { id: MEMBER }, user: { id: before.user.id } },
    });
  });

  it('deactivates an active membership, and says so', async () => {
    const hook = await receiver();
    const whop = await standIn(hook.url);
    const delivery = await whop.simulate({ memberId: MEMBER, type: 'membership.deactivated' });
    expect(delivery).toMatchObject({ status: 200, event: { type: 'membership.deactivated' } });
    const membership = await get(whop, `/memberships/${delivery.event.data.id}`);
    expect(membership.status).toBe('canceled');
  });

  it('sends nothing without a webhook, and refuses a member it does not serve', async () => {
    const whop = await standIn();
    await expect(whop.simulate({ memberId: MEMBER, type: 'payment.succeeded' })).resolves.toMatchObject({
      status: null,
    });
    await expect(whop.simulate({ memberId: 'mber_nobody', type: 'payment.succeeded' })).rejects.toThrow(/no member/);
  });
});
