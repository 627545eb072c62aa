import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../contract/api-error';
import { ApiError, NetworkError } from './api/api-error';
import { describeError } from './describe-error';

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

describe('describeError for every code the server sends', () => {
  // Written out by hand, not taken from the module's table: each code's title and next step.
  const expected: Record<string, [title: string, action: string]> = {
    invalid_member_id: ['That is not a member id', 'search'],
    member_not_found: ['No member with that id', 'search'],
    invalid_query: ['That search cannot be run', 'search'],
    membership_not_found: ['No membership with that id', 'search'],
    search_not_configured: ['Search by name, email or user id is not set up', 'search'],
    upstream_unauthorized: ["Whop rejected the dashboard's API key", 'operator'],
    upstream_forbidden: ['The API key is missing permissions', 'operator'],
    upstream_rate_limited: ['Too many lookups right now', 'wait'],
    upstream_error: ['Whop could not be reached properly', 'retry'],
    upstream_timeout: ['Whop took too long to answer', 'retry'],
    rate_limited: ['Too many lookups right now', 'wait'],
    busy: ['The dashboard is busy', 'retry'],
    method_not_allowed: ['The dashboard server refused this kind of request', 'reload'],
    not_found: ['The dashboard server does not know this request', 'reload'],
    internal_error: ['The dashboard hit an error', 'retry'],
    unauthenticated: ['Your session has ended', 'sign-in'],
    not_admin: ['You are no longer an admin', 'signed-out'],
    forbidden_origin: ['The dashboard refused a request from this page', 'operator'],
    auth_unavailable: ['Could not confirm your access', 'retry'],
    store_unavailable: ['Sign-in is briefly unavailable', 'retry'],
    not_ready: ['The dashboard is not ready yet', 'retry'],
    // Placeholders from the server side (issue 27) until the bulk page words them.
    invalid_bulk_request: ['That list cannot be run', 'search'],
    bulk_too_large: ['That list is too long', 'search'],
    bulk_list_running: ['A list is already running', 'wait'],
    bulk_list_gone: ['That list is gone', 'search'],
  };

  it('has an expectation here for every code in the contract', () => {
    expect(Object.keys(expected).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(Object.entries(expected))('%s -> %j', (code, [title, action]) => {
    expect(describeError(new ApiError(500, code as ErrorCode, 'msg'), 'mber_x')).toMatchObject({ title, action });
  });

  it('blames Whop only for what Whop did', () => {
    const ours = ERROR_CODES.filter((code) => !code.startsWith('upstream_'));
    for (const code of ours) {
      const { title, body } = describeError(new ApiError(500, code, 'The server said so.'), 'mber_x');
      expect(`${code}: ${title}`).not.toMatch(/Whop could not be reached|Whop took too long|Whop rejected/);
      expect(`${code}: ${body}`).not.toMatch(/Whop could not be reached/);
    }
  });

  it("shows the server's message and request id for its own failure, so it can be reported", () => {
    const error = new ApiError(500, 'internal_error', 'Something went wrong on our side.', undefined, 'req_42');
    expect(describeError(error, 'mber_x').body).toBe('Something went wrong on our side. (request req_42)');
  });

  it('says a stale page is fixed by reloading when the server does not know the route', () => {
    const view = describeError(new ApiError(404, 'not_found', 'There is no such API route.'), 'mber_x');
    expect(view.body).toBe(
      'There is no such API route. The dashboard may have been updated since this page loaded; reloading it usually fixes this.',
    );
  });

  it('says what an operator must fix before retrying helps', () => {
    expect(describeError(new ApiError(502, 'upstream_forbidden', 'perm'), 'mber_x').hint).toBe(
      'Retrying will not help until the key is fixed.',
    );
    expect(describeError(new ApiError(403, 'forbidden_origin', 'origin'), 'mber_x').hint).toBe(
      'Retrying will not help until the page is opened from the address the dashboard is set up for.',
    );
  });

  it('tells apart the two rate limits', () => {
    expect(describeError(new ApiError(429, 'rate_limited', 'x'), 'mber_x').body).toBe(
      'You have made many lookups in the last minute.',
    );
    expect(describeError(new ApiError(429, 'upstream_rate_limited', 'x'), 'mber_x').body).toBe(
      'Whop is limiting how fast this dashboard can ask.',
    );
    expect(describeError(new ApiError(429, 'rate_limited', 'x'), 'mber_x').retryAfterSeconds).toBe(10);
  });
});

describe('describeError for failures the browser names', () => {
  it('calls an unreadable answer what it is, not a Whop outage', () => {
    const view = describeError(new ApiError(502, 'unexpected_response', 'The dashboard server answered 502.'), 'x');
    expect(view).toEqual({
      title: 'The dashboard server sent an unexpected answer',
      body: 'The dashboard server answered 502.',
      action: 'retry',
    });
  });

  it("describes a code from a newer server neutrally, in the server's words", () => {
    const view = describeError(new ApiError(418, 'unknown_code', 'Brewing.', undefined, 'req_7'), 'x');
    expect(view).toEqual({ title: 'Something went wrong', body: 'Brewing. (request req_7)', action: 'retry' });
  });

  it('stays neutral even for a code outside the types', () => {
    const view = describeError(new ApiError(500, 'constructor' as ErrorCode, 'Odd.'), 'x');
    expect(view).toEqual({ title: 'Something went wrong', body: 'Odd.', action: 'retry' });
  });
});
