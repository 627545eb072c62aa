import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAfterPaint } from './use-after-paint';

function Probe() {
  return <p>{useAfterPaint() ? 'after' : 'first'}</p>;
}

describe('useAfterPaint', () => {
  it('is false on the first render and true once a frame has gone by', async () => {
    let firstFrame = '';
    requestAnimationFrame(() => {
      firstFrame = screen.getByRole('paragraph').textContent ?? '';
    });
    render(<Probe />);
    expect(screen.getByRole('paragraph')).toHaveTextContent('first');
    expect(await screen.findByText('after')).toBeInTheDocument();
    // What the frame showed: the first render, not the one after it.
    expect(firstFrame).toBe('first');
  });
});
