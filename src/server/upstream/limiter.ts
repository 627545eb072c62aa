/**
 * At most `max` tasks run at once and at most `queue` wait; past that `run` rejects at
 * once with LimiterFullError so the caller can answer 503 instead of piling up work.
 */
export class LimiterFullError extends Error {
  constructor() {
    super('Limiter queue is full');
    this.name = 'LimiterFullError';
  }
}

export type Limiter = {
  run<T>(task: () => Promise<T>): Promise<T>;
};

export function createLimiter(max: number, queue: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) {
      active += 1;
      next();
    }
  };

  return {
    async run(task) {
      if (active >= max) {
        if (waiting.length >= queue) throw new LimiterFullError();
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        active += 1;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/**
 * Runs a task under the limiter; when the queue is full, answers with `busy()` at once
 * instead of piling up work.
 */
export async function runOrBusy<T>(limiter: Limiter, task: () => Promise<T>, busy: () => T): Promise<T> {
  try {
    return await limiter.run(task);
  } catch (err) {
    if (err instanceof LimiterFullError) return busy();
    throw err;
  }
}
