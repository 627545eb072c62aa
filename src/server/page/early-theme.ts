import { createHash } from 'node:crypto';
import { THEME_STORAGE_KEY } from '../../contract/theme';

/**
 * The theme on `<html>` before anything is painted, as src/web/lib/theme/theme.ts applies it: the
 * reader's choice, else the system's. A deep link's page shows the member before the app's
 * code runs (first-paint.ts), so without this a dark-mode reader would see it light first.
 * Inline in the member page's head, allowed by its hash in the CSP (security-headers.ts).
 */
export const EARLY_THEME_SCRIPT = `(function(){var t=null;try{t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})}catch(e){}document.documentElement.classList.toggle('dark',t==='dark'||(t!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches))})()`;

/** The CSP source that lets exactly this script run. */
export const EARLY_THEME_SOURCE = `'sha256-${createHash('sha256').update(EARLY_THEME_SCRIPT).digest('base64')}'`;

/**
 * The shell with the script in its head, before the first script or stylesheet: an inline
 * script after a stylesheet waits for it to load, and holds up the parser meanwhile.
 */
export function withEarlyTheme(html: string): string {
  const first = html.search(/<script\b|<link\b[^>]*\brel="stylesheet"/);
  const at = first >= 0 ? first : html.indexOf('</head>');
  return `${html.slice(0, at)}<script>${EARLY_THEME_SCRIPT}</script>\n    ${html.slice(at)}`;
}
