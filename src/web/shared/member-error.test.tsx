import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/api-error';
import { describeError } from './member-error';

describe('describeError', () => {
  it.each([
    [new ApiError(400, 'invalid_member_id', 'bad'), 'That is not a member id', 'search'],
    [new ApiError(404, 'member_not_found', 'x'), 'No member with that id', 'search'],
    [new ApiError(400, 'invalid_query', 'bad'), 'That search cannot be run', 'search'],
    [new ApiError(404, 'membership_not_found', 'x'), 'No membership with that id', 'search'],
    [
      new ApiError(501, 'search_not_configured', 'Set WHOP_COMPANY_ID.'),
      'Search by name, email or user id is not set up',
      'search',
    ],
    [new ApiError(502, 'upstream_unauthorized', 'key'), "Whop rejected the dashboard's API key", 'operator'],
    [new ApiError(502, 'upstream_forbidden', 'perm'), 'The API key is missing permissions', 'operator'],
    [new ApiError(429, 'upstream_rate_limited', 'slow', 12), 'Too many lookups right now', 'wait'],
    [new ApiError(429, 'rate_limited', 'slow', 12), 'Too many lookups right now', 'wait'],
    [new ApiError(504, 'upstream_timeout', 't'), 'Whop took too long to answer', 'retry'],
    [new ApiError(503, 'busy', 'b', 1), 'The dashboard is busy', 'retry'],
    [new ApiError(502, 'upstream_error', 'e'), 'Whop could not be reached properly', 'retry'],
    [new ApiError(401, 'unauthenticated', 'ended'), 'Your session has ended', 'sign-in'],
    [new ApiError(403, 'not_admin', 'no longer'), 'You are no longer an admin', 'signed-out'],
    [new ApiError(503, 'auth_unavailable', 'try'), 'Could not confirm your access', 'retry'],
    [new NetworkError(), 'Could not reach the dashboard', 'retry'],
    [new TypeError('boom'), 'Something went wrong', 'retry'],
  ])('%s -> %s', (error, title, action) => {
    expect(describeError(error, 'mber_x')).toMatchObject({ title, action });
  });

  it('carries the retry time for rate limits', () => {
    expect(describeError(new ApiError(429, 'upstream_rate_limited', 'x', 12), 'mber_x').retryAfterSeconds).toBe(12);
  });
});

describe('describeError for searches', () => {
  it('tells the manager what still works while search is not configured', () => {
    const view = describeError(
      new ApiError(501, 'search_not_configured', 'An operator must set WHOP_COMPANY_ID (biz_…).'),
      'ava',
    );
    expect(view.body).toContain('WHOP_COMPANY_ID');
    expect(view.body).toContain('member id (mber_…)');
  });

  it('names the membership id that was not found', () => {
    expect(describeError(new ApiError(404, 'membership_not_found', 'x'), 'mem_abc').body).toContain('“mem_abc”');
  });
});
