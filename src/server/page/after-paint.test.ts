// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AFTER_PAINT_DATA_ID, AFTER_PAINT_SCRIPT, withCodeAfterPaint } from './after-paint';
import { LOCALE_WARM_UP_SCRIPT, withLocaleWarmUp } from './locale-warm-up';

const SHELL = `<!doctype html>
<html lang="en">
  <head>
    <title>Member lookup</title>
    <script type="module" crossorigin src="/assets/index-e1.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-s9.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

describe('withCodeAfterPaint', () => {
  it("drops the entry's script tag and ends the body with the list of the code, entry first, and its loader", () => {
    const html = withCodeAfterPaint(SHELL, [
      '/assets/member-route-a1.js',
      '/assets/index-e1.js',
      '/assets/panels-p1.js',
    ]);
    expect(html).not.toContain('<script type="module"');
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/index-s9.css">');
    expect(html).toContain(
      `<script type="application/json" id="${AFTER_PAINT_DATA_ID}">["/assets/index-e1.js","/assets/member-route-a1.js","/assets/panels-p1.js"]</script><script>${AFTER_PAINT_SCRIPT}</script>\n  </body>`,
    );
  });

  it("drops the member page's locale warm-up: the loader warms the locale up after the paint", () => {
    const html = withCodeAfterPaint(withLocaleWarmUp(SHELL), []);
    expect(html).not.toContain(LOCALE_WARM_UP_SCRIPT);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it.each([
    ['a path outside /assets', '/api/members/mber_x'],
    ['a quote', '/assets/a".js'],
    ['an angle bracket', '/assets/a</script>.js'],
    ['another origin', 'https://evil.example/assets/a.js'],
  ])("lists only the build's own files: not %s", (_, href) => {
    expect(withCodeAfterPaint(SHELL, [href])).toContain(`>["/assets/index-e1.js"]</script>`);
  });

  it.each([
    ['no entry script', SHELL.replace(/<script type="module"[^\n]*\n/, '')],
    ['no body to end', SHELL.replace('</body>', '')],
  ])('leaves a shell with %s as it is', (_, shell) => {
    expect(withCodeAfterPaint(shell, ['/assets/a.js'])).toBe(shell);
  });
});

type Loaded = { modules: string[]; preloads: string[] };
/** What the loader asked its PerformanceObserver to observe. */
let observed: unknown[] = [];
/** The workers the loader started (its locale warm-up), by URL. */
let workers: string[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
});
afterEach(() => {
  observed = [];
  workers = [];
  vi.clearAllTimers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.head.replaceChildren();
  document.body.replaceChildren();
});

/** Puts the page in jsdom's document, runs its loader, and reads what it put in the head `ms` later (on fake timers). */
async function load(body: string, opts: { elementTiming?: (report: () => void) => void; ms: number }): Promise<Loaded> {
  const html = withCodeAfterPaint(SHELL.replace('<div id="root"></div>', `<div id="root">${body}</div>`), [
    '/assets/member-route-a1.js',
    '/assets/panels-p1.js',
  ]);
  const page = new DOMParser().parseFromString(html, 'text/html');
  document.head.replaceChildren(...page.head.childNodes);
  document.body.replaceChildren(...page.body.childNodes);
  const report = opts.elementTiming;
  // Element Timing as Chromium has it: the observer hears of the heading's paint when `report` says so.
  // Without `elementTiming`, a browser without it (as jsdom is).
  vi.stubGlobal(
    'PerformanceObserver',
    report
      ? class {
          static supportedEntryTypes = ['element', 'paint'];
          constructor(private readonly callback: (list: unknown, o: unknown) => void) {}
          observe(options: unknown) {
            observed.push(options);
            report(() => this.callback({ getEntries: () => [{ identifier: 'member-name' }] }, this));
          }
          disconnect() {}
        }
      : undefined,
  );
  vi.stubGlobal(
    'Worker',
    class {
      constructor(url: string) {
        workers.push(url);
      }
    },
  );
  // The script as the page runs it: its text, in the page's global scope.
  new Function(AFTER_PAINT_SCRIPT)();
  await vi.advanceTimersByTimeAsync(opts.ms);
  return read();
}

function read(): Loaded {
  return {
    modules: [...document.head.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src') ?? ''),
    preloads: [...document.head.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href') ?? ''),
  };
}

const ALL: Loaded = {
  modules: ['/assets/index-e1.js'],
  preloads: ['/assets/member-route-a1.js', '/assets/panels-p1.js'],
};
const NOTHING: Loaded = { modules: [], preloads: [] };
const NAME = '<h1 id="member-name" elementtiming="member-name">Ava Chen</h1>';

describe("the first-paint page's loader", () => {
  it('loads the code once Element Timing reports the name painted, and only once', async () => {
    let paint: () => void = () => {};
    expect(await load(NAME, { elementTiming: (report) => (paint = report), ms: 50 })).toEqual(NOTHING);
    // Buffered: the name is usually painted before the loader, the body's last element, runs.
    expect(observed).toEqual([{ type: 'element', buffered: true }]);
    expect(workers).toEqual([]);
    paint();
    expect(read()).toEqual(ALL);
    // The locale warm-up's worker, once the code is on its way.
    expect(workers).toEqual(['/locale-warm-up.js']);
    paint();
    // Past the 500 ms fallback too: still one entry script.
    await vi.advanceTimersByTimeAsync(600);
    expect(read()).toEqual(ALL);
  });

  it('waits for the paint: nothing while the name is not on screen', async () => {
    expect(await load(NAME, { elementTiming: () => {}, ms: 499 })).toEqual(NOTHING);
  });

  it('loads it after 500 ms when the paint is never reported (the name below the screen)', async () => {
    expect(await load(NAME, { elementTiming: () => {}, ms: 500 })).toEqual(ALL);
  });

  it('loads it after the next frame where the browser has no Element Timing, or the page no member', async () => {
    expect(await load(NAME, { ms: 50 })).toEqual(ALL);
    vi.clearAllTimers();
    document.head.replaceChildren();
    expect(await load('', { elementTiming: () => {}, ms: 50 })).toEqual(ALL);
  });

  it('loads it at once in a tab opened in the background, where nothing is painted', async () => {
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      expect(await load(NAME, { elementTiming: () => {}, ms: 0 })).toEqual(ALL);
    } finally {
      visibility.mockRestore();
    }
  });
});
