import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenFirstPageLoaded } from './first-render';

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
    void whenFirstPageLoaded(fakeRouter(true), 60).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('resolves when the first page has loaded, before the wait is over, and stops listening', async () => {
    vi.useFakeTimers();
    const router = fakeRouter(false);
    let done = false;
    void whenFirstPageLoaded(router, 60).then(() => (done = true));
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
    void whenFirstPageLoaded(router, 60).then(() => (done = true));
    for (const fn of router.listeners) fn({ initialized: false });
    await vi.advanceTimersByTimeAsync(59);
    expect(done).toBe(false);
  });

  it('gives up waiting after the given time (Whop is slow: the skeleton shows) and stops listening', async () => {
    vi.useFakeTimers();
    const router = fakeRouter(false);
    let done = false;
    void whenFirstPageLoaded(router, 60).then(() => (done = true));
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
});
