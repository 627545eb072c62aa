import { QueryClient } from '@tanstack/react-query';
import { isTransient } from './api/api-error';

export const MAX_TRANSIENT_RETRIES = 2;

/** Retries only failures that may pass by themselves (network, 502/503/504), never a 4xx. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_TRANSIENT_RETRIES && isTransient(error);
}

export function retryDelay(attempt: number): number {
  const base = Math.min(4000, 500 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay, refetchOnWindowFocus: false },
    },
  });
}

/**
 * The app's one cache. Only lazily loaded route modules import it, so the search page's
 * bundle carries no TanStack Query code (see docs/decisions/0002-bundle-budget.md).
 */
export const queryClient = createQueryClient();
