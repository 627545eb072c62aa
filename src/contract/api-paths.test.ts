import { describe, expect, it } from 'vitest';
import {
  API_ROUTES,
  apiPath,
  memberApiPath,
  memberListApiPath,
  memberListRoute,
  membershipApiPath,
  searchApiPath,
} from './api-paths';

describe('the API paths', () => {
  it('fill the templates the server mounts, under /api', () => {
    expect(apiPath(API_ROUTES.health)).toBe('/api/health');
    expect(apiPath(API_ROUTES.session)).toBe('/api/session');
    expect(memberApiPath('mber_1')).toBe('/api/members/mber_1');
    expect(membershipApiPath('mem_1')).toBe('/api/memberships/mem_1');
    expect(memberListRoute('payments')).toBe('/members/:id/payments');
    expect(memberListApiPath('mber_1', 'payments', null)).toBe('/api/members/mber_1/payments');
  });

  it('encode what they carry, so an id stays one path segment and a query one parameter', () => {
    expect(memberApiPath('a/b?c#d')).toBe('/api/members/a%2Fb%3Fc%23d');
    expect(memberListApiPath('mber_1', 'payments', 'x&y=z')).toBe('/api/members/mber_1/payments?cursor=x%26y%3Dz');
    expect(searchApiPath('ann & co', null)).toBe('/api/members?query=ann+%26+co');
    expect(searchApiPath('ann', 'c1')).toBe('/api/members?query=ann&cursor=c1');
  });
});
