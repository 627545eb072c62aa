// The last members this browser opened, newest first, kept in localStorage. No zod: the
// stored list is checked by hand, and anything unreadable is dropped, never trusted.

export type RecentLookup = { id: string; name: string; at: number };

export const RECENT_KEY = 'member-lookup.recent';
export const RECENT_MAX = 20;

function isRecent(value: unknown): value is RecentLookup {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name, at } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    /^mber_[A-Za-z0-9]{1,59}$/.test(id) &&
    typeof name === 'string' &&
    typeof at === 'number' &&
    Number.isFinite(at)
  );
}

export function readRecent(): RecentLookup[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

function write(list: RecentLookup[]) {
  try {
    if (list.length === 0) localStorage.removeItem(RECENT_KEY);
    else localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Storage full or blocked: recent lookups are a convenience, not worth an error.
  }
}

/** Puts a member at the top of the list (once), keeping the newest 20. */
export function recordLookup(entry: { id: string; name: string }, at = Date.now()) {
  write([{ ...entry, at }, ...readRecent().filter((r) => r.id !== entry.id)].slice(0, RECENT_MAX));
}

export function clearRecent() {
  write([]);
}
