import { AFTER_PAINT_SOURCE } from './after-paint';
import { EARLY_THEME_SOURCE } from './early-theme';
import { HISTORY_SWAP_SOURCE } from './first-paint';
import { LOCALE_WARM_UP_SOURCE } from './locale-warm-up';

/**
 * The CSP sources (`'sha256-…'`) of the page's fixed inline scripts: the locale warm-up, the
 * early theme, the first paint's history swap and its loader of the app's code (after-paint.ts).
 * The only inline code the policy allows.
 */
export const INLINE_SCRIPT_SOURCES: readonly string[] = [
  LOCALE_WARM_UP_SOURCE,
  EARLY_THEME_SOURCE,
  HISTORY_SWAP_SOURCE,
  AFTER_PAINT_SOURCE,
];
