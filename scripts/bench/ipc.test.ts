import { describe, expect, it } from 'vitest';
import { busiestWindow } from './ipc';

describe('busiestWindow: the most calls in any one second, as the request budget counts them', () => {
  it.each([
    { arrivals: [], count: 0 },
    { arrivals: [5], count: 1 },
    // 0 and 999 share a second; 1000 is a second after 0, so not with it.
    { arrivals: [0, 999, 1000], count: 2 },
    // 200..1199 holds 200 and the four after 1150.
    { arrivals: [0, 100, 200, 1150, 1160, 1170, 1180], count: 5 },
    { arrivals: [0, 0, 0, 2000], count: 3 },
  ])('$arrivals → $count', ({ arrivals, count }) => {
    expect(busiestWindow(arrivals).count).toBe(count);
  });

  it('says where the busiest window starts', () => {
    expect(busiestWindow([0, 500, 1500, 1600, 1700]).at).toBe(1500);
  });
});
