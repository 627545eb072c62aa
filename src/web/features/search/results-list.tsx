import type { KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { MemberListItem } from '../../../contract/member-search';
import { memberPath } from '../../lib/app-urls';
import { displayName } from '../../lib/display-name';
import { formatUsd } from '../../lib/format/money';
import { StatusBadge } from '../../lib/member-badges';
import { prefetchId } from '../../lib/prefetch-member';

/** Arrow keys move between results; up from the first goes back to the search box. */
function onArrowKeys(event: KeyboardEvent<HTMLUListElement>) {
  const links = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-result-link]')];
  const at = links.indexOf(document.activeElement as HTMLElement);
  if (at === -1) return;
  const target =
    event.key === 'ArrowDown'
      ? links[Math.min(at + 1, links.length - 1)]
      : event.key === 'ArrowUp'
        ? at === 0
          ? document.querySelector<HTMLElement>('[data-search-input]')
          : links[at - 1]
        : event.key === 'Home'
          ? links[0]
          : event.key === 'End'
            ? links.at(-1)
            : undefined;
  if (!target) return;
  event.preventDefault();
  target.focus();
}

export function ResultsList({ members }: { members: MemberListItem[] }) {
  return (
    <ul
      aria-label="Matching members"
      onKeyDown={onArrowKeys}
      className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {members.map((member) => {
        const name = displayName(member);
        return (
          <li key={member.id}>
            <Link
              to={memberPath(member.id)}
              data-result-link
              // Fetched on hover or focus, so opening it shows the member at once.
              onMouseEnter={() => prefetchId('member', member.id)}
              onFocus={() => prefetchId('member', member.id)}
              className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-zinc-50 focus-visible:bg-indigo-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800/60 dark:focus-visible:bg-indigo-950/60"
            >
              <span className="min-w-0">
                <span className="block font-medium wrap-anywhere">{name}</span>
                <span className="block text-sm text-zinc-600 wrap-anywhere dark:text-zinc-400">
                  {member.user ? (
                    <>
                      @{member.user.username}
                      {member.user.email && <> · {member.user.email}</>}
                    </>
                  ) : (
                    'No Whop user linked'
                  )}
                </span>
              </span>
              <span className="flex flex-col items-end gap-1">
                <StatusBadge value={member.status} />
                <span className="text-sm tabular-nums">
                  <span className="sr-only">Total spent </span>
                  {formatUsd(member.usd_total_spent)}
                </span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
