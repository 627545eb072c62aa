let loading: Promise<typeof import('./search-route')> | null = null;

/** Loads the search results route's code once; a failed download may be retried. */
export function loadSearchRoute() {
  loading ??= import('./search-route').catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}
