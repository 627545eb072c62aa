import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Announcer } from '../announcer';
import { CopyButton } from './copy-button';

afterEach(() => vi.useRealTimers());

describe('CopyButton', () => {
  it('copies, shows it worked and says so to screen readers', async () => {
    const user = userEvent.setup();
    render(
      <>
        <CopyButton text="mber_abc" what="member id" />
        <Announcer />
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'Copy member id' }));
    expect(await navigator.clipboard.readText()).toBe('mber_abc');
    expect(screen.getByRole('button', { name: 'Copy member id' })).toHaveAttribute('data-state', 'copied');
    expect(await screen.findByText('Member id copied')).toHaveAttribute('role', 'status');
  });

  it('a labelled button reads "Copied" for two seconds', async () => {
    // The clock moves only when the test moves it: however slowly the machine runs, the two
    // seconds are the button's. A plain click, as Testing Library wraps user-event's in a
    // setTimeout that a clock standing still never fires.
    userEvent.setup(); // for its stand-in clipboard
    vi.useFakeTimers();
    render(
      <CopyButton variant="text" text="https://x/members/mber_abc" what="link to this member" label="Copy link" />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    // The clipboard's answer (a promise) lands; the clock stays where it is.
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(1999));
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
  });

  it('says how to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    render(
      <>
        <CopyButton text="x" what="email" />
        <Announcer />
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'Copy email' }));
    expect(await screen.findByText(/Could not copy the email/)).toHaveAttribute('role', 'status');
  });
});
