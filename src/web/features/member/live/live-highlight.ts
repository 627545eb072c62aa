import type { LivePart } from '../../../../contract/live';

/** How long a changed figure or row keeps the attribute its fade reads (styles.css: 2.5 s). */
export const HIGHLIGHT_MS = 3_000;
export const HIGHLIGHT_ATTRIBUTE = 'data-live-changed';

/** The panel each list part is in (its heading's id, history-panel.tsx, memberships-panel.tsx). */
const PANEL_HEADINGS: Record<Exclude<LivePart, 'member'>, string> = {
  memberships: 'memberships-heading',
  payments: 'payments-heading',
  tokenTransactions: 'token-history-heading',
};

/** The elements a part shows, each with a key that stays the same across a refetch. */
function items(part: LivePart): Map<string, Element> {
  const found = new Map<string, Element>();
  if (part === 'member') {
    // The member card's figures (Total spent, Token balance …), by position.
    const figures = document.getElementById('member-name')?.closest('section')?.querySelectorAll('dl > div') ?? [];
    figures.forEach((el, i) => {
      found.set(`figure-${i}`, el);
    });
    return found;
  }
  const panel = document.querySelector(`section[aria-labelledby="${PANEL_HEADINGS[part]}"]`);
  // Rows carry their record's id (`payment-…`, `membership-…`): the timeline and the summary link to them.
  for (const row of panel?.querySelectorAll('[id]') ?? []) {
    if (row.id !== PANEL_HEADINGS[part]) found.set(row.id, row);
  }
  if (found.size === 0 && panel) found.set('panel', panel);
  return found;
}

export type PartsSnapshot = ReadonlyMap<LivePart, ReadonlyMap<string, string>>;

/** What each part says now, to tell after a refetch which figures and rows changed. */
export function snapshotParts(parts: readonly LivePart[]): PartsSnapshot {
  return new Map(
    parts.map((part) => [part, new Map([...items(part)].map(([key, el]) => [key, el.textContent ?? '']))]),
  );
}

/**
 * Marks the figures and rows that are new or read differently since `before`, for a moment
 * (a background fade; a still outline under prefers-reduced-motion). Returns how many.
 */
export function markChanged(before: PartsSnapshot): number {
  let marked = 0;
  for (const [part, was] of before) {
    for (const [key, el] of items(part)) {
      if (was.get(key) === (el.textContent ?? '')) continue;
      // Re-adding restarts the fade when two changes come close together.
      el.removeAttribute(HIGHLIGHT_ATTRIBUTE);
      void (el as HTMLElement).offsetWidth;
      el.setAttribute(HIGHLIGHT_ATTRIBUTE, '');
      setTimeout(() => el.removeAttribute(HIGHLIGHT_ATTRIBUTE), HIGHLIGHT_MS);
      marked += 1;
    }
  }
  return marked;
}
