import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Announcer } from '../layout/announcer';
import { CopyButton } from './copy-button';

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
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(
      <CopyButton variant="text" text="https://x/members/mber_abc" what="link to this member" label="Copy link" />,
    );
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(2100));
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    vi.useRealTimers();
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
