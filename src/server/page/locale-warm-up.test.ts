import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCALE_WARM_UP_SCRIPT, LOCALE_WARM_UP_SOURCE, LOCALE_WORKER_PATH, withLocaleWarmUp } from './locale-warm-up';

describe('the locale warm-up script', () => {
  it('is allowed by the hash of its exact text, so a changed script is refused until the policy changes with it', () => {
    const digest = createHash('sha256').update(LOCALE_WARM_UP_SCRIPT).digest('base64');
    expect(LOCALE_WARM_UP_SOURCE).toBe(`'sha256-${digest}'`);
    expect(LOCALE_WARM_UP_SOURCE).not.toBe(
      `'sha256-${createHash('sha256').update(`${LOCALE_WARM_UP_SCRIPT};`).digest('base64')}'`,
    );
  });

  it('starts the locale worker and does nothing else (no page data, no globals), after the next frame', () => {
    expect(LOCALE_WARM_UP_SCRIPT).toBe(
      `requestAnimationFrame(function(){setTimeout(function(){try{new Worker("${LOCALE_WORKER_PATH}")}catch(e){}})})`,
    );
    const calls: string[] = [];
    const frame = (fn: () => void) => {
      calls.push('frame');
      fn();
    };
    const later = (fn: () => void) => {
      calls.push('task');
      fn();
    };
    class Worker {
      constructor(url: string) {
        calls.push(`worker ${url}`);
      }
    }
    expect(() =>
      new Function('requestAnimationFrame', 'setTimeout', 'Worker', LOCALE_WARM_UP_SCRIPT)(frame, later, Worker),
    ).not.toThrow();
    expect(calls).toEqual(['frame', 'task', 'worker /locale-warm-up.js']);
  });

  it('leaves the page alone where a worker cannot start (no Worker, or refused)', () => {
    const run = (worker: unknown) =>
      new Function('requestAnimationFrame', 'setTimeout', 'Worker', LOCALE_WARM_UP_SCRIPT)(
        (fn: () => void) => fn(),
        (fn: () => void) => fn(),
        worker,
      );
    expect(() => run(undefined)).not.toThrow();
    expect(() =>
      run(
        class {
          constructor() {
            throw new DOMException('refused', 'SecurityError');
          }
        },
      ),
    ).not.toThrow();
  });

  it('goes last in the body, after the root the app renders into', () => {
    const html =
      '<html><head><script type="module" src="/assets/a.js"></script></head><body><div id="root"></div></body></html>';
    expect(withLocaleWarmUp(html)).toBe(
      `<html><head><script type="module" src="/assets/a.js"></script></head><body><div id="root"></div>  <script>${LOCALE_WARM_UP_SCRIPT}</script>\n  </body></html>`,
    );
  });
});
