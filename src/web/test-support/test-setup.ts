import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach } from 'vitest';
import { NO_FRAME_FALLBACK_MS } from '../lib/after-paint';

afterEach(() => cleanup());

// Work a test left to afterPaint (the search box's warm-up on focus is fire-and-forget and
// outlives the box on purpose) runs by its fallback timer at the latest. Waiting that long
// lets it run while jsdom is still here; otherwise, on a loaded machine, the timer can fire
// after the environment's teardown took requestAnimationFrame away, and vitest reports an
// uncaught ReferenceError against whichever file ran last (CI failed once on this).
afterAll(() => new Promise((resolve) => setTimeout(resolve, NO_FRAME_FALLBACK_MS + 50)));
