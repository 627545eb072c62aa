// What the search box does with its text, loaded on first focus or key press rather than
// with `/` itself (docs/decisions/0002-bundle-budget.md): the query classifier and
// fetching ahead of Enter.
import { parseSearchQuery } from '../../../contract/search-query';
import { memberPath, searchPath } from '../../lib/app-urls';
import { prefetchId } from '../../lib/prefetch-member';

/** How long typing must pause before a complete id is fetched ahead of Enter. */
export const TYPING_PREFETCH_DELAY_MS = 400;

let prefetchTimer: ReturnType<typeof setTimeout> | undefined;

/** What onTyped reads of the input event: how the text changed. */
export type InputChange = Partial<Pick<InputEvent, 'inputType' | 'data'>>;

/**
 * Whether an input event brought its text in one piece: a paste, a drop, autocomplete, a
 * script setting the value. Typing or deleting a character is a one-character edit.
 */
export function arrivedWhole({ inputType, data }: InputChange): boolean {
  if (inputType?.startsWith('insertFrom') || inputType === 'insertReplacementText') return true;
  return inputType === 'insertText' && (data?.length ?? 0) > 1;
}

/**
 * A complete member or membership id is fetched before Enter. When it arrived whole (pasted,
 * dropped, autofilled) the request leaves on that very input event, so a paste and an
 * immediate Enter wait for Whop and nothing else. Typed a key at a time it waits for a
 * pause: every prefix of an id is itself a valid id, and each would cost a Whop call.
 */
export function onTyped(value: string, change: InputChange) {
  clearTimeout(prefetchTimer);
  const parsed = parseSearchQuery(value);
  if (!parsed.ok || (parsed.query.kind !== 'member' && parsed.query.kind !== 'membership')) return;
  const { kind, value: id } = parsed.query;
  if (arrivedWhole(change)) prefetchId(kind, id);
  else prefetchTimer = setTimeout(() => prefetchId(kind, id), TYPING_PREFETCH_DELAY_MS);
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
