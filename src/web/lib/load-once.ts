/**
 * A lazy module's loader that downloads it once and shares the promise; a failed
 * download is forgotten, so a later call can try again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = null;
      throw err;
    }));
}
