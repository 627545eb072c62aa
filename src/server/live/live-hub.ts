import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { LIVE_EVENT_TYPES, type LiveChange, type LiveEventType } from '../../contract/live';
import { parseStored, type Redis } from '../redis';

/**
 * What one instance tells every instance of a change: whom it concerns, what happened, when.
 * Built from a verified delivery's type and ids only; the delivery's data never travels.
 */
export type LiveMessage = { members: string[]; user: string | null; type: LiveEventType; at: string };

/** What an open page listens for: its member, and optionally its user (`?user=`). */
export type LiveKeys = { member: string; user: string | null };

export interface LiveHub {
  /** Tells every instance (this one included); resolves once handed over, never rejects. */
  publish(message: LiveMessage): Promise<void>;
  /** Calls `listener` with each change matching `keys`, until the returned function is called. */
  subscribe(keys: LiveKeys, listener: (change: LiveChange) => void): () => void;
  /**
   * When the latest change naming `keys` was received (ISO 8601), within the last hour, or null:
   * a page that reconnects asks for what it shows again only if it may have missed one.
   */
  lastChange(keys: LiveKeys): Promise<string | null>;
  /** Subscriptions open on this instance (each open stream holds one). */
  subscribers(): number;
  /** Resolves once this instance hears what every instance publishes (Redis: subscribed). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const LiveMessageSchema = z.object({
  members: z.array(z.string().max(64)).max(10),
  user: z.string().max(64).nullable(),
  type: z.enum(Object.keys(LIVE_EVENT_TYPES) as [LiveEventType, ...LiveEventType[]]),
  at: z.iso.datetime(),
});

type Subscription = { keys: LiveKeys; listener: (change: LiveChange) => void };

/** How long a key's latest change is remembered: a page down longer than this asks again anyway (it reloads its data on a longer outage). */
export const LAST_CHANGE_TTL_MS = 60 * 60 * 1000;

/** The keys a message or a page's subscription is known by. */
const messageKeys = (message: LiveMessage) => [
  ...message.members.map((id) => `member:${id}`),
  ...(message.user ? [`user:${message.user}`] : []),
];
const subscriptionKeys = (keys: LiveKeys) => [`member:${keys.member}`, ...(keys.user ? [`user:${keys.user}`] : [])];
const latest = (times: ReadonlyArray<string | null | undefined>) =>
  times.reduce<string | null>((max, t) => (t && (!max || Date.parse(t) > Date.parse(max)) ? t : max), null);

/** This instance's subscriptions, handing a message to those it concerns, and each key's latest change it heard. */
function localSubscriptions(onMessage?: (message: LiveMessage) => void) {
  const subscriptions = new Set<Subscription>();
  const last = new LRUCache<string, string>({ max: 10_000, ttl: LAST_CHANGE_TTL_MS });
  return {
    lastChange: (keys: LiveKeys) => latest(subscriptionKeys(keys).map((key) => last.get(key))),
    subscribe(keys: LiveKeys, listener: Subscription['listener']) {
      const subscription = { keys, listener };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
      };
    },
    size: () => subscriptions.size,
    deliver(message: LiveMessage) {
      onMessage?.(message);
      for (const key of messageKeys(message)) {
        const before = last.get(key);
        if (!before || Date.parse(message.at) > Date.parse(before)) last.set(key, message.at);
      }
      const change: LiveChange = { type: message.type, at: message.at };
      for (const { keys, listener } of [...subscriptions]) {
        const concerned = message.members.includes(keys.member) || (!!keys.user && keys.user === message.user);
        if (concerned) listener(change);
      }
    },
  };
}

/** One process: a publish reaches this instance's pages, nothing more. */
export function createMemoryLiveHub(options: { onMessage?: (message: LiveMessage) => void } = {}): LiveHub {
  const local = localSubscriptions(options.onMessage);
  return {
    async publish(message) {
      local.deliver(message);
    },
    subscribe: local.subscribe,
    lastChange: async (keys) => local.lastChange(keys),
    subscribers: local.size,
    ready: async () => {},
    close: async () => {},
  };
}

/**
 * Every instance, through Redis pub/sub on `<REDIS_PREFIX>live:changes` (ioredis's keyPrefix
 * does not apply to channels, so the prefix is added here). Subscribing takes a connection of
 * its own (`duplicate()`): a connection in subscribe mode runs no other command. It waits for
 * Redis without a limit, subscribes once connected, and again after each reconnect.
 * A publish Redis refuses (down) reaches this instance's pages only; `onFallback` is told.
 */
export function createRedisLiveHub(
  client: Redis,
  options: {
    onFallback?: (err: unknown) => void;
    /**
     * The subscription is back after Redis was away: changes published meanwhile never reached
     * this instance. live-updates.ts ends the open streams, so their pages reconnect and compare
     * the latest change (`lastChange`) with what they heard.
     */
    onResubscribed?: () => void;
    /** Every change this instance hears, before its pages are told (live-updates.ts bumps the member's generation). */
    onMessage?: (message: LiveMessage) => void;
  } = {},
): LiveHub {
  const channel = `${client.options.keyPrefix ?? ''}live:changes`;
  const local = localSubscriptions(options.onMessage);
  // Its own connection, which waits for Redis as long as it takes: the main one's one retry and
  // command timeout would drop a SUBSCRIBE queued while Redis is slow to come up, for good.
  const subscriber = client.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
    connectionName: 'whop-member-lookup:live',
  });
  // Losing Redis is logged by the main connection (redis.ts); this one just reconnects.
  subscriber.on('error', () => {});
  subscriber.on('message', (from: string, raw: string) => {
    if (from !== channel) return;
    const message = parseStored(raw, LiveMessageSchema);
    if (message) local.deliver(message);
  });
  let resolveSubscribed: () => void = () => {};
  const subscribed = new Promise<void>((resolve) => {
    resolveSubscribed = resolve;
  });
  let everSubscribed = false;
  let lost = false;
  const subscribe = () =>
    subscriber.subscribe(channel).then(
      () => {
        everSubscribed = true;
        resolveSubscribed();
      },
      () => {},
    );
  void subscribe();
  subscriber.on('close', () => {
    if (everSubscribed) lost = true;
  });
  subscriber.on('ready', () => {
    // ioredis subscribes again by itself once it has subscribed; before that, ask again.
    if (!everSubscribed) void subscribe();
    else if (lost) {
      lost = false;
      options.onResubscribed?.();
    }
  });
  const lastKey = (key: string) => `live:last:${key}`;
  return {
    async publish(message) {
      try {
        // Each key's latest change, for a page that reconnects to any instance (kept an hour), then the message.
        const multi = client.multi();
        for (const key of messageKeys(message)) multi.set(lastKey(key), message.at, 'PX', LAST_CHANGE_TTL_MS);
        await multi.publish(channel, JSON.stringify(message)).exec();
      } catch (err) {
        local.deliver(message);
        options.onFallback?.(err);
      }
    },
    subscribe: local.subscribe,
    async lastChange(keys) {
      // What every instance wrote; Redis away, what this instance heard (every change while it was up).
      try {
        return latest([...(await client.mget(subscriptionKeys(keys).map(lastKey))), local.lastChange(keys)]);
      } catch {
        return local.lastChange(keys);
      }
    },
    subscribers: local.size,
    ready: () => subscribed,
    async close() {
      // Not connected: a QUIT would wait for Redis as long as the subscription would.
      if (subscriber.status !== 'ready') {
        subscriber.disconnect();
        return;
      }
      try {
        await subscriber.quit();
      } catch {
        subscriber.disconnect();
      }
    },
  };
}
