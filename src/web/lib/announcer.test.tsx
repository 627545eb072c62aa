import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Announcer, announce } from './announcer';

describe('Announcer', () => {
  it('says what it is told, and the same words twice', async () => {
    render(<Announcer />);
    act(() => announce('Email copied'));
    expect(await screen.findByText('Email copied')).toHaveAttribute('aria-live', 'polite');
    act(() => announce('Email copied'));
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(await screen.findByText('Email copied')).toBeInTheDocument();
  });

  it('keeps working when the first paint’s frame unmounts after the app’s frame mounted', async () => {
    const first = render(<Announcer />);
    render(<Announcer />);
    first.unmount();
    act(() => announce('Member refreshed'));
    expect(await screen.findByText('Member refreshed')).toBeInTheDocument();
  });
});
