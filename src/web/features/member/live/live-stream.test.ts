import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSource, latest } from '../../../test-support/fake-event-source';
import { openLiveStream, RECONNECT_MAX_MS, reconnectDelay } from './live-stream';

const create = (url: string) => new FakeSource(url);

afterEach(() => {
  FakeSource.all = [];
  vi.useRealTimers();
});

const handlers = () => ({ onReady: vi.fn(), onChange: vi.fn(), onDown: vi.fn() });

describe('reconnectDelay', () => {
  it('doubles from 1 s up to 30 s, spread ±25%', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => reconnectDelay(n, 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(reconnectDelay(0, 0)).toBe(750);
    expect(reconnectDelay(20, 0.999_999)).toBeLessThanOrEqual(RECONNECT_MAX_MS * 1.25);
  });
});

describe('openLiveStream', () => {
  it('says ready, passes on the changes the contract knows, and ignores the rest', () => {
    const h = handlers();
    openLiveStream('/api/members/mber_1/live', h, { create });
    expect(latest().url).toBe('/api/members/mber_1/live');
    latest().send('ready', { now: '2026-12-05T10:00:00.000Z', changed_at: null, extra: 'ignored' });
    expect(h.onReady).toHaveBeenCalledWith(false, { now: '2026-12-05T10:00:00.000Z', changed_at: null });
    latest().send('change', { type: 'payment.succeeded', at: '2026-12-05T10:00:00Z' });
    latest().send('change', { type: 'payment.someday', at: '2026-12-05T10:00:00Z' });
    latest().listeners.get('change')?.(new MessageEvent('change', { data: 'not json' }));
    expect(h.onChange).toHaveBeenCalledTimes(1);
    expect(h.onChange).toHaveBeenCalledWith({ type: 'payment.succeeded', at: '2026-12-05T10:00:00Z' });
  });

  it('reconnects after a drop with backoff, which a ready resets, and says ready "again"', () => {
    vi.useFakeTimers();
    const h = handlers();
    openLiveStream('/live', h, { create, random: () => 0.5 });
    latest().send('ready', {});
    const first = latest();
    first.fail();
    expect(first.closed).toBe(true);
    expect(h.onDown).toHaveBeenLastCalledWith(1000);
    vi.advanceTimersByTime(999);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSource.all).toHaveLength(2);
    latest().fail();
    expect(h.onDown).toHaveBeenLastCalledWith(2000);
    vi.advanceTimersByTime(2000);
    latest().fail();
    expect(h.onDown).toHaveBeenLastCalledWith(4000);
    vi.advanceTimersByTime(4000);
    latest().send('ready', { now: 'not a time', changed_at: '2026-12-05T10:00:00.000Z' });
    expect(h.onReady).toHaveBeenLastCalledWith(true, { now: '', changed_at: '2026-12-05T10:00:00.000Z' });
    latest().fail();
    expect(h.onDown).toHaveBeenLastCalledWith(1000);
    // A dropped source's late events are not heard.
    first.send('change', { type: 'payment.succeeded', at: '2026-12-05T10:00:00Z' });
    expect(h.onChange).not.toHaveBeenCalled();
  });

  it('closes for good: the source, and a reconnect that was waiting', () => {
    vi.useFakeTimers();
    const h = handlers();
    const close = openLiveStream('/live', h, { create });
    latest().fail();
    close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSource.all).toHaveLength(1);
    const again = openLiveStream('/live', h, { create });
    close();
    again();
    expect(latest().closed).toBe(true);
  });
});
