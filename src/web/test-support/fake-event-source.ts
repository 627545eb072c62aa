// A stand-in for the browser's EventSource in the live page's tests (features/member/live/): the
// test says what the server sends, or that the connection failed. The real one is in e2e.
import type { EventSourceLike } from '../features/member/live/live-stream';

export class FakeSource implements EventSourceLike {
  /** Every source made, oldest first; tests empty it after each test. */
  static all: FakeSource[] = [];
  listeners = new Map<string, (event: MessageEvent) => void>();
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
  }
  /** The server sends `event: <type>` with `data` as JSON. */
  send(type: string, data: unknown) {
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  /** The connection failed or dropped. */
  fail() {
    this.onerror?.(new Event('error'));
  }
}

/** The source made last. */
export const latest = (): FakeSource => {
  const source = FakeSource.all.at(-1);
  if (!source) throw new Error('no EventSource was made');
  return source;
};
