import { streamSSE } from 'hono/streaming';
import { API_ROUTES } from '../../contract/api-paths';
import { LIVE_EVENTS, type LiveChange, type LiveReady } from '../../contract/live';
import { parseMemberIdParam } from '../../contract/member-id';
import { problems } from '../../contract/problem';
import { factory } from '../app-env';
import { sendProblem } from '../http/send-problem';
import type { LiveHub } from './live-hub';
import { isUserId } from './webhook-events';

/** A comment this often keeps nginx (proxy_read_timeout 1h on the stream, 15 s elsewhere) and browsers from dropping an idle stream. */
export const KEEP_ALIVE_MS = 15_000;
/** Streams one instance holds open at most; past it, 503 busy (the page retries later). */
export const MAX_STREAMS = 2_000;
/** How long one stream lasts: then the page reconnects, through the sign-in gate (a session that ended hears no more). */
export const MAX_LIFETIME_MS = 5 * 60 * 1000;

export type LiveStreams = {
  routes: ReturnType<typeof factory.createApp>;
  /** Streams open on this instance. */
  open(): number;
  /** Ends every open stream and refuses new ones (a stop: the pages reconnect, to another instance). */
  endAll(): void;
  /** Ends every open stream, taking new ones: the pages reconnect and catch up (changes this instance missed). */
  reconnectAll(): void;
};

/**
 * GET /members/:id/live: Server-Sent Events for one member's open page (behind the /api gate;
 * not counted by the rate limit, as it asks Whop nothing: app.ts). `ready` once subscribed, then a `change` (a
 * LiveChange: type and time, nothing of the delivery) for each change naming the member, or
 * the user given as `?user=user_…` (anything else there is ignored). With `hub` null
 * (WHOP_WEBHOOK_SECRET unset) the route answers 404 saying live updates are off.
 */
export function liveStreams(deps: {
  hub: LiveHub | null;
  keepAliveMs?: number | undefined;
  maxStreams?: number | undefined;
  maxLifetimeMs?: number | undefined;
}): LiveStreams {
  const routes = factory.createApp();
  const keepAliveMs = deps.keepAliveMs ?? KEEP_ALIVE_MS;
  const maxStreams = deps.maxStreams ?? MAX_STREAMS;
  const maxLifetimeMs = deps.maxLifetimeMs ?? MAX_LIFETIME_MS;
  const enders = new Set<() => void>();
  /** Once the instance stops, a page that reconnects here is told to go elsewhere (503) rather than held. */
  let stopped = false;

  routes.get(API_ROUTES.memberLive, (c) => {
    const { hub } = deps;
    if (!hub) return sendProblem(c, problems.liveOff());
    const parsed = parseMemberIdParam(c.req.param('id'));
    if (!parsed.ok) return sendProblem(c, problems.invalidMemberId(parsed.message));
    if (stopped) return sendProblem(c, problems.busy(1));
    if (enders.size >= maxStreams) return sendProblem(c, problems.busy(5));
    const user = c.req.query('user');
    const keys = { member: parsed.id, user: isUserId(user) ? user : null };

    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let end: () => void = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      enders.add(end);
      stream.onAbort(end);
      const send = (change: LiveChange) => {
        stream.writeSSE({ event: LIVE_EVENTS.change, data: JSON.stringify(change) }).catch(end);
      };
      const unsubscribe = hub.subscribe(keys, send);
      const keepAlive = setInterval(() => {
        stream.write(': keep-alive\n\n').catch(end);
      }, keepAliveMs);
      // A stream is not for ever: the page reconnects through the sign-in gate, so one whose
      // session ended (signed out, expired, no longer an admin) stops hearing changes.
      const lifetime = setTimeout(end, maxLifetimeMs);
      try {
        // Subscribed first, then asked: a change in between is both sent and counted, never neither.
        const ready: LiveReady = { now: new Date().toISOString(), changed_at: await hub.lastChange(keys) };
        await stream.writeSSE({ event: LIVE_EVENTS.ready, data: JSON.stringify(ready) });
        await ended;
      } finally {
        clearInterval(keepAlive);
        clearTimeout(lifetime);
        unsubscribe();
        enders.delete(end);
      }
    });
  });

  return {
    routes,
    open: () => enders.size,
    reconnectAll: () => {
      for (const end of [...enders]) end();
    },
    endAll: () => {
      stopped = true;
      for (const end of [...enders]) end();
    },
  };
}
