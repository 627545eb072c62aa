import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, MEMBER_STATUSES, MOST_RECENT_ACTIONS } from '../../contract/member';
import { MEMBERSHIP_STATUSES } from '../../contract/membership';
import { AccessLevelBadge, ActionBadge, MembershipStatusBadge, StatusBadge } from './member-badges';

describe('badges', () => {
  it.each([
    ['access level', AccessLevelBadge, ACCESS_LEVELS],
    ['status', StatusBadge, MEMBER_STATUSES],
    ['most recent action', ActionBadge, MOST_RECENT_ACTIONS],
    ['membership status', MembershipStatusBadge, MEMBERSHIP_STATUSES],
  ] as const)('every documented %s gets a styled, human label', (_name, Badge, values) => {
    const classes = new Set<string>();
    for (const value of values) {
      const { container, unmount } = render(<Badge value={value} />);
      const badge = container.firstElementChild as HTMLElement;
      expect(badge.textContent).not.toContain('_');
      expect(badge.className).not.toContain('border-dashed');
      classes.add(badge.className);
      unmount();
    }
    expect(classes.size).toBeGreaterThan(1);
  });

  it('renders an unknown value neutrally, with its text', () => {
    render(<StatusBadge value="suspended_by_staff" />);
    const badge = screen.getByText('Suspended by staff');
    expect(badge.className).toContain('border-dashed');
    expect(badge).toHaveAttribute('title', expect.stringContaining('suspended_by_staff'));
  });
});
