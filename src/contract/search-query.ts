// What a manager typed into the one search box, and what it asks for. Plain regexes, no
// zod: the search form on `/` uses this, and `/` has no room for zod (docs/decisions/0002).
// The server classifies with the same function, so the browser and the API agree on what
// is valid; nothing that fails here ever reaches Whop.

/** Whop ids are a prefix and letters and digits; 64 is far above any real one. */
export const ID_MAX_LENGTH = 64;
/** A pasted address or support-ticket line may be long; we only look for an id in it. */
export const QUERY_MAX_LENGTH = 512;
export const TEXT_MIN_LENGTH = 2;
export const TEXT_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 254;

export type SearchQuery =
  | { kind: 'member'; value: string }
  | { kind: 'membership'; value: string }
  | { kind: 'user'; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'text'; value: string };

export type SearchQueryKind = SearchQuery['kind'];
export type QueryResult = { ok: true; query: SearchQuery } | { ok: false; message: string };

const ID_KINDS = [
  ['mber_', 'member'],
  ['mem_', 'membership'],
  ['user_', 'user'],
] as const;

const EMAIL = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
// Names and usernames: letters and marks in any script, digits, spaces, . ' _ -
const TEXT = /^[\p{L}\p{M}\p{N} .'_-]+$/u;

const OTHER_IDS: ReadonlyArray<readonly [prefix: string, what: string]> = [
  ['biz_', 'a company id'],
  ['prod_', 'a product id'],
  ['plan_', 'a plan id'],
  ['pay_', 'a payment id'],
];

const WHAT_WORKS = 'Search by member id, membership id, user id, email, username or name.';

export function isWhopId(prefix: 'mber_' | 'mem_' | 'user_', value: string): boolean {
  return value.length <= ID_MAX_LENGTH && value.startsWith(prefix) && /^[a-z]+_[A-Za-z0-9]+$/.test(value);
}

/**
 * The ids of one kind that stand as whole tokens in a longer text: between the slashes of
 * an address, after `=`, between spaces, before a full stop. `mber_abc-1` holds none: a
 * mistyped id is explained, not guessed at.
 */
function idsIn(text: string, prefix: string): string[] {
  const pattern = `(?<=^|[\\s/?#=&,;:(\\[<"'])${prefix}[A-Za-z0-9]+(?=$|[\\s/?#=&,;:)\\]>"']|\\.(?:$|\\s))`;
  const found = (text.match(new RegExp(pattern, 'g')) ?? []).filter((id) => id.length <= ID_MAX_LENGTH);
  return [...new Set(found)];
}

/**
 * Classifies one search: a whole id, an email, an id inside pasted text, or a name or
 * username. Returns a message a person can act on when it is none of those.
 */
export function parseSearchQuery(input: string): QueryResult {
  // "@avachen" as written in chat: the @ is decoration, what follows is classified.
  const value = input.trim().replace(/^@\s*/, '');
  if (value === '') return { ok: false, message: `Type something to look up. ${WHAT_WORKS}` };
  if (value.length > QUERY_MAX_LENGTH)
    return { ok: false, message: `That is too long to search for (at most ${QUERY_MAX_LENGTH} characters).` };

  if (value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value)) return { ok: true, query: { kind: 'email', value } };

  // A whole id, or a pasted address or line of text with one in it: a member id wins,
  // then a membership id, then a user id.
  for (const [prefix, kind] of ID_KINDS) {
    const ids = idsIn(value, prefix);
    const [only] = ids;
    if (only === undefined) continue;
    if (ids.length > 1)
      return { ok: false, message: `That text holds ${ids.length} different ${kind} ids. Paste just one.` };
    return { ok: true, query: { kind, value: only } };
  }

  const other = OTHER_IDS.find(([prefix]) => value.startsWith(prefix));
  if (other) return { ok: false, message: `That looks like ${other[1]}. ${WHAT_WORKS}` };
  const started = ID_KINDS.find(([prefix]) => value.startsWith(prefix));
  if (started) {
    return value === started[0]
      ? { ok: false, message: `That is only the start of an id: add the letters and digits after ${started[0]}.` }
      : { ok: false, message: `A ${started[1]} id has only letters and digits after ${started[0]}.` };
  }
  if (/\bhttps?:\/\//i.test(value)) return { ok: false, message: 'That address has no member or membership id in it.' };

  const text = value.replace(/\s+/g, ' ');
  if (text.length < TEXT_MIN_LENGTH)
    return { ok: false, message: `Type at least ${TEXT_MIN_LENGTH} characters of a name or username.` };
  if (text.length > TEXT_MAX_LENGTH)
    return { ok: false, message: `A name or username is at most ${TEXT_MAX_LENGTH} characters.` };
  if (!TEXT.test(text))
    return {
      ok: false,
      message: `Names and usernames use only letters, digits, spaces, dots, apostrophes, hyphens and underscores. ${WHAT_WORKS}`,
    };
  return { ok: true, query: { kind: 'text', value: text } };
}
