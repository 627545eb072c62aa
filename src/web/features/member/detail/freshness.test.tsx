import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Freshness } from './freshness';

afterEach(() => vi.useRealTimers());

describe('Freshness', () => {
  it('says how old the data is, and keeps saying it', () => {
    vi.useFakeTimers();
    const start = Date.parse('2026-06-01T12:00:00Z');
    vi.setSystemTime(start);
    render(<Freshness updatedAt={start - 12_000} refreshing={false} refreshError={null} onRefresh={() => {}} />);
    expect(screen.getByTestId('freshness')).toHaveTextContent('Updated 12s ago');
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByTestId('freshness')).toHaveTextContent('Updated 1m ago');
  });

  it('shows a refetch in progress, and a failed one', () => {
    const { rerender } = render(
      <Freshness updatedAt={Date.now()} refreshing refreshError={null} onRefresh={() => {}} />,
    );
    expect(screen.getByTestId('freshness')).toHaveTextContent('Refreshing…');
    rerender(
      <Freshness updatedAt={Date.now()} refreshing={false} refreshError="Whop took too long." onRefresh={() => {}} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not refresh: Whop took too long. Showing what was loaded before.',
    );
  });

  it('refreshes on click, and names its shortcut', async () => {
    const onRefresh = vi.fn();
    render(<Freshness updatedAt={Date.now()} refreshing={false} refreshError={null} onRefresh={onRefresh} />);
    const button = screen.getByRole('button', { name: 'Refresh' });
    expect(button).toHaveAttribute('aria-keyshortcuts', 'r');
    await userEvent.click(button);
    expect(onRefresh).toHaveBeenCalledOnce();
  });
});
