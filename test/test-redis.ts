import { afterAll, afterEach, beforeAll } from 'vitest';
import { createLogger } from '../src/server/ops/logger';
import { closeRedis, createRedisClient, type Redis } from '../src/server/redis';
import { connectTestClient, freePort, type RedisServer, startRedisServer } from './redis-server';
import { collectLogs } from './test-app';

/**
 * For a test file of Redis stores: one real redis-server for the file (started before its
 * tests, stopped after), and clients made through it closed after each test.
 */
export function redisForThisFile() {
  let server: RedisServer | undefined;
  const clients: Redis[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map(closeRedis));
  });

  return {
    /** A connected client with `prefix`, as REDIS_PREFIX would give it ('' sees every key). */
    async client(prefix: string): Promise<Redis> {
      if (!server) throw new Error('redisForThisFile: client() called outside a test');
      const { client } = await connectTestClient(server.url, prefix);
      clients.push(client);
      return client;
    },
    /** A client of a port nothing listens on: Redis as it is while it cannot be reached. */
    async unreachableClient(): Promise<Redis> {
      const port = await freePort();
      const client = createRedisClient({
        url: `redis://127.0.0.1:${port}`,
        prefix: 'wml:',
        logger: createLogger('info', collectLogs().sink),
      });
      clients.push(client);
      return client;
    },
  };
}

/**
 * For a test file of dashboard instances sharing one Redis (as behind a load balancer): one real
 * redis-server for the file (`server`, which a test may kill and restart), and after each test
 * what it opened closed, newest first (it pushes onto `cleanups`), and Redis emptied, so each
 * test starts as a fresh deployment would.
 */
export function sharedRedisForThisFile() {
  let started: RedisServer | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    started = await startRedisServer();
  });
  afterAll(async () => {
    await started?.stop();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    const { client } = await connectTestClient(server().url, '');
    await client.flushall();
    await closeRedis(client);
  });
  const server = (): RedisServer => {
    if (!started) throw new Error('sharedRedisForThisFile: the server is there only inside a test');
    return started;
  };
  return { server, cleanups };
}
