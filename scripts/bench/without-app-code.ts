import { AFTER_PAINT_SCRIPT } from '../../src/server/page/after-paint';
import { FIRST_PAINT_END_ID } from '../../src/server/page/first-paint';
import { startPageFront } from './page-front';

/** The loader of the app's code on a first-paint page (src/server/page/after-paint.ts), as the page carries it. */
const LOADER_TAG = `<script>${AFTER_PAINT_SCRIPT}</script>`;
/** What ends the member's markup on a page the server painted (first-paint.ts). */
const MEMBER_END = `id="${FIRST_PAINT_END_ID}"`;

/** `stripped`: member pages served without their loader that came with their member (a page without one has the loader too). */
export type WithoutAppCode = { baseURL: string; stripped: () => number; close: () => Promise<void> };

/**
 * A front for our server that serves its member pages without the loader of the app's code: the
 * server's first paint as the browser gets it, and nothing of ours runs after it (the early theme
 * and the history swap, inline, still do). What Lighthouse scores then is the browser's own work
 * on the page: the floor under the app's. Every other request passes through (page-front.ts). The
 * page is read whole before it is sent on, so it arrives at once when the server has finished it
 * rather than in the server's pieces.
 */
export async function startWithoutAppCode(upstream: string): Promise<WithoutAppCode> {
  let stripped = 0;
  const front = await startPageFront(upstream, (html, res) => {
    if (!html.includes(LOADER_TAG)) return void res.end(html);
    if (html.includes(MEMBER_END)) stripped += 1;
    res.end(html.replace(LOADER_TAG, ''));
  });
  return { ...front, stripped: () => stripped };
}
