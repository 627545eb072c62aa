/** The timeline's frame while its code or its lists load: the heading and about the space of a first page of events. */
export function TimelinePlaceholder() {
  return (
    <section
      aria-labelledby="timeline-heading"
      aria-busy
      className="min-h-96 min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id="timeline-heading"
        className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        Timeline
      </h2>
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading the timeline…
      </p>
    </section>
  );
}
