import { afterEach, describe, expect, it, vi } from 'vitest';
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

afterEach(() => vi.useRealTimers());

describe('whenFirstPageLoaded', () => {
  it('resolves at once when the first page needs no loading', async () => {
    vi.useFakeTimers();
    let done = false;
    void whenFirstPageLoaded(fakeRouter(true), undefined, 60).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('resolves when the first page has loaded, before the wait is over, and stops listening', async () => {
    vi.useFakeTimers();
    const router = fakeRouter(false);
    let done = false;
    void whenFirstPageLoaded(router, undefined, 60).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(20);
    expect(done).toBe(false);
    router.load();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(router.listeners.size).toBe(0);
  });

  it('ignores router updates that are not the first load', async () => {
    vi.useFakeTimers();
    const router = fakeRouter(false);
    let done = false;
    void whenFirstPageLoaded(router, undefined, 60).then(() => (done = true));
    for (const fn of router.listeners) fn({ initialized: false });
    await vi.advanceTimersByTimeAsync(59);
    expect(done).toBe(false);
  });

  it('gives up waiting after the given time (Whop is slow: the skeleton shows) and stops listening', async () => {
    vi.useFakeTimers();
    const router = fakeRouter(false);
    let done = false;
    void whenFirstPageLoaded(router, undefined, 60).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(59);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(router.listeners.size).toBe(0);
  });

  it('waits 60 ms by default', async () => {
    vi.useFakeTimers();
    let done = false;
    void whenFirstPageLoaded(fakeRouter(false)).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(59);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("counts the wait from when the page's code is in, not from the start", async () => {
    vi.useFakeTimers();
    let arrive = () => {};
    const code = new Promise<void>((resolve) => (arrive = resolve));
    let done = false;
    void whenFirstPageLoaded(fakeRouter(false), code, 60).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toBe(false);
    arrive();
    await vi.advanceTimersByTimeAsync(59);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('counts a failed download of the code as arrived: the router then shows its error', async () => {
    vi.useFakeTimers();
    let done = false;
    void whenFirstPageLoaded(fakeRouter(false), Promise.reject(new Error('offline')), 60).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(59);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('renders by the longest wait however slowly the code arrives, and stops listening', async () => {
    vi.useFakeTimers();
    const router = fakeRouter(false);
    let done = false;
    void whenFirstPageLoaded(router, new Promise(() => {}), 60).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(FIRST_RENDER_MAX_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(router.listeners.size).toBe(0);
    expect(FIRST_RENDER_MAX_MS).toBe(1000);
  });
});
