import { render, screen } from '@testing-library/react';
import type {
  AccessLevel,
  MemberMostRecentActions,
  MemberStatuses,
  MembershipStatus,
} from '@whop/sdk/resources/shared';
import type { ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { AccessLevelBadge, ActionBadge, MembershipStatusBadge, StatusBadge } from './member-badges';

// The documented values, written out here rather than taken from the contract's lists, so
// a value dropped from (or misspelt in) the contract shows up as a neutral badge and fails.
// Member enums: seeds/whop-retrieve-member.md (AccessLevel, MemberStatuses,
// MemberMostRecentActions); membership status: @whop/sdk's MembershipStatus. `satisfies
// Record<…>` makes the compiler hold each list to the SDK's type: none missing, none extra.
const accessLevels = {
  no_access: 'No access',
  admin: 'Admin',
  customer: 'Customer',
} satisfies Record<AccessLevel, string>;

const memberStatuses = {
  drafted: 'Drafted',
  joined: 'Joined',
  left: 'Left',
} satisfies Record<MemberStatuses, string>;

const mostRecentActions = {
  canceling: 'Canceling',
  churned: 'Churned',
  finished_split_pay: 'Finished split pay',
  paused: 'Paused',
  paid_subscriber: 'Paid subscriber',
  paid_once: 'Paid once',
  expiring: 'Expiring',
  joined: 'Joined',
  drafted: 'Drafted',
  left: 'Left',
  trialing: 'Trialing',
  pending_entry: 'Pending entry',
  renewing: 'Renewing',
  past_due: 'Past due',
} satisfies Record<MemberMostRecentActions, string>;

const membershipStatuses = {
  trialing: 'Trialing',
  active: 'Active',
  past_due: 'Past due',
  completed: 'Completed',
  canceled: 'Canceled',
  expired: 'Expired',
  unresolved: 'Unresolved',
  drafted: 'Drafted',
  canceling: 'Canceling',
} satisfies Record<MembershipStatus, string>;

const families: [string, ComponentType<{ value: string }>, Record<string, string>][] = [
  ['access level', AccessLevelBadge, accessLevels],
  ['member status', StatusBadge, memberStatuses],
  ['most recent action', ActionBadge, mostRecentActions],
  ['membership status', MembershipStatusBadge, membershipStatuses],
];

const neutral = 'border-dashed';

describe.each(families)('%s badge', (_name, Badge, labels) => {
  it.each(Object.entries(labels))('%s is known: styled, labelled %j', (value, label) => {
    const { container } = render(<Badge value={value} />);
    const badge = container.firstElementChild as HTMLElement;
    expect(badge.textContent).toBe(label);
    expect(badge.className).not.toContain(neutral);
    expect(badge).not.toHaveAttribute('title');
  });

  it('uses more than one style across the documented values', () => {
    const classes = new Set(
      Object.keys(labels).map((value) => {
        const { container, unmount } = render(<Badge value={value} />);
        const className = (container.firstElementChild as HTMLElement).className;
        unmount();
        return className;
      }),
    );
    expect(classes.size).toBeGreaterThan(1);
  });

  it('renders a value Whop has not documented neutrally, with its text', () => {
    render(<Badge value="suspended_by_staff" />);
    const badge = screen.getByText('Suspended by staff');
    expect(badge.className).toContain(neutral);
    expect(badge).toHaveAttribute('title', expect.stringContaining('suspended_by_staff'));
  });
});
