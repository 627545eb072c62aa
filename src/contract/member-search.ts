import { MemberSchema } from './member';
import { z } from './zod';

/** A member as Whop's list endpoint sends it: the member record without its company. */
export const MemberListItemSchema = z.omit(MemberSchema, { company: true });
export type MemberListItem = z.infer<typeof MemberListItemSchema>;

/** One page of search results, as our API answers it. `next_cursor` is Whop's, passed on. */
export const MemberSearchPageSchema = z.object({
  data: z.array(MemberListItemSchema),
  next_cursor: z.nullable(z.string()),
});
export type MemberSearchPage = z.infer<typeof MemberSearchPageSchema>;

/** Whop's cursors are opaque base64-style tokens; anything else is refused before it is sent. */
export const CURSOR_PATTERN = /^[A-Za-z0-9+/=_-]{1,512}$/;

/** How many results one page holds. */
export const SEARCH_PAGE_SIZE = 10;
