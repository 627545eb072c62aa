import { numberFormat } from './intl-cache';

/** US dollars in the reader's locale; en-US gives `$1,234.50`. */
export function formatUsd(amount: number, locale?: string): string {
  return numberFormat(locale, { style: 'currency', currency: 'USD' }).format(amount);
}

/** Token balances can be fractional; show up to two decimals, grouped. */
export function formatTokens(amount: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(amount);
}
