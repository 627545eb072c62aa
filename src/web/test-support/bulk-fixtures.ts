// Lists and rows for the bulk page's tests, typed with the contract's own types.
import type { BulkCounts, BulkList, BulkMember, BulkRow } from '../../contract/bulk';

export const LIST_ID = '0b8f6a1e-5c3d-4e2f-9a7b-1c2d3e4f5a6b';

export function bulkMember(fields: Partial<BulkMember> & { id: string }): BulkMember {
  return {
    name: null,
    username: null,
    email: null,
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_subscriber',
    most_recent_action_at: '2026-05-01T12:00:00.000Z',
    usd_total_spent: 0,
    company_token_balance: 0,
    joined_at: '2025-01-01T12:00:00.000Z',
    ...fields,
  };
}

export const pending = (index: number, input = `line ${index}`, version = 1): BulkRow => ({
  index,
  input,
  version,
  outcome: 'pending',
});

export function counts(rows: BulkRow[]): BulkCounts {
  const by = (outcome: BulkRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  return {
    total: rows.length,
    done: rows.filter((r) => r.outcome !== 'pending').length,
    found: by('found'),
    not_found: by('not_found'),
    ambiguous: by('ambiguous'),
    invalid: by('invalid'),
    failed: by('failed'),
    cancelled: by('cancelled'),
  };
}

export function bulkList(rows: BulkRow[], fields: Partial<BulkList> = {}): BulkList {
  return {
    id: LIST_ID,
    state: 'running',
    created_at: '2026-06-01T12:00:00.000Z',
    version: Math.max(1, ...rows.map((r) => r.version)),
    counts: counts(rows),
    eta_seconds: null,
    paused_until: null,
    rows,
    ...fields,
  };
}
