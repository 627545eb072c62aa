import { CURSOR_PATTERN } from '../../contract/member-search';
import { z } from '../../contract/zod';

/** A page as Whop sends it. The cursor is checked after parsing, so a strange one never fails the rows. */
function whopPage<T extends z.ZodMiniType>(item: T) {
  return z.object({
    data: z.array(item),
    page_info: z.object({
      end_cursor: z.optional(z.nullable(z.string())),
      has_next_page: z.optional(z.nullable(z.boolean())),
    }),
  });
}

/** Our page: the items, and the cursor of the next page, null on the last one. */
export type OurPage<T> = { data: T[]; next_cursor: string | null };

/**
 * Parses one page of a Whop list into ours. A cursor that does not look like the ones we
 * know (and so could not be accepted back from the browser) ends the paging there: the
 * rows are shown, "Show more" is not, and nothing odd is ever passed on.
 */
export function pageParser<T extends z.ZodMiniType>(item: T) {
  const schema = whopPage(item);
  return (data: unknown): OurPage<z.infer<T>> | undefined => {
    // The SDK hands back a page object; its `data` and `page_info` are Whop's JSON.
    const page = data as { data?: unknown; page_info?: unknown } | null;
    const parsed = schema.safeParse({ data: page?.data, page_info: page?.page_info ?? {} });
    if (!parsed.success) return undefined;
    const { end_cursor, has_next_page } = parsed.data.page_info;
    const more = has_next_page !== false && parsed.data.data.length > 0;
    const usable = typeof end_cursor === 'string' && CURSOR_PATTERN.test(end_cursor);
    return { data: parsed.data.data as z.infer<T>[], next_cursor: more && usable ? end_cursor : null };
  };
}
