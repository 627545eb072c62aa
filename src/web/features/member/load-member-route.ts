let loading: Promise<typeof import('./member-route')> | null = null;

/**
 * Loads the member route's code once. The router calls it on navigation; the search form
 * calls it as soon as someone types, so the code is usually there before Enter.
 */
export function loadMemberRoute() {
  loading ??= import('./member-route').catch((err: unknown) => {
    loading = null; // let a later attempt retry a failed download
    throw err;
  });
  return loading;
}
