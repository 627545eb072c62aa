/**
 * Issue 28's call count: one simulated hour of a support desk replayed against the whole
 * server (compose.ts, in this process) on a clock of the replay's own, so an hour takes
 * seconds and every run asks the same lookups in the same order. Whop's member calls are
 * counted at the stand-in, and every answer is compared with what the stand-in holds at
 * that moment: a lookup that shows a total Whop has already changed is *stale*.
 *
 * The mix: MEMBERS members, LOOKUPS lookups over the hour at random moments, the member of
 * each drawn from a Zipf distribution (a few members, the ones with an open ticket or a shared
 * link, are opened again and again; most once or twice), and CHANGES payments at random
 * moments to members drawn the same way, each changing the member's total at the stand-in and,
 * when webhooks are on, delivered signed to the server as Whop would.
 */
import { API_REQUEST_HEADER } from '../../src/contract/auth';
import { WEBHOOK_PATH } from '../../src/contract/live';
import type { Member } from '../../src/contract/member';
import { demoMembers } from '../../src/demo-whop/fixtures';
import { startDemoWhop } from '../../src/demo-whop/server';
import { signWebhook } from '../../src/demo-whop/webhook-signer';
import { buildServer } from '../../src/server/compose';
import { parseEnv } from '../../src/server/config';

export const MIX = { members: 150, lookups: 900, changes: 40, hourMs: 60 * 60 * 1000, zipf: 1.0, seed: 28 };

/** A small seeded generator (mulberry32), so every run replays the same hour. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws 0..n-1 with P(k) ∝ 1/(k+1)^s. */
function zipf(n: number, s: number, rand: () => number): () => number {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return () => {
    const r = rand();
    const i = cumulative.findIndex((c) => r <= c);
    return i === -1 ? n - 1 : i;
  };
}

export type MixEvent = { at: number; kind: 'lookup' | 'change'; member: number };

/** The hour, in order: lookups and changes at their moments. */
export function mixEvents(mix = MIX): MixEvent[] {
  const rand = random(mix.seed);
  const pick = zipf(mix.members, mix.zipf, rand);
  const events: MixEvent[] = [
    ...Array.from({ length: mix.lookups }, () => ({
      at: rand() * mix.hourMs,
      kind: 'lookup' as const,
      member: pick(),
    })),
    ...Array.from({ length: mix.changes }, () => ({
      at: rand() * mix.hourMs,
      kind: 'change' as const,
      member: pick(),
    })),
  ];
  return events.sort((a, b) => a.at - b.at);
}

export type MixResult = { label: string; calls: number; stale: number; lookups: number; deliveries: number };

const mixMemberId = (i: number) => `mber_mix${i}`;

/**
 * Replays the hour once: the member cache's time-to-live `ttlMs`, and webhooks on (each
 * change delivered) or off (changes happen at Whop and nobody tells the server), or on with
 * every delivery lost.
 */
export async function replayMix(options: {
  label: string;
  ttlMs: number;
  /** WHOP_WEBHOOK_SECRET set (the 10-minute cache allowed). */
  webhooks: boolean;
  /** Whether Whop's deliveries arrive (false: webhooks configured, but every delivery lost). */
  deliver?: boolean;
}): Promise<MixResult> {
  const deliver = options.deliver ?? options.webhooks;
  const template = demoMembers().find((m) => m.id === 'mber_demoAvaChen')!;
  const members: Member[] = Array.from({ length: MIX.members }, (_, i) => ({
    ...template,
    id: mixMemberId(i),
    usd_total_spent: 100,
    user: { id: `user_mix${i}`, username: `mix${i}`, name: `Mix Member ${i}`, email: `mix${i}@example.com` },
  }));
  const apiKey = 'bench_live_mix';
  const secret = 'ws_bench_live_mix_secret';
  const whop = await startDemoWhop({ apiKey, extraMembers: members });
  let clock = 1_000_000;
  const parsed = parseEnv({
    WHOP_API_KEY: apiKey,
    MEMBER_CACHE_TTL_MS: String(options.ttlMs),
    RATE_LIMIT_PER_MINUTE: '0',
    WHOP_REQUESTS_PER_SECOND: '1000',
    LOG_LEVEL: 'silent',
    ...(options.webhooks && { WHOP_WEBHOOK_SECRET: secret }),
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const built = buildServer(
    { env: parsed.env, access: { kind: 'open', reason: 'demo' } },
    { upstream: { apiKey, baseURL: whop.baseURL }, spa: null, now: () => clock, companyId: null },
  );
  const totals = members.map(() => 100);
  const memberCalls = () => whop.requests.filter((r) => r.path.includes('/members/mber_mix')).length;
  let stale = 0;
  let deliveries = 0;
  try {
    for (const event of mixEvents()) {
      clock = 1_000_000 + event.at;
      const id = mixMemberId(event.member);
      if (event.kind === 'change') {
        totals[event.member]! += 25;
        whop.updateMember(id, { usd_total_spent: totals[event.member]! });
        if (!deliver) continue;
        const body = JSON.stringify({
          id: `evt_mix${deliveries}`,
          api_version: 'v1',
          type: 'payment.succeeded',
          timestamp: new Date().toISOString(),
          data: { id: `pay_mix${deliveries}`, member: { id, phone: null }, user: { id: `user_mix${event.member}` } },
        });
        deliveries += 1;
        const res = await built.app.request(WEBHOOK_PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signWebhook(secret, body) },
          body,
        });
        if (res.status >= 300) throw new Error(`bench: the webhook answered ${res.status}: ${await res.text()}`);
        // The server acts after answering: let it drop the member before the next lookup.
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const res = await built.app.request(`/api/members/${id}`, {
        headers: { [API_REQUEST_HEADER.name]: API_REQUEST_HEADER.value },
      });
      if (res.status !== 200) throw new Error(`bench: a lookup answered ${res.status}`);
      const member = (await res.json()) as Member;
      if (member.usd_total_spent !== totals[event.member]) stale += 1;
    }
    return { label: options.label, calls: memberCalls(), stale, lookups: MIX.lookups, deliveries };
  } finally {
    await built.close();
    await whop.close();
  }
}
