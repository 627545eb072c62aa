/** Shown while a search runs; announced once to screen readers. */
export function SearchingStatus() {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-busy="true"
      className="flex items-center gap-3 py-10 text-zinc-700 dark:text-zinc-300"
    >
      <span
        aria-hidden="true"
        className="size-5 animate-spin rounded-full border-2 border-zinc-300 border-t-indigo-600 dark:border-zinc-700 dark:border-t-indigo-400"
      />
      Searching members…
    </div>
  );
}
