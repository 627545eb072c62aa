import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_RENDER_MAX_MS, whenFirstPageLoaded } from './first-render';

function fakeRouter(initialized: boolean) {
  const listeners = new Set<(state: { initialized: boolean }) => void>();
  return {
    state: { initialized },
    subscribe(fn: (state: { initialized: boolean }) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    load() {
      this.state = { initialized: true };
      for (const fn of listeners) fn(this.state);
    },
    listeners,
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Starts the wait and tells whether it has resolved yet. */
function track(...args: Parameters<typeof whenFirstPageLoaded>) {
  const wait = { done: false };
  void whenFirstPageLoaded(...args).then(() => (wait.done = true));
  return wait;
}

describe('whenFirstPageLoaded', () => {
  it('resolves at once when the first page needs no loading', async () => {
    const wait = track(fakeRouter(true), undefined, 60);
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('resolves when the first page has loaded, before the wait is over, and stops listening', async () => {
    const router = fakeRouter(false);
    const wait = track(router, undefined, 60);
    await vi.advanceTimersByTimeAsync(20);
    expect(wait.done).toBe(false);
    router.load();
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
    expect(router.listeners.size).toBe(0);
  });

  it('ignores router updates that are not the first load', async () => {
    const router = fakeRouter(false);
    const wait = track(router, undefined, 60);
    for (const fn of router.listeners) fn({ initialized: false });
    await vi.advanceTimersByTimeAsync(59);
    expect(wait.done).toBe(false);
  });

  it('gives up waiting after the given time (Whop is slow: the skeleton shows) and stops listening', async () => {
    const router = fakeRouter(false);
    const wait = track(router, undefined, 60);
    await vi.advanceTimersByTimeAsync(59);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
    expect(router.listeners.size).toBe(0);
  });

  it('with no code to count from (the server painted the page), waits for the first page however long it takes', async () => {
    const router = fakeRouter(false);
    const wait = track(router, null, 60);
    await vi.advanceTimersByTimeAsync(FIRST_RENDER_MAX_MS * 5);
    expect(wait.done).toBe(false);
    router.load();
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
    expect(router.listeners.size).toBe(0);
  });

  it('waits 60 ms by default', async () => {
    const wait = track(fakeRouter(false));
    await vi.advanceTimersByTimeAsync(59);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
  });

  it("counts the wait from when the page's code is in, not from the start", async () => {
    let arrive = () => {};
    const code = new Promise<void>((resolve) => (arrive = resolve));
    const wait = track(fakeRouter(false), code, 60);
    await vi.advanceTimersByTimeAsync(500);
    expect(wait.done).toBe(false);
    arrive();
    await vi.advanceTimersByTimeAsync(59);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
  });

  it('counts a failed download of the code as arrived: the router then shows its error', async () => {
    const wait = track(fakeRouter(false), Promise.reject(new Error('offline')), 60);
    await vi.advanceTimersByTimeAsync(59);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
  });

  it('renders by the longest wait however slowly the code arrives, and stops listening', async () => {
    const router = fakeRouter(false);
    const wait = track(router, new Promise(() => {}), 60);
    await vi.advanceTimersByTimeAsync(FIRST_RENDER_MAX_MS - 1);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
    expect(router.listeners.size).toBe(0);
    expect(FIRST_RENDER_MAX_MS).toBe(1000);
  });
});
