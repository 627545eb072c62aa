import { once } from 'node:events';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { connectTestClient, freePort, type RedisServer, startRedisServer } from '../../test/redis-server';
import { collectLogs } from '../../test/test-app';
import { createLogger } from './ops/logger';
import {
  closeRedis,
  createRedisClient,
  parseStored,
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
const servers: Server[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(clients.splice(0).map(closeRedis));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A TCP server on a free loopback port; `onSocket` decides what each connection gets. */
async function listen(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createServer(onSocket);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * A pass-through to the test Redis whose client-side connections can be ended as a
 * clean close (FIN, no error on the client) or as a reset (the client sees ECONNRESET).
 */
async function redisProxy() {
  const open = new Set<{ socket: Socket; upstream: Socket }>();
  const port = await listen((socket) => {
    const upstream = tcpConnect(redis.port, '127.0.0.1');
    const pair = { socket, upstream };
    open.add(pair);
    const drop = () => {
      open.delete(pair);
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    socket.pipe(upstream).pipe(socket);
  });
  const cut = (how: 'close' | 'reset') => {
    for (const { socket, upstream } of [...open]) {
      upstream.unpipe(socket);
      if (how === 'reset') socket.resetAndDestroy();
      else socket.end();
      upstream.destroy();
    }
    open.clear();
  };
  return { url: `redis://:${PASSWORD}@127.0.0.1:${port}`, cut };
}

describe('redactedRedisUrl', () => {
  it('replaces the password and keeps everything an operator needs to find the server', () => {
    expect(redactedRedisUrl('redis://app:s3cret@redis.internal:6380/2')).toBe('redis://app:***@redis.internal:6380/2');
    expect(redactedRedisUrl('rediss://:s3cret@redis.example.com')).toBe('rediss://:***@redis.example.com');
    expect(redactedRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('parseStored', () => {
  const Entry = z.object({ n: z.number() });

  it('reads a stored JSON value of the expected shape, and anything else as missing', () => {
    expect(parseStored('{"n":1}', Entry)).toEqual({ n: 1 });
    expect(parseStored(null, Entry)).toBeUndefined();
    expect(parseStored('{"n":', Entry)).toBeUndefined();
    expect(parseStored('{"n":"1"}', Entry)).toBeUndefined();
    expect(parseStored('null', Entry)).toBeUndefined();
  });
});

describe('redisAddress', () => {
  it('puts an IPv6 host in brackets, so the port stays readable', () => {
    const client = createRedisClient({
      url: 'redis://[::1]:6390',
      prefix: 'wml:',
      logger: createLogger('info', collectLogs().sink),
    });
    clients.push(client);
    expect(redisAddress(client)).toBe('[::1]:6390');
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

  it('logs each loss with the last error only when there was one, and how long Redis was away', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const proxy = await redisProxy();
    const { client, logs } = await connectTestClient(proxy.url, 'wml-log:');
    clients.push(client);
    const events = (event: string) => logs.filter((l) => l.event === event);
    expect(events('redis_connected')).toEqual([
      expect.objectContaining({
        redis: expect.stringContaining(':***@127.0.0.1:'),
        prefix: 'wml-log:',
        msg: expect.stringMatching(/connected/),
      }),
    ]);
    // Waits on events, not vi.waitFor: that one moves the faked clock on as it polls.
    const cutAndReconnect = async (how: 'close' | 'reset') => {
      const ready = new Promise((resolve) => client.once('ready', resolve));
      proxy.cut(how);
      await ready;
    };

    // A clean close: nothing went wrong on the client's side, so there is no detail to give.
    client.once('reconnecting', () => vi.setSystemTime(1_004_000));
    await cutAndReconnect('close');
    expect(events('redis_lost')[0]).not.toHaveProperty('detail');
    expect(events('redis_lost')[0]!.msg).toMatch(/lost/);
    expect(events('redis_restored')[0]).toMatchObject({ down_ms: 4_000, msg: expect.stringMatching(/restored/) });

    // A reset: the error the client saw is the detail.
    await cutAndReconnect('reset');
    expect(events('redis_lost')[1]).toMatchObject({ detail: expect.stringContaining('ECONNRESET') });

    // Clean again: the error from the loss before is not carried over.
    await cutAndReconnect('close');
    expect(events('redis_restored')).toHaveLength(3);
    expect(events('redis_lost')[2]).not.toHaveProperty('detail');
    expect(events('redis_connected')).toHaveLength(1);
  }, 60_000);

  it('names its connection, so an operator can find it in CLIENT LIST', async () => {
    const { client } = await connectTestClient(redis.url, 'wml:');
    clients.push(client);
    expect(await client.client('GETNAME')).toBe('whop-member-lookup');
  });

  it('refuses a command before even retrying the connection, rather than queueing it', async () => {
    const port = await freePort();
    const client = createRedisClient({
      url: `redis://127.0.0.1:${port}`,
      prefix: 'wml:',
      logger: createLogger('info', collectLogs().sink),
    });
    clients.push(client);
    const first = await Promise.race([
      client.get('k').then(
        () => 'answered',
        () => 'refused',
      ),
      once(client, 'reconnecting').then(() => 'still waiting'),
    ]);
    expect(first).toBe('refused');
  });

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

  it('answers at once for a client that is already connected, and leaves no listeners behind', async () => {
    const { client } = await connectTestClient(redis.url, 'wml:');
    clients.push(client);
    const before = [client.listenerCount('ready'), client.listenerCount('error')];
    expect(await waitForRedis(client, 50)).toEqual({ ok: true });
    expect([client.listenerCount('ready'), client.listenerCount('error')]).toEqual(before);
  });

  it('leaves no listeners behind once connected or given up', async () => {
    const { sink } = collectLogs();
    const connected = createRedisClient({ url: redis.url, prefix: 'wml:', logger: createLogger('info', sink) });
    clients.push(connected);
    const before = [connected.listenerCount('ready'), connected.listenerCount('error')];
    expect(await waitForRedis(connected, 15_000)).toEqual({ ok: true });
    expect([connected.listenerCount('ready'), connected.listenerCount('error')]).toEqual(before);

    const refused = createRedisClient({
      url: `redis://127.0.0.1:${await freePort()}`,
      prefix: 'wml:',
      logger: createLogger('info', sink),
    });
    clients.push(refused);
    const counts = [refused.listenerCount('ready'), refused.listenerCount('error')];
    expect((await waitForRedis(refused, 200)).ok).toBe(false);
    expect([refused.listenerCount('ready'), refused.listenerCount('error')]).toEqual(counts);
  });

  it('says "no answer" when the server accepts the connection but never replies', async () => {
    const silent: Socket[] = [];
    const port = await listen((socket) => silent.push(socket));
    const client = createRedisClient({
      url: `redis://127.0.0.1:${port}`,
      prefix: 'wml:',
      logger: createLogger('info', collectLogs().sink),
    });
    clients.push(client);
    // Shorter than the command timeout (500 ms): no error has come yet.
    expect(await waitForRedis(client, 200)).toEqual({ ok: false, reason: 'no answer' });
    await closeRedis(client);
    for (const socket of silent) socket.destroy();
  });

  it('closes a connected client, and one that cannot reach Redis stops retrying', async () => {
    const { client } = await connectTestClient(redis.url, 'wml:');
    clients.push(client);
    await closeRedis(client);
    await vi.waitFor(() => expect(client.status).toBe('end'), { timeout: 5_000, interval: 20 });
    await expect(closeRedis(client)).resolves.toBeUndefined();

    const unreachable = createRedisClient({
      url: `redis://127.0.0.1:${await freePort()}`,
      prefix: 'wml:',
      logger: createLogger('info', collectLogs().sink),
    });
    clients.push(unreachable);
    await closeRedis(unreachable);
    await vi.waitFor(() => expect(unreachable.status).toBe('end'), { timeout: 5_000, interval: 20 });
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
