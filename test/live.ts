import { LIVE_EVENT_TYPES, type LiveEventType, WEBHOOK_PATH } from '../src/contract/live';
import { z } from '../src/contract/zod';
import { signWebhook } from '../src/demo-whop/webhook-signer';

/** What a page is told of a change (contract/live.ts's LiveChange), checked strictly: a type the contract knows, an ISO time, nothing more. */
export const LiveChangeSchema = z.strictObject({
  type: z.enum(Object.keys(LIVE_EVENT_TYPES) as [LiveEventType, ...LiveEventType[]]),
  at: z.iso.datetime(),
});

/** The webhook secret the live tests configure, as Whop would show it. */
export const WEBHOOK_SECRET = 'ws_live-tests-secret-as-whop-shows-it';

export const AVA = {
  member: 'mber_demoAvaChen',
  user: 'user_demoAva',
  email: 'ava.chen@example.com',
  name: 'Ava Chen',
};

/** A payment's data as Whop sends it, naming Ava (and carrying her email and name, which must go no further). */
export const avaPayment = () => ({
  id: 'pay_test1',
  member: { id: AVA.member, phone: '+14155550142' },
  user: { id: AVA.user, email: AVA.email, name: AVA.name, username: 'avachen' },
});

export type Delivery = { body: string; headers: Record<string, string> };

/** A delivery as Whop sends it, signed with `secret` (WEBHOOK_SECRET unless told). */
export function delivery(
  type: string,
  data: unknown,
  options: { secret?: string; id?: string; timestampSeconds?: number } = {},
): Delivery {
  const body = JSON.stringify({ id: `evt_${type.replaceAll('.', '_')}`, api_version: 'v1', type, data });
  const headers = signWebhook(options.secret ?? WEBHOOK_SECRET, body, options);
  return { body, headers: { ...headers, 'content-type': 'application/json' } };
}

/** The request that POSTs `d` to the webhook path (for app.request or fetch). */
export const webhookRequest = (d: Delivery): [string, RequestInit] => [
  WEBHOOK_PATH,
  { method: 'POST', headers: d.headers, body: d.body },
];

export type SseItem = { event: string; data: string } | { comment: string };

/**
 * Reads a Server-Sent Events answer as it arrives: `next()` gives the next event or comment
 * (waiting up to `ms`), `close()` cancels the body, as a browser leaving the page would.
 */
export function sseReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const items: SseItem[] = [];
  const parse = () => {
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      if (lines.every((l) => l.startsWith(':'))) {
        items.push({ comment: lines.map((l) => l.slice(1).trim()).join('\n') });
        continue;
      }
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      items.push({ event, data });
    }
  };
  /** Everything the stream has sent so far, as text (leak checks). */
  let raw = '';
  // A read outlives a timed-out wait: the next wait takes it up, so no chunk is lost.
  let pending: Promise<ReadableStreamReadResult<string>> | null = null;
  return {
    raw: () => raw,
    async next(ms = 5_000): Promise<SseItem> {
      const deadline = Date.now() + ms;
      while (items.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event in time');
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no event in time')), left);
        });
        try {
          pending ??= reader.read();
          const { value, done } = await Promise.race([pending, timeout]);
          pending = null;
          if (done) throw new Error('stream ended');
          raw += value;
          buffer += value;
          parse();
        } finally {
          clearTimeout(timer);
        }
      }
      return items.shift()!;
    },
    /** The next event, skipping keep-alive comments. */
    async nextEvent(ms = 5_000): Promise<{ event: string; data: string }> {
      for (;;) {
        const item = await this.next(ms);
        if ('event' in item) return item;
      }
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
