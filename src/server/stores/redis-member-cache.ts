import { MemberSchema } from '../../contract/member';
import type { CachedMember, MemberCache } from '../member-cache';
import type { Redis } from './redis';

/**
 * The member cache in Redis, shared by every instance: `member:<id>` holds the member as
 * JSON (`SET … PX ttl`), or `{"kind":"not_found"}`. What comes back is checked with the
 * contract's MemberSchema, as an answer from Whop would be, so a corrupt or foreign value
 * is a miss. Redis being down, slow or refusing is a miss too, and a write that fails is
 * skipped: the cache is bypassed, the lookup asks Whop and never fails because of it.
 */
export function createRedisMemberCache(client: Redis): MemberCache {
  const key = (id: string) => `member:${id}`;
  return {
    async get(id) {
      // Not connected: skip the round trip (it would be refused at once anyway).
      if (client.status !== 'ready') return undefined;
      try {
        return parseCached(await client.get(key(id)));
      } catch {
        return undefined;
      }
    },
    async set(id, entry, ttlMs) {
      if (client.status !== 'ready') return;
      try {
        await client.set(key(id), JSON.stringify(entry), 'PX', Math.max(1, Math.ceil(ttlMs)));
      } catch {
        // Bypassed: the next lookup asks Whop again, as with the cache off.
      }
    },
  };
}

function parseCached(raw: string | null): CachedMember | undefined {
  if (raw === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('kind' in value)) return undefined;
  if (value.kind === 'not_found') return { kind: 'not_found' };
  if (value.kind !== 'member' || !('member' in value)) return undefined;
  const member = MemberSchema.safeParse(value.member);
  return member.success ? { kind: 'member', member: member.data } : undefined;
}
