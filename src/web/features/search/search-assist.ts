// What the search box does with its text, loaded on first focus or key press rather than
// with `/` itself (docs/decisions/0002-bundle-budget.md): the query classifier and
// fetching ahead of Enter.
import { parseSearchQuery } from '../../../contract/search-query';
import { memberPath, searchPath } from '../../shared/app-urls';
import { prefetchId } from '../../shared/prefetch-member';

/** How long typing must pause before a complete id is fetched ahead of Enter. */
export const TYPING_PREFETCH_DELAY_MS = 400;

let prefetchTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * A complete member or membership id is fetched before Enter: at once when pasted, after
 * a pause when typed (every prefix of an id is itself a valid id).
 */
export function onTyped(value: string, pasted: boolean) {
  clearTimeout(prefetchTimer);
  const parsed = parseSearchQuery(value);
  if (!parsed.ok || (parsed.query.kind !== 'member' && parsed.query.kind !== 'membership')) return;
  const { kind, value: id } = parsed.query;
  prefetchTimer = setTimeout(() => prefetchId(kind, id), pasted ? 0 : TYPING_PREFETCH_DELAY_MS);
}

export type SubmitTarget = { ok: true; path: string; kind: string; value: string } | { ok: false; message: string };

/** Where Enter goes: a member id to the member, any other valid search to /search. */
export function submitTarget(input: string): SubmitTarget {
  clearTimeout(prefetchTimer);
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) return parsed;
  const { kind, value } = parsed.query;
  return { ok: true, path: kind === 'member' ? memberPath(value) : searchPath(value), kind, value };
}
