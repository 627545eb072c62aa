import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it.each([
    [25, 'eur', '€25.00'],
    [3000, 'jpy', '¥3,000'],
    [49, 'usd', '$49.00'],
    [118.4, 'gbp', '£118.40'],
    [98_765_432.1, 'inr', '₹98,765,432.10'],
    [5650, 'mxn', 'MX$5,650.00'],
    [11_800, 'egp', 'EGP 11,800.00'],
    [0.3, 'usd', '$0.30'],
  ])('%d %s -> %s in en-US, with the currency’s own decimals', (amount, currency, text) => {
    expect(formatMoney(amount, currency, 'en-US').replace(/\u00a0/g, ' ')).toBe(text);
  });

  it('follows the locale', () => {
    expect(formatMoney(25, 'eur', 'de-DE')).toBe('25,00\u00a0€');
    expect(formatMoney(3000, 'jpy', 'ja-JP')).toBe('￥3,000');
  });

  it('shows a code Intl refuses as the number and the code, never throws', () => {
    expect(formatMoney(1.5, 'usdt', 'en-US')).toBe('1.5 USDT');
    expect(formatMoney(2, '', 'en-US')).toBe('2 ');
  });
});
