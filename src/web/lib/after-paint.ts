/** A background tab gets no frames; past this the work runs without one. */
export const NO_FRAME_FALLBACK_MS = 200;

/**
 * Runs `work` once the browser has painted what is on the page now: at the next frame, in a
 * task after it (requestAnimationFrame runs just before the paint), or `NO_FRAME_FALLBACK_MS`
 * later when no frame comes. Returns a cancel function. Whichever runs it cancels the other.
 */
export function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0);
  });
  const fallback = setTimeout(run, NO_FRAME_FALLBACK_MS);
  function cancel() {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(fallback);
  }
  function run() {
    cancel();
    work();
  }
  return cancel;
}
