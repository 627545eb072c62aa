import { useEffect, useState } from 'react';

/** A background tab gets no frames; past this the page renders the rest without one. */
const NO_FRAME_FALLBACK_MS = 200;

/**
 * False on the first render, true once the browser has painted it: the next frame, then a
 * task after it (requestAnimationFrame runs just before the paint). The member page draws
 * the member first and its panels a frame later, so what a manager looks for is on screen
 * without waiting for memberships, payments or token history to render.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    const fallback = setTimeout(() => setPainted(true), NO_FRAME_FALLBACK_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, []);
  return painted;
}
