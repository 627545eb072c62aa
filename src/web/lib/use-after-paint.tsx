import { type ReactNode, startTransition, useEffect, useState } from 'react';
import { afterPaint } from './after-paint';

/**
 * False on the first render, true once the browser has painted it (after-paint.ts). The
 * member page draws the member first and its panels a frame later, so what a manager looks
 * for is on screen without waiting for memberships, payments or token history to render.
 * What renders then renders in a transition: in 5 ms slices, not one long task.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => afterPaint(() => startTransition(() => setPainted(true))), []);
  return painted;
}

/**
 * `fallback` on the first paint, `children` from the next frame on: for lazily loaded parts
 * a page can show without (the theme switch, recent lookups), so that their downloads start
 * after the page's first paint rather than ahead of it.
 */
export function AfterPaint({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useAfterPaint() ? children : fallback;
}
