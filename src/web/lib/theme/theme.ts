// Dark mode follows the system unless the person chose otherwise; the choice is kept in
// localStorage. The class goes on <html> from the entry module; a member's page, which the
// server may paint before the code runs, also sets it from an inline script in its head
// (src/server/page/early-theme.ts, allowed by its hash), the same way.

import { THEME_STORAGE_KEY } from '../../../contract/theme';

export type Theme = 'light' | 'dark';
const KEY = THEME_STORAGE_KEY;
const system = () => matchMedia('(prefers-color-scheme: dark)');
const systemTheme = (): Theme => (system().matches ? 'dark' : 'light');

let choice: Theme | null = null;
const listeners = new Set<() => void>();

export function currentTheme(): Theme {
  return choice ?? systemTheme();
}

function apply() {
  document.documentElement.classList.toggle('dark', currentTheme() === 'dark');
  for (const listener of listeners) listener();
}

/** Applies the remembered or system theme now, and again whenever the system's changes. */
export function initTheme() {
  try {
    const value = localStorage.getItem(KEY);
    choice = value === 'light' || value === 'dark' ? value : null;
  } catch {
    // Storage blocked: follow the system.
  }
  apply();
  system().addEventListener('change', apply);
}

/**
 * Switches theme. Choosing what the system already prefers forgets the choice, so the
 * page follows the system again from then on.
 */
export function setTheme(theme: Theme) {
  choice = theme === systemTheme() ? null : theme;
  try {
    if (choice) localStorage.setItem(KEY, choice);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage blocked: the switch still holds for this page.
  }
  apply();
}

export function subscribeTheme(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
