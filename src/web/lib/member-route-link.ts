// The search box warms up the member route's code, and fetch-ahead (prefetch-member.ts)
// goes through it, but features never import each other: the app hands the route's loader
// in at start-up (app/member-route-loader.ts) and the search feature calls it from here.
// A ref-like holder, not a registry with functions: it lives in `/`'s bundle, whose budget is tight.

/** What the member route's module offers those who only prefetch with it. */
export type PrefetchingRoute = { prefetch(kind: 'member' | 'membership', id: string): Promise<unknown> };

/** `current` downloads the member route's code (once: the app's loader shares the promise). */
export const memberRoute: { current?: () => Promise<PrefetchingRoute> } = {};
