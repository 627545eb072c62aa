import { whenIdle } from '../when-idle';
import { formatDate, formatDateTime, formatRelative } from './dates';
import { formatTokens, formatUsd } from './money';

/**
 * Builds the member view's formatters ahead of time, when the page is idle. The member
 * route loads while a person is still typing an id; doing this then keeps the first
 * formatter's locale-data load (tens of milliseconds) out of the time after Enter.
 */
export function warmFormattersWhenIdle(): void {
  const warm = () => {
    const now = new Date().toISOString();
    formatDateTime(now);
    formatDate(now);
    formatRelative(now);
    formatUsd(0);
    formatTokens(0);
  };
  whenIdle(warm);
}
