import { isLiveEventType, LIVE_EVENTS, type LiveChange, type LiveReady } from '../../../../contract/live';

/** The first wait before reconnecting, doubled after each failed try up to RECONNECT_MAX_MS. */
export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

/**
 * How long to wait before the `attempt`th reconnect (0 first): 1 s, 2 s, 4 s … capped at 30 s,
 * each spread ±25% (`random` in [0, 1)) so pages dropped together do not come back together.
 */
export function reconnectDelay(attempt: number, random: number = Math.random()): number {
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt);
  return Math.round(base * (0.75 + random * 0.5));
}

/** `ready`'s data, checked by hand (as a change is, below); what is missing or malformed is null. */
function readyOf(raw: unknown): LiveReady {
  let data: Partial<Record<keyof LiveReady, unknown>> | null = null;
  try {
    data = JSON.parse(String(raw));
  } catch {
    // An older server sent no data: nothing known.
  }
  const text = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null);
  return { now: text(data?.now) ?? '', changed_at: text(data?.changed_at) };
}

/** The part of `EventSource` the stream uses: the browser's, or a test's fake. */
export type EventSourceLike = {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
  onerror: ((event: Event) => void) | null;
};
export type EventSourceFactory = (url: string) => EventSourceLike;

export type LiveStreamHandlers = {
  /**
   * The stream is subscribed; `again` after a drop. `ready` says the server's time and when the
   * latest change naming the member came (null fields when the server did not say).
   */
  onReady(again: boolean, ready: LiveReady): void;
  onChange(change: LiveChange): void;
  /** The stream dropped; it reconnects by itself after `delayMs`. */
  onDown(delayMs: number): void;
};

/**
 * Keeps one member's stream of changes open (GET /api/members/:id/live, contract/live.ts):
 * on a drop the browser's own retry is stopped and ours takes over, with backoff (a 401 or a
 * restart must not be asked again every 3 s). Returns the function that closes it for good.
 */
export function openLiveStream(
  url: string,
  handlers: LiveStreamHandlers,
  {
    create = (u) => new EventSource(u, { withCredentials: true }),
    random = Math.random,
  }: { create?: EventSourceFactory; random?: () => number } = {},
): () => void {
  let source: EventSourceLike | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let everReady = false;
  let closed = false;

  const connect = () => {
    const current = create(url);
    source = current;
    current.addEventListener(LIVE_EVENTS.ready, (event) => {
      if (closed || source !== current) return;
      failures = 0;
      handlers.onReady(everReady, readyOf(event.data));
      everReady = true;
    });
    current.addEventListener(LIVE_EVENTS.change, (event) => {
      if (closed || source !== current) return;
      let data: Partial<Record<keyof LiveChange, unknown>> | null;
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return;
      }
      // Checked by hand, not with LiveChangeSchema: zod's date-time check alone cost the idle
      // budget more than this chunk's room. A type this build does not know (a newer server)
      // is ignored, as the contract says; `at` is only ever shown, so any string will do.
      const { type, at } = data ?? {};
      if (typeof type === 'string' && isLiveEventType(type) && typeof at === 'string') handlers.onChange({ type, at });
    });
    current.onerror = () => {
      if (closed || source !== current) return;
      current.close();
      source = null;
      const delay = reconnectDelay(failures, random());
      failures += 1;
      handlers.onDown(delay);
      timer = setTimeout(connect, delay);
    };
  };

  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
    source = null;
  };
}
