import type { PageMeta } from './app-meta';
import type { Member } from './member';
import type { FirstPaintLists } from './member-lists';

/**
 * A deep link's first paint (docs/decisions/0024): the server renders the member's
 * page into the shell and puts the member's JSON beside it, in a
 * `<script type="application/json">` with this id, for the app to start from.
 */
export const FIRST_PAINT_DATA_ID = 'member-first-paint';

/** The member's first pages of the lists a deep link's page comes with (FIRST_PAINT_LISTS), when the server had them in time: JSON in this element. */
export const FIRST_PAINT_HISTORY_DATA_ID = 'member-first-paint-history';

/**
 * Where the server's page holds the history panels' placeholders; when the history comes in,
 * the markup in the `<template>` with the second id takes their place (HISTORY_SWAP_SCRIPT in
 * src/server/page/first-paint.ts), before any of the app's code has run.
 */
export const FIRST_PAINT_HISTORY_SLOT_ID = 'member-history-slot';
export const FIRST_PAINT_HISTORY_TEMPLATE_ID = 'member-history-next';

/**
 * The parts of a deep link's page that wait for the member's lists, in the page's order: the
 * access summary (checking until the memberships are in), the memberships panel, the payments
 * and token history panels. Each sits in a slot (`display: contents`) that its `<template>`
 * takes when the server has the lists in time (decision 0031).
 */
export const FIRST_PAINT_SLOTS = {
  summary: { slot: 'member-summary-slot', template: 'member-summary-next' },
  memberships: { slot: 'member-memberships-slot', template: 'member-memberships-next' },
  history: { slot: FIRST_PAINT_HISTORY_SLOT_ID, template: FIRST_PAINT_HISTORY_TEMPLATE_ID },
} as const;
export type FirstPaintSlot = keyof typeof FIRST_PAINT_SLOTS;
export const FIRST_PAINT_SLOT_NAMES = Object.keys(FIRST_PAINT_SLOTS) as FirstPaintSlot[];

/** What the lists fill in, slot by slot; a slot left out keeps its placeholder (the app fills it). */
export type FirstPaintParts = Partial<Record<FirstPaintSlot, string>>;

/** The reader's time zone (IANA name), which the app keeps in this cookie so the server's dates match its own. */
export const TIME_ZONE_COOKIE = 'tz';

/** What the server knows when it renders a deep link's first paint. */
export type FirstPaintInput = {
  member: Member;
  /** What the page's meta tags say: demo or live, demo members, who is signed in. */
  meta: PageMeta;
  /** The page's origin as the browser sees it, for "Copy link". */
  origin: string;
  /** When the answer came in (ms since the epoch): "Updated now". */
  updatedAt: number;
  /** The reader's locale and time zone, as far as the request tells them; the server's otherwise. */
  locale?: string;
  timeZone?: string;
};

/**
 * The renderer the build makes of src/web/app/first-paint.tsx (`npm run build`,
 * dist/first-paint/), which the server loads at start: the server never imports the web's
 * code, it loads this build of it, as it loads the app's index.html.
 */
export type RenderMemberFirstPaint = (input: FirstPaintInput) => string;

/**
 * The same build's renderer of what the first-paint lists fill in (the summary and memberships
 * once the memberships are in, the history panels once either of theirs is), as the app renders them.
 */
export type RenderHistoryFirstPaint = (input: FirstPaintInput & { history: FirstPaintLists }) => FirstPaintParts;

/** What the renderer's build exports. */
export type FirstPaintRenderer = { member: RenderMemberFirstPaint; history: RenderHistoryFirstPaint };
