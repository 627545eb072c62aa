import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, NO_FRAME_FALLBACK_MS } from './after-paint';

describe('afterPaint', () => {
  afterEach(() => vi.useRealTimers());

  it('runs the work in a task after the next frame, not in the frame itself', async () => {
    const seen: string[] = [];
    afterPaint(() => seen.push('work'));
    requestAnimationFrame(() => seen.push('frame'));
    expect(seen).toEqual([]);
    await vi.waitFor(() => expect(seen).toContain('work'));
    expect(seen).toEqual(['frame', 'work']);
  });

  it('runs once, even when the frame and the fallback both come', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const work = vi.fn();
    afterPaint(work);
    await vi.advanceTimersByTimeAsync(NO_FRAME_FALLBACK_MS * 2);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs without a frame after the fallback (a background tab gets none)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const noFrames = vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 0);
    const work = vi.fn();
    afterPaint(work);
    await vi.advanceTimersByTimeAsync(NO_FRAME_FALLBACK_MS - 1);
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(work).toHaveBeenCalledTimes(1);
    noFrames.mockRestore();
  });

  it('does nothing once cancelled', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const work = vi.fn();
    afterPaint(work)();
    await vi.advanceTimersByTimeAsync(NO_FRAME_FALLBACK_MS * 2);
    expect(work).not.toHaveBeenCalled();
  });
});
