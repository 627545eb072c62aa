import { describe, expect, it } from 'vitest';
import { createLimiter, LimiterFullError, runOrBusy } from './limiter';

/** A task that runs until the test ends it; `started` says whether the limiter let it start. */
function gate() {
  let end: (value: string) => void = () => {};
  let fail: (err: Error) => void = () => {};
  const g = {
    started: false,
    task: () => {
      g.started = true;
      return new Promise<string>((resolve, reject) => {
        end = resolve;
        fail = reject;
      });
    },
    end: (value = 'done') => end(value),
    fail: (err: Error) => fail(err),
  };
  return g;
}

/** Lets every promise already settled run its continuations. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('runs at most `max` tasks at once; the next waits for a slot and starts when one frees', async () => {
    const limiter = createLimiter(2, 5);
    const [a, b, c] = [gate(), gate(), gate()];
    const ran = [a, b, c].map((g) => limiter.run(g.task));
    await settle();
    expect([a.started, b.started, c.started]).toEqual([true, true, false]);
    a.end('a');
    await settle();
    expect(c.started).toBe(true);
    b.end('b');
    c.end('c');
    expect(await Promise.all(ran)).toEqual(['a', 'b', 'c']);
  });

  it('a slot handed to a waiting task stays taken: the cap holds after the hand-over', async () => {
    const limiter = createLimiter(1, 5);
    const [a, b, c] = [gate(), gate(), gate()];
    const ranA = limiter.run(a.task);
    const ranB = limiter.run(b.task);
    a.end();
    await ranA;
    await settle();
    expect(b.started).toBe(true);
    const ranC = limiter.run(c.task);
    await settle();
    expect(c.started).toBe(false);
    b.end();
    await ranB;
    await settle();
    expect(c.started).toBe(true);
    c.end();
    await ranC;
  });

  it('refuses at once with LimiterFullError when the slots and the queue are full', async () => {
    const limiter = createLimiter(1, 1);
    const [a, b, c] = [gate(), gate(), gate()];
    const ranA = limiter.run(a.task);
    const ranB = limiter.run(b.task);
    await expect(limiter.run(c.task)).rejects.toBeInstanceOf(LimiterFullError);
    expect(c.started).toBe(false);
    a.end();
    await settle();
    b.end();
    await Promise.all([ranA, ranB]);
  });

  it('a task that fails frees its slot, and its error reaches the caller', async () => {
    const limiter = createLimiter(1, 1);
    const [a, b] = [gate(), gate()];
    const ranA = limiter.run(a.task);
    const ranB = limiter.run(b.task);
    a.fail(new Error('upstream broke'));
    await expect(ranA).rejects.toThrow('upstream broke');
    await settle();
    expect(b.started).toBe(true);
    b.end();
    await ranB;
  });
});

describe('runOrBusy', () => {
  it('answers busy() when the queue is full, without starting the task', async () => {
    const limiter = createLimiter(1, 0);
    const [a, b] = [gate(), gate()];
    const ranA = runOrBusy(limiter, a.task, () => 'busy');
    expect(await runOrBusy(limiter, b.task, () => 'busy')).toBe('busy');
    expect(b.started).toBe(false);
    a.end('a');
    expect(await ranA).toBe('a');
  });

  it("passes a task's own failure on rather than calling it busy", async () => {
    const limiter = createLimiter(1, 0);
    const failing = runOrBusy(
      limiter,
      () => Promise.reject(new TypeError('a bug')),
      () => 'busy',
    );
    await expect(failing).rejects.toThrow(TypeError);
  });
});
