import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative } from './dates';
import { humanize } from './labels';
import { formatTokens, formatUsd } from './money';

describe('formatUsd', () => {
  it.each([
    [1234.5, '$1,234.50'],
    [0, '$0.00'],
    [6.9, '$6.90'],
    [12_345_678.9, '$12,345,678.90'],
    [-20, '-$20.00'],
  ])('%d -> %s in en-US', (amount, text) => {
    expect(formatUsd(amount, 'en-US')).toBe(text);
  });

  it('follows the locale', () => {
    expect(formatUsd(1234.5, 'de-DE')).toBe('1.234,50\u00a0$');
  });
});

describe('formatTokens', () => {
  it('groups and keeps up to two decimals', () => {
    expect(formatTokens(98_765_432.1, 'en-US')).toBe('98,765,432.1');
    expect(formatTokens(0, 'en-US')).toBe('0');
    expect(formatTokens(1.23456, 'en-US')).toBe('1.23');
  });
});

describe('dates', () => {
  const iso = '2023-12-01T05:00:00.401Z';
  it('formats absolute date-times in the given locale and zone', () => {
    expect(formatDateTime(iso, 'en-US', 'UTC')).toBe('Dec 1, 2023, 5:00 AM');
    expect(formatDate(iso, 'en-US', 'UTC')).toBe('Dec 1, 2023');
  });

  it('returns unreadable input unchanged rather than "Invalid Date"', () => {
    expect(formatDateTime('nope', 'en-US')).toBe('nope');
    expect(formatRelative('nope', 0, 'en-US')).toBe('nope');
  });

  it.each([
    [0, 'now'],
    [-30_000, '30 seconds ago'],
    [-2 * 3_600_000, '2 hours ago'],
    [-24 * 3_600_000, 'yesterday'],
    [-3 * 24 * 3_600_000, '3 days ago'],
    [-45 * 24 * 3_600_000, 'last month'],
    [-800 * 24 * 3_600_000, '2 years ago'],
    [2 * 3_600_000, 'in 2 hours'],
  ])('relative time %d ms from now -> %s', (offset, text) => {
    const now = Date.parse(iso);
    expect(formatRelative(new Date(now + offset).toISOString(), now, 'en-US')).toBe(text);
  });
});

describe('formatRelative, narrow', () => {
  it.each([
    [-12_000, '12s ago'],
    [-90_000, '1m ago'],
    [0, 'now'],
  ])('%d ms -> %s in en-US', (offset, text) => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(formatRelative(new Date(now + offset).toISOString(), now, 'en-US', 'narrow')).toBe(text);
  });

  it('follows the locale', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(formatRelative(new Date(now - 12_000).toISOString(), now, 'de-DE', 'narrow')).toBe('vor 12 s');
  });
});

describe('humanize', () => {
  it('turns enum values into words', () => {
    expect(humanize('finished_split_pay')).toBe('Finished split pay');
    expect(humanize('vip-guest')).toBe('Vip guest');
  });
});

describe('formatters are built once per locale and options', () => {
  it('reuses the same Intl object', async () => {
    const { dateTimeFormat, numberFormat } = await import('./intl-cache');
    expect(dateTimeFormat('en-US', { dateStyle: 'medium' })).toBe(dateTimeFormat('en-US', { dateStyle: 'medium' }));
    expect(dateTimeFormat('en-US', { dateStyle: 'medium' })).not.toBe(dateTimeFormat('de-DE', { dateStyle: 'medium' }));
    expect(numberFormat('en-US', { maximumFractionDigits: 2 })).not.toBe(
      numberFormat('en-US', { style: 'currency', currency: 'USD' }),
    );
  });
});
