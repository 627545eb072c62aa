import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger';
import { connectTestClient, freePort, type RedisServer, startRedisServer } from '../testing/redis-server';
import { collectLogs } from '../testing/test-app';
import {
  closeRedis,
  createRedisClient,
  type Redis,
  reconnectDelay,
  redactedRedisUrl,
  redisAddress,
  redisReadinessCheck,
  waitForRedis,
} from './redis';

const PASSWORD = 'hunter2-redis-password';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer({ password: PASSWORD });
});
afterAll(async () => {
  await redis?.stop();
});

const clients: Redis[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map(closeRedis));
});

describe('redactedRedisUrl', () => {
  it('replaces the password and keeps everything an operator needs to find the server', () => {
    expect(redactedRedisUrl('redis://app:s3cret@redis.internal:6380/2')).toBe('redis://app:***@redis.internal:6380/2');
    expect(redactedRedisUrl('rediss://:s3cret@redis.example.com')).toBe('rediss://:***@redis.example.com');
    expect(redactedRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('reconnectDelay', () => {
  it('doubles from 100 ms up to a 1 s cap, and never gives up', () => {
    expect([1, 2, 3, 4, 5, 6].map(reconnectDelay)).toEqual([100, 200, 400, 800, 1000, 1000]);
    // ioredis stops reconnecting when the strategy returns anything but a number.
    for (const times of [50, 1_000, 1_000_000]) expect(reconnectDelay(times)).toBe(1000);
  });
});

describe('the Redis connection', () => {
  it('logs losing the connection once and getting it back once, however many retries lie between, and never the password', async () => {
    const { client, logs } = await connectTestClient(redis.url, 'wml:');
    clients.push(client);
    expect(logs.filter((l) => l.event === 'redis_connected')).toHaveLength(1);

    let retries = 0;
    client.on('reconnecting', () => retries++);
    await redis.kill();
    await vi.waitFor(() => expect(retries).toBeGreaterThanOrEqual(3), { timeout: 15_000, interval: 20 });
    await redis.restart();
    await vi.waitFor(() => expect(client.status).toBe('ready'), { timeout: 15_000, interval: 20 });

    expect(logs.filter((l) => l.event === 'redis_lost')).toHaveLength(1);
    expect(logs.filter((l) => l.event === 'redis_restored')).toHaveLength(1);
    expect(logs.find((l) => l.event === 'redis_restored')).toMatchObject({
      redis: `redis://:***@127.0.0.1:${redis.port}`,
      down_ms: expect.any(Number),
    });
    expect(JSON.stringify(logs)).not.toContain(PASSWORD);
    // And it works again without anyone reconnecting it by hand.
    await client.set('k', 'v');
    expect(await client.get('k')).toBe('v');
  }, 60_000);

  it('refuses commands at once while disconnected instead of queueing them', async () => {
    const { client } = await connectTestClient(redis.url, 'wml:');
    clients.push(client);
    await redis.kill();
    await vi.waitFor(() => expect(client.status).not.toBe('ready'), { timeout: 15_000, interval: 20 });
    await expect(client.get('k')).rejects.toThrow();
    await redis.restart();
  }, 60_000);

  it('reports not ready, naming REDIS_URL and host:port, until Redis answers', async () => {
    const { client } = await connectTestClient(redis.url, 'wml:');
    clients.push(client);
    const check = redisReadinessCheck(client);
    expect(check()).toBeNull();
    await redis.kill();
    await vi.waitFor(() => expect(check()).toBe(`Redis (REDIS_URL, 127.0.0.1:${redis.port}) is not connected`), {
      timeout: 15_000,
      interval: 20,
    });
    await redis.restart();
    await vi.waitFor(() => expect(check()).toBeNull(), { timeout: 15_000, interval: 20 });
  }, 60_000);

  it('gives up waiting after the bound, with the last connection error', async () => {
    const { sink } = collectLogs();
    const port = await freePort();
    const client = createRedisClient({
      url: `redis://:${PASSWORD}@127.0.0.1:${port}`,
      prefix: 'wml:',
      logger: createLogger('info', sink),
    });
    clients.push(client);
    const result = await waitForRedis(client, 500);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('ECONNREFUSED') });
    expect(redisAddress(client)).toBe(`127.0.0.1:${port}`);
  });

  it('refuses a wrong password with a message that does not repeat it', async () => {
    const { sink } = collectLogs();
    const client = createRedisClient({
      url: `redis://:not-the-password@127.0.0.1:${redis.port}`,
      prefix: 'wml:',
      logger: createLogger('info', sink),
    });
    clients.push(client);
    const result = await waitForRedis(client, 2_000);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/WRONGPASS|invalid/i);
      expect(result.reason).not.toContain('not-the-password');
    }
  });
});
