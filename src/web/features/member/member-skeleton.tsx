function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-zinc-200 dark:bg-zinc-800 ${className}`} />;
}

/** Stands in for one of the detail view's cards. */
function CardBars() {
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <Bar className="h-4 w-24" />
      <Bar className="h-4 w-full" />
      <Bar className="h-4 w-3/4" />
      <Bar className="h-4 w-5/6" />
    </div>
  );
}

/** Shown while a member loads; announced once to screen readers. */
export function MemberSkeleton() {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="flex flex-col gap-6">
      <span className="sr-only">Loading member…</span>
      <div
        aria-hidden="true"
        className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="flex items-center gap-4">
          <div className="size-14 animate-pulse rounded-full bg-zinc-200 dark:bg-zinc-800" />
          <div className="flex flex-1 flex-col gap-2">
            <Bar className="h-6 w-48" />
            <Bar className="h-4 w-32" />
          </div>
        </div>
        {/* The member's three figures, in the same grid as member-detail.tsx. */}
        <div className="mt-5 grid grid-cols-[repeat(auto-fit,minmax(min(100%,12.5rem),1fr))] gap-3">
          <Bar className="h-16" />
          <Bar className="h-16" />
          <Bar className="h-16" />
        </div>
      </div>
      <div aria-hidden="true" className="grid gap-6 md:grid-cols-2">
        <CardBars />
        <CardBars />
      </div>
    </div>
  );
}
