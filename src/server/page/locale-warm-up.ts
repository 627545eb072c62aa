import { createHash } from 'node:crypto';

/** The worker that loads the locale's data (public/locale-warm-up.js, at the root of the build). */
export const LOCALE_WORKER_PATH = '/locale-warm-up.js';

/**
 * The first Intl formatter a tab builds loads its locale's data: 40-100 ms in this machine's
 * Chromium, more on a slow phone. On a member's page the first render builds its formatters
 * (dates, money, "Updated 2s ago"), so that load used to sit inside the first render, after
 * the app's code had arrived. This script, inline at the end of the page's body, has the
 * data loaded while the browser is still waiting for the code and the member's answer, so the
 * render finds it there (docs/decisions/0023). It starts a worker that builds the page's
 * formatters: ICU keeps the data for the whole renderer process, and on the page's own thread
 * the load was one long task (about 400 ms under Lighthouse's 4x slowdown; decision 0023). It waits
 * for the frame after the next one, so the worker does not take a core from the first paint.
 *
 * Only the member page gets it: `/` needs no formatter before a lookup, and warms them when
 * idle (src/web/lib/format/warm-formatters.ts). A member page the server streams with its member
 * has it done by its code's loader instead, once the member is painted (after-paint.ts).
 */
export const LOCALE_WARM_UP_SCRIPT = `requestAnimationFrame(function(){setTimeout(function(){try{new Worker(${JSON.stringify(LOCALE_WORKER_PATH)})}catch(e){}})})`;

/** The CSP source that lets exactly this script run, and no other inline script. */
export const LOCALE_WARM_UP_SOURCE = `'sha256-${createHash('sha256').update(LOCALE_WARM_UP_SCRIPT).digest('base64')}'`;

/** The app shell with the warm-up script as the body's last element. */
export function withLocaleWarmUp(html: string): string {
  return html.replace('</body>', `  <script>${LOCALE_WARM_UP_SCRIPT}</script>\n  </body>`);
}
