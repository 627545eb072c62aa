import type { Member } from '../../contract/member';

/** The name a person would use: full name, else @username, else a plain fallback. */
export function displayName(member: Pick<Member, 'user'>): string {
  return member.user?.name?.trim() || (member.user ? `@${member.user.username}` : 'Member without a user account');
}
