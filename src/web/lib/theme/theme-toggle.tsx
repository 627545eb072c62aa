import { useSyncExternalStore } from 'react';
import { currentTheme, setTheme, subscribeTheme } from './theme';

/** A two-state switch: pressed means dark. */
export default function ThemeToggle() {
  const dark = useSyncExternalStore(subscribeTheme, currentTheme) === 'dark';
  return (
    <button
      type="button"
      aria-pressed={dark}
      aria-label="Dark theme"
      onClick={() => setTheme(dark ? 'light' : 'dark')}
      className="grid size-9 place-items-center rounded-lg text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      {/* Half-filled circle: the usual "appearance" symbol, the same in both states. */}
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="12" cy="12" r="9" />
        <path d="M12 3a9 9 0 0 1 0 18Z" fill="currentColor" />
      </svg>
    </button>
  );
}
