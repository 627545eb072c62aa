/** How long the first render waits for the first page's data, once its code is in, before showing its skeleton instead. */
export const FIRST_RENDER_WAIT_MS = 60;
/** However slowly the code arrives, the skeleton shows by then. */
export const FIRST_RENDER_MAX_MS = 1000;

type Initializable = {
  state: { initialized: boolean };
  subscribe(fn: (state: { initialized: boolean }) => void): () => void;
};

/**
 * Resolves once the router has loaded the first page (its lazy code and its loader), or `ms`
 * after the page's code (`code`) is in, or `maxMs` after the start, whichever is first. A deep
 * link's member answer is preloaded beside the app's code (src/server/page/page-routes.ts), so it is usually in
 * by the time the code has run: rendering after it paints the member in one pass, instead of
 * the skeleton first and the member a render and a layout later. The wait is counted from the
 * code's arrival because only Whop's slowness should bring the skeleton; a slow phone running
 * our code should not (under Lighthouse's 4x CPU slowdown the route's code alone took longer
 * than 60 ms, and the skeleton came first). When Whop is slow the skeleton shows `ms` late.
 */
export function whenFirstPageLoaded(
  router: Initializable,
  code: Promise<unknown> | null = Promise.resolve(),
  ms = FIRST_RENDER_WAIT_MS,
  maxMs = FIRST_RENDER_MAX_MS,
): Promise<void> {
  let unsubscribe = () => {};
  return new Promise<void>((resolve) => {
    // A failed download counts as arrived: the router shows its error. A timer left over after
    // the first page loaded finds the promise settled: a no-op.
    const wait = () => setTimeout(resolve, ms);
    if (router.state.initialized) return resolve();
    unsubscribe = router.subscribe((state) => state.initialized && resolve());
    // No code to count from (`null`): the server has painted the page (src/server/page/first-paint.ts),
    // so there is no skeleton to show early; the first render waits for the page, however long.
    if (!code) return;
    code.then(wait, wait);
    setTimeout(resolve, maxMs);
  }).finally(() => unsubscribe());
}
