/** How long the first render waits for the first page's loader before showing its skeleton instead. */
export const FIRST_RENDER_WAIT_MS = 60;

type Initializable = {
  state: { initialized: boolean };
  subscribe(fn: (state: { initialized: boolean }) => void): () => void;
};

/**
 * Resolves once the router has loaded the first page (its lazy code and its loader), or
 * after `ms`, whichever is first. A deep link's member answer is preloaded beside the app's
 * code (routes/spa.ts), so it is usually in by the time the app runs: rendering after it
 * paints the member in one pass, instead of the skeleton first and the member a render and a
 * layout later. When Whop is slow the skeleton still shows, `ms` late at most.
 */
export function whenFirstPageLoaded(router: Initializable, ms = FIRST_RENDER_WAIT_MS): Promise<void> {
  let unsubscribe = () => {};
  return new Promise<void>((resolve) => {
    if (router.state.initialized) return resolve();
    unsubscribe = router.subscribe((state) => state.initialized && resolve());
    // A timer left over after the first page loaded finds the promise settled: a no-op.
    setTimeout(resolve, ms);
  }).finally(() => unsubscribe());
}
