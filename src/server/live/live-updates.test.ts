import { describe, expect, it } from 'vitest';
import { AVA, avaPayment, delivery, WEBHOOK_SECRET, webhookRequest } from '../../../test/live';
import { collectLogs } from '../../../test/test-app';
import { demoMembers } from '../../demo-whop/fixtures';
import { createMemoryMemberCache } from '../members/member-cache';
import { NO_COUNTS } from '../ops/counts';
import { createLogger } from '../ops/logger';
import { createLiveUpdates } from './live-updates';

const member = demoMembers(0).find((m) => m.id === AVA.member)!;

describe('createLiveUpdates', () => {
  it('drops the member again after a lookup in flight could have written its old answer back', async () => {
    const cache = createMemoryMemberCache({ max: 10 });
    const live = createLiveUpdates({
      secret: WEBHOOK_SECRET,
      cache,
      redis: null,
      logger: createLogger('silent', collectLogs().sink),
      metrics: NO_COUNTS,
      redropAfterMs: 50,
    });
    cache.set(AVA.member, { kind: 'member', member }, 60_000);
    const res = await live.webhooks!.request(...webhookRequest(delivery('payment.succeeded', avaPayment())));
    expect(res.status).toBe(202);
    await live.settled();
    expect(cache.get(AVA.member)).toBeUndefined();
    // A lookup that started before the delivery answers now, with what Whop said then.
    cache.set(AVA.member, { kind: 'member', member }, 60_000);
    await expect.poll(() => cache.get(AVA.member)).toBeUndefined();
    await live.close();
  });

  it('is off without a secret: no webhook route, no subscribers', async () => {
    const live = createLiveUpdates({
      secret: undefined,
      cache: createMemoryMemberCache({ max: 10 }),
      redis: null,
      logger: createLogger('silent', collectLogs().sink),
      metrics: NO_COUNTS,
      redropAfterMs: 50,
    });
    expect(live.on).toBe(false);
    expect(live.webhooks).toBeNull();
    expect(live.subscribers()).toBe(0);
  });
});
