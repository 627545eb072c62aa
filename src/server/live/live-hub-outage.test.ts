import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient, type RedisServer, startRedisServer } from '../../../test/redis-server';
import { collectLogs } from '../../../test/test-app';
import type { LiveChange } from '../../contract/live';
import { createLogger } from '../ops/logger';
import { closeRedis, createRedisClient, type Redis } from '../redis';
import { createRedisLiveHub, type LiveHub, type LiveMessage } from './live-hub';

// The Redis hub when Redis comes late or goes away for a while: a server of this file's own,
// killed and started again on the same port.

const message: LiveMessage = {
  members: ['mber_a'],
  user: null,
  type: 'payment.succeeded',
  at: new Date().toISOString(),
};
const opened: { servers: RedisServer[]; clients: Redis[]; hubs: LiveHub[] } = { servers: [], clients: [], hubs: [] };
afterEach(async () => {
  await Promise.all(opened.hubs.splice(0).map((h) => h.close()));
  await Promise.all(opened.clients.splice(0).map(closeRedis));
  await Promise.all(opened.servers.splice(0).map((s) => s.stop()));
});

async function server() {
  const s = await startRedisServer();
  opened.servers.push(s);
  return s;
}

/** A client as the dashboard opens one, not waiting for Redis to answer. */
function dashboardClient(url: string): Redis {
  const client = createRedisClient({ url, prefix: 'wml-o:', logger: createLogger('info', collectLogs().sink) });
  opened.clients.push(client);
  return client;
}

async function publisher(url: string) {
  const { client } = await connectTestClient(url, 'wml-o:');
  opened.clients.push(client);
  return createRedisLiveHub(client);
}

function listen(hub: LiveHub) {
  const heard: LiveChange[] = [];
  hub.subscribe({ member: 'mber_a', user: null }, (change) => heard.push(change));
  return heard;
}

describe('the Redis hub, Redis away', () => {
  it('subscribes once Redis comes, however late (past the main connection’s retries)', async () => {
    const redis = await server();
    await redis.kill();
    const hub = createRedisLiveHub(dashboardClient(redis.url));
    opened.hubs.push(hub);
    const heard = listen(hub);
    // Longer than a command's retries and timeout on the main connection.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await redis.restart();
    await hub.ready();
    const other = await publisher(redis.url);
    opened.hubs.push(other);
    await other.publish(message);
    await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(1);
  });

  it('says so when the subscription is back after an outage, and hears changes again', async () => {
    const redis = await server();
    let resubscribed = 0;
    const hub = createRedisLiveHub(dashboardClient(redis.url), { onResubscribed: () => resubscribed++ });
    opened.hubs.push(hub);
    await hub.ready();
    const heard = listen(hub);
    await redis.kill();
    await redis.restart();
    await expect.poll(() => resubscribed, { timeout: 10_000 }).toBe(1);
    const other = await publisher(redis.url);
    opened.hubs.push(other);
    await other.publish(message);
    await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(1);
  });
});
