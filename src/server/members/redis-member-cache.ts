import { MemberSchema } from '../../contract/member';
import { z } from '../../contract/zod';
import { parseStored, type Redis } from '../redis';
import type { CachedMember, MemberCache } from './member-cache';

/** What `member:<id>` holds; the member is checked by the contract, as an answer from Whop would be. */
const CachedMemberSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not_found') }),
  z.object({ kind: z.literal('member'), member: MemberSchema }),
]);

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
    // Not connected: ioredis refuses the command at once (no offline queue), which is a miss here.
    async get(id): Promise<CachedMember | undefined> {
      try {
        return parseStored(await client.get(key(id)), CachedMemberSchema);
      } catch {
        return undefined;
      }
    },
    async set(id, entry, ttlMs) {
      try {
        await client.set(key(id), JSON.stringify(entry), 'PX', Math.max(1, Math.ceil(ttlMs)));
      } catch {
        // Bypassed: the next lookup asks Whop again, as with the cache off.
      }
    },
    // Redis down: nothing to forget that another instance could read until it is back, and
    // an entry kept there lives at most MEMBER_CACHE_TTL_MS; the caller logs the failure.
    async delete(id) {
      await client.del(key(id));
    },
  };
}
