import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './api/api-error';
import { shouldRetry } from './query-client';

describe('shouldRetry', () => {
  it.each([
    [new NetworkError(), true],
    [new ApiError(502, 'upstream_error', ''), true],
    [new ApiError(503, 'busy', ''), true],
    [new ApiError(504, 'upstream_timeout', ''), true],
    [new ApiError(502, 'upstream_unauthorized', ''), false],
    [new ApiError(502, 'upstream_forbidden', ''), false],
    [new ApiError(400, 'invalid_member_id', ''), false],
    [new ApiError(404, 'member_not_found', ''), false],
    [new ApiError(429, 'upstream_rate_limited', ''), false],
    [new ApiError(500, 'internal_error', ''), false],
  ])('%s -> %s', (error, expected) => {
    expect(shouldRetry(0, error)).toBe(expected);
  });

  it('stops after two retries', () => {
    expect(shouldRetry(2, new NetworkError())).toBe(false);
  });
});
