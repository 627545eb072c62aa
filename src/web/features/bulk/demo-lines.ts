import type { DemoMemberLink } from '../../../contract/app-meta';

/**
 * A mixed list to try the page with on demo data: the suggested demo members by id and by
 * name (a name may match several), the stand-in's special ids (a slow one, one that does not
 * exist), and a line no lookup accepts. Built from what the server tells the page, so it
 * follows the stand-in's fixtures.
 */
export function demoLines(members: readonly DemoMemberLink[]): string[] {
  const lines: string[] = [];
  members.forEach((member, i) => {
    lines.push(member.id);
    // A person's name, not a description of a special id ("A slow answer (2 s)").
    if (i % 2 === 0 && /^[\p{L} .'-]+$/u.test(member.label) && !member.label.startsWith('A ')) lines.push(member.label);
  });
  lines.splice(Math.min(3, lines.length), 0, 'not a member id!');
  return lines;
}
