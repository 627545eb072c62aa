/** Whop member ids: `mber_` then letters and digits. 64 is far above any real id. */
export const MEMBER_ID_MAX_LENGTH = 64;
const MEMBER_ID = /^mber_[A-Za-z0-9]+$/;

export type MemberIdResult = { ok: true; id: string } | { ok: false; message: string };

/** Other Whop id prefixes people paste by mistake, with what they are. */
const OTHER_IDS: ReadonlyArray<readonly [prefix: string, what: string]> = [
  ['mem_', 'a membership id'],
  ['user_', 'a user id'],
  ['biz_', 'a company id'],
  ['prod_', 'a product id'],
  ['plan_', 'a plan id'],
  ['pay_', 'a payment id'],
];

/** Trims and validates a member id typed or pasted by a person. */
export function parseMemberId(input: string): MemberIdResult {
  const value = input.trim();
  if (value === '') return { ok: false, message: 'Enter a member id, like mber_XXXXXXXX.' };
  if (value.length > MEMBER_ID_MAX_LENGTH) {
    return { ok: false, message: `That is too long for a member id (at most ${MEMBER_ID_MAX_LENGTH} characters).` };
  }
  if (MEMBER_ID.test(value)) return { ok: true, id: value };
  const other = OTHER_IDS.find(([prefix]) => value.startsWith(prefix));
  if (other) {
    return { ok: false, message: `That looks like ${other[1]}. Member ids start with mber_.` };
  }
  if (value === 'mber_')
    return { ok: false, message: 'That is only the start of an id: add the letters and digits after mber_.' };
  if (value.startsWith('mber_')) {
    return { ok: false, message: 'Member ids have only letters and digits after mber_.' };
  }
  return { ok: false, message: 'Member ids start with mber_ followed by letters and digits.' };
}

/**
 * A member id in a URL path (the API's `/members/:id...` routes, the page's `/members/:id`):
 * exactly an id, nothing around it. People get trimming in the search box; a path takes the
 * id as it is or not at all.
 */
export function parseMemberIdParam(raw: string): MemberIdResult {
  const parsed = parseMemberId(raw);
  if (parsed.ok && parsed.id !== raw) return { ok: false, message: 'Member ids have no spaces around them.' };
  return parsed;
}
