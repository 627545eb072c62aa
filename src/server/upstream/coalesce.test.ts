import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalesce';

/** A call the test answers by hand, counting how often it was made. */
function controlled() {
  const c = {
    calls: 0,
    answer: (_value: { n: number }) => {},
    fail: (_err: Error) => {},
    run: () => {
      c.calls += 1;
      return new Promise<{ n: number }>((resolve, reject) => {
        c.answer = resolve;
        c.fail = reject;
      });
    },
  };
  return c;
}

describe('createCoalescer', () => {
  it('callers of one key while its call is in flight share that call and its answer; only the first is not coalesced', async () => {
    const coalesced = createCoalescer<{ n: number }>();
    const c = controlled();
    const first = coalesced('mber_1', c.run);
    const second = coalesced('mber_1', c.run);
    const third = coalesced('mber_1', c.run);
    c.answer({ n: 7 });
    expect(await Promise.all([first, second, third])).toEqual([
      { n: 7, coalesced: false },
      { n: 7, coalesced: true },
      { n: 7, coalesced: true },
    ]);
    expect(c.calls).toBe(1);
  });

  it('different keys never share a call', async () => {
    const coalesced = createCoalescer<{ n: number }>();
    const a = controlled();
    const b = controlled();
    const first = coalesced('mber_a', a.run);
    const second = coalesced('mber_b', b.run);
    a.answer({ n: 1 });
    b.answer({ n: 2 });
    expect(await Promise.all([first, second])).toEqual([
      { n: 1, coalesced: false },
      { n: 2, coalesced: false },
    ]);
  });

  it('keeps nothing afterwards: once the call has answered, the next caller makes a new call', async () => {
    const coalesced = createCoalescer<{ n: number }>();
    const c = controlled();
    const first = coalesced('mber_1', c.run);
    c.answer({ n: 1 });
    await first;
    const again = coalesced('mber_1', c.run);
    c.answer({ n: 2 });
    expect(await again).toEqual({ n: 2, coalesced: false });
    expect(c.calls).toBe(2);
  });

  it('a call that fails fails every caller sharing it, and is released too', async () => {
    const coalesced = createCoalescer<{ n: number }>();
    const c = controlled();
    const first = coalesced('mber_1', c.run);
    const second = coalesced('mber_1', c.run);
    c.fail(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await expect(second).rejects.toThrow('boom');
    const again = coalesced('mber_1', c.run);
    c.answer({ n: 3 });
    expect(await again).toEqual({ n: 3, coalesced: false });
    expect(c.calls).toBe(2);
  });

  it('tells onJoin of each caller that joins, in the turn it asks, and not of the one that made the call', async () => {
    const joined: string[] = [];
    const coalesced = createCoalescer<{ n: number }>({ onJoin: (key) => joined.push(key) });
    const c = controlled();
    const d = controlled();
    const first = coalesced('mber_1', c.run);
    expect(joined).toEqual([]);
    const second = coalesced('mber_1', c.run);
    expect(joined).toEqual(['mber_1']);
    const other = coalesced('mber_2', d.run);
    expect(joined).toEqual(['mber_1']);
    c.answer({ n: 1 });
    d.answer({ n: 2 });
    await Promise.all([first, second, other]);
    expect(joined).toEqual(['mber_1']);
  });
});
