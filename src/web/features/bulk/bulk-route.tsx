// The /bulk and /bulk/:id route's module, loaded on demand (see router.tsx): the bulk pages,
// TanStack Query and Virtual, and papaparse arrive only when someone opens one.
import { QueryClientProvider } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { queryClient } from '../../lib/query-client';
import { BulkInputPage } from './bulk-input-page';
import { BulkListPage } from './bulk-list-page';

/**
 * `/bulk`: the form; `/bulk/:id`: that list (keyed by id, so another list starts afresh).
 * Named `Component` so the router's `lazy` can take this module as it is: the wrapper that
 * picks an export out cost `/` 14 bytes it did not have (docs/decisions/0002).
 */
export function Component() {
  const { id } = useParams();
  return (
    <QueryClientProvider client={queryClient}>
      {id === undefined ? <BulkInputPage /> : <BulkListPage key={id} id={id} />}
    </QueryClientProvider>
  );
}
