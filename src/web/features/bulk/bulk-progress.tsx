import type { BulkList } from '../../../contract/bulk';
import { useNow } from './use-now';

const count = (n: number) => new Intl.NumberFormat().format(n);

/** "about 40 s left", "about 3 min left", "about 2 h left": a rough figure, rounded up. */
export function timeLeftText(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.ceil(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.ceil(seconds / 60)} min left`;
  return `about ${Math.ceil(seconds / 3600)} h left`;
}

/** Seconds until `until` from `now`, or 0 when it has passed (or is unreadable). */
export function secondsUntil(until: string | null, now: number): number {
  if (!until) return 0;
  const at = Date.parse(until);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/** How far the list is: a bar, the counts, the time left, and a pause Whop asked for. */
export function BulkProgress({ list }: { list: BulkList }) {
  const { total, done } = list.counts;
  const running = list.state === 'running';
  const now = useNow(running && list.paused_until !== null);
  const pausedFor = running ? secondsUntil(list.paused_until, now) : 0;
  const text = `${count(done)} of ${count(total)} done`;
  const share = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <div className="flex flex-col gap-2">
      <div
        role="progressbar"
        aria-label="Lookup progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full rounded-full bg-indigo-600 dark:bg-indigo-400" style={{ width: `${share}%` }} />
      </div>
      <p className="text-sm text-zinc-700 tabular-nums dark:text-zinc-300">
        {text}
        {running && list.eta_seconds !== null && list.eta_seconds > 0 && <>, {timeLeftText(list.eta_seconds)}</>}
      </p>
      {pausedFor > 0 && (
        <p className="text-sm text-amber-900 dark:text-amber-200">
          Whop asked us to slow down; resuming in <span className="tabular-nums">{pausedFor} s</span>
        </p>
      )}
    </div>
  );
}
