/** A change the page heard of: what (LIVE_EVENT_TYPES' label) and when (ms). */
export type LiveNote = { label: string; at: number };

type Props = {
  /** Subscribed (the stream said `ready`); false while it reconnects. */
  live: boolean;
  note: LiveNote | null;
  now: number;
  /** Demo mode only: the button that makes the stand-in deliver a payment. */
  simulate: { busy: boolean; error: string | null; run: () => void } | null;
};

const clock = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * What the freshness row says of live changes: "Live" while subscribed, the last change
 * ("New payment, just now"), and in demo mode "Simulate a payment". One line in a slot the
 * row always has (member-layout.tsx), so nothing moves when it fills in. No hooks: the page
 * keeps the state (docs/decisions/0030).
 */
export function LiveLine({ live, note, now, simulate }: Props) {
  return (
    <div className="flex h-7 min-w-0 items-center gap-3 text-sm" data-testid="live-line">
      {live && (
        <span
          className="inline-flex shrink-0 items-center gap-1.5 font-medium text-emerald-700 dark:text-emerald-400"
          title="This page updates itself when Whop reports a change"
        >
          <span aria-hidden="true" className="size-2 rounded-full bg-emerald-600 dark:bg-emerald-400" />
          Live<span className="sr-only">: this page updates itself</span>
        </span>
      )}
      {/* Always there, taking the rest of the line: a note arriving moves nothing beside it. */}
      <span className="min-w-0 flex-1 basis-0 truncate text-zinc-700 dark:text-zinc-300" data-testid="live-note">
        {note && `${note.label}, ${now - note.at < 60_000 ? 'just now' : `at ${clock(note.at)}`}`}
      </span>
      {simulate && (
        <button
          type="button"
          onClick={simulate.run}
          aria-disabled={simulate.busy || undefined}
          aria-label={simulate.busy ? undefined : 'Simulate a payment'}
          title={simulate.error ?? 'Demo only: the stand-in records a payment and sends its webhook here'}
          className="shrink-0 rounded-md border border-dashed border-zinc-300 px-2 py-0.5 text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-600 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          {/* "Simulate" alone on a phone, where the note needs the room; its name stays whole (aria-label). */}
          {simulate.busy ? (
            'Simulating…'
          ) : (
            <>
              Simulate<span className="hidden sm:inline"> a payment</span>
            </>
          )}
        </button>
      )}
    </div>
  );
}
