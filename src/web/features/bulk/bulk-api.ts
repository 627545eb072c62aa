// The bulk list's four calls, through the app's one fetch helper (it sends the header the
// server requires of a POST, parses with the contract's schema, throws ApiError). Tests fake
// `fetch` underneath (test-support/test-helpers.ts), so these run as they would in the page.
import { bulkApiPath, bulkCancelApiPath, bulkListApiPath, bulkRetryApiPath } from '../../../contract/api-paths';
import { type BulkCreateRequest, type BulkList, BulkListSchema } from '../../../contract/bulk';
import { fetchApi } from '../../lib/api/fetch-api';

const WHAT = 'a bulk list';

/** POST /api/bulk: 201 with the new list, every row pending. */
export function createBulkList(lines: string[], signal?: AbortSignal): Promise<BulkList> {
  const body: BulkCreateRequest = { lines };
  return fetchApi(bulkApiPath(), BulkListSchema, WHAT, signal, { body });
}

/** GET /api/bulk/:id: every row, or with `since` only the rows changed after that version. */
export function fetchBulkList(id: string, since: number | null, signal?: AbortSignal): Promise<BulkList> {
  return fetchApi(bulkListApiPath(id, since), BulkListSchema, WHAT, signal);
}

/** POST /api/bulk/:id/cancel: the rows not done become `cancelled`. */
export function cancelBulkList(id: string): Promise<BulkList> {
  return fetchApi(bulkCancelApiPath(id), BulkListSchema, WHAT, undefined, { body: {} });
}

/** POST /api/bulk/:id/retry: the failed and cancelled rows (or a stalled list's rows not done) are asked again. */
export function retryBulkList(id: string): Promise<BulkList> {
  return fetchApi(bulkRetryApiPath(id), BulkListSchema, WHAT, undefined, { body: {} });
}
