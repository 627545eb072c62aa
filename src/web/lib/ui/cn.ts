import { clsx } from 'clsx/lite';

/**
 * Joins class names, skipping falsy ones. clsx's lite build: strings only (no objects or
 * arrays, which nothing here passes), about a fifth of its size, in `/`'s entry.
 */
export function cn(...inputs: Array<string | false | null | undefined>): string {
  return clsx(...inputs);
}
