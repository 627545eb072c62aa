import { describe, expect, it } from 'vitest';
import { demoMembers } from '../../demo-whop/fixtures';
import { createMemoryMemberCache } from './member-cache';

const member = demoMembers(0)[0]!;

describe('the memory member cache', () => {
  it('forgets a member on delete, and a delete of an id it never held is harmless', () => {
    const cache = createMemoryMemberCache({ max: 10 });
    cache.set(member.id, { kind: 'member', member }, 60_000);
    cache.set('mber_gone', { kind: 'not_found' }, 60_000);
    cache.delete(member.id);
    cache.delete('mber_never');
    expect(cache.get(member.id)).toBeUndefined();
    expect(cache.get('mber_gone')).toEqual({ kind: 'not_found' });
  });
});
