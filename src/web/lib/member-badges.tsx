import {
  ACCESS_LEVELS,
  isKnown,
  type KnownAccessLevel,
  type KnownMemberStatus,
  type KnownMostRecentAction,
  MEMBER_STATUSES,
  MOST_RECENT_ACTIONS,
} from '../../contract/member';
import { type KnownMembershipStatus, MEMBERSHIP_STATUSES } from '../../contract/membership';
import { humanize } from './format/labels';
import { Badge, type BadgeTone } from './ui/badge';

type Style = { tone: BadgeTone; label: string };

// Exhaustive maps: a value Whop newly documents is a type error here until styled.
const accessLevels: Record<KnownAccessLevel, Style> = {
  admin: { tone: 'violet', label: 'Admin' },
  customer: { tone: 'green', label: 'Customer' },
  no_access: { tone: 'gray', label: 'No access' },
};

const statuses: Record<KnownMemberStatus, Style> = {
  joined: { tone: 'green', label: 'Joined' },
  drafted: { tone: 'amber', label: 'Drafted' },
  left: { tone: 'gray', label: 'Left' },
};

const actions: Record<KnownMostRecentAction, Style> = {
  paid_subscriber: { tone: 'green', label: 'Paid subscriber' },
  paid_once: { tone: 'green', label: 'Paid once' },
  renewing: { tone: 'green', label: 'Renewing' },
  finished_split_pay: { tone: 'green', label: 'Finished split pay' },
  trialing: { tone: 'blue', label: 'Trialing' },
  joined: { tone: 'blue', label: 'Joined' },
  pending_entry: { tone: 'blue', label: 'Pending entry' },
  drafted: { tone: 'amber', label: 'Drafted' },
  paused: { tone: 'amber', label: 'Paused' },
  expiring: { tone: 'amber', label: 'Expiring' },
  canceling: { tone: 'amber', label: 'Canceling' },
  past_due: { tone: 'red', label: 'Past due' },
  churned: { tone: 'red', label: 'Churned' },
  left: { tone: 'gray', label: 'Left' },
};

const membershipStatuses: Record<KnownMembershipStatus, Style> = {
  active: { tone: 'green', label: 'Active' },
  completed: { tone: 'violet', label: 'Completed' },
  trialing: { tone: 'blue', label: 'Trialing' },
  drafted: { tone: 'amber', label: 'Drafted' },
  canceling: { tone: 'amber', label: 'Canceling' },
  unresolved: { tone: 'amber', label: 'Unresolved' },
  past_due: { tone: 'red', label: 'Past due' },
  canceled: { tone: 'gray', label: 'Canceled' },
  expired: { tone: 'gray', label: 'Expired' },
};

function EnumBadge<const T extends readonly string[]>({
  values,
  styles,
  value,
}: {
  values: T;
  styles: Record<T[number], Style>;
  value: string;
}) {
  if (isKnown(values, value)) {
    const style = styles[value as T[number]];
    return <Badge tone={style.tone}>{style.label}</Badge>;
  }
  // Undocumented value: shown as Whop sent it, in a neutral style.
  return (
    <Badge tone="neutral" title={`Value not known to this dashboard: ${value}`}>
      {humanize(value)}
    </Badge>
  );
}

export function AccessLevelBadge({ value }: { value: string }) {
  return <EnumBadge values={ACCESS_LEVELS} styles={accessLevels} value={value} />;
}

export function StatusBadge({ value }: { value: string }) {
  return <EnumBadge values={MEMBER_STATUSES} styles={statuses} value={value} />;
}

export function ActionBadge({ value }: { value: string }) {
  return <EnumBadge values={MOST_RECENT_ACTIONS} styles={actions} value={value} />;
}

export function MembershipStatusBadge({ value }: { value: string }) {
  return <EnumBadge values={MEMBERSHIP_STATUSES} styles={membershipStatuses} value={value} />;
}
