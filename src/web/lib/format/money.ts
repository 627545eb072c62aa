import { numberFormat } from './intl-cache';

/** US dollars in the reader's locale; en-US gives `$1,234.50`. */
export function formatUsd(amount: number, locale?: string): string {
  return numberFormat(locale, { style: 'currency', currency: 'USD' }).format(amount);
}

/** Token balances can be fractional; show up to two decimals, grouped. */
export function formatTokens(amount: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(amount);
}

/**
 * An amount in its own currency, from Whop's lower-case code: `€25.00`, `¥3,000`, `₹98,765,432.10`
 * in en-US. Intl knows each currency's decimals. A code Intl refuses (Whop lists a few
 * crypto tickers) is shown as the number and the code, never an error.
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const code = currency.toUpperCase();
  try {
    return numberFormat(locale, { style: 'currency', currency: code }).format(amount);
  } catch {
    return `${numberFormat(locale, { maximumFractionDigits: 8 }).format(amount)} ${code}`;
  }
}
