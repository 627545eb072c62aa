import type { DescribedAccess } from '../../../../contract/access-summary';

/**
 * The summary as plain text for a support reply: the sentence, then its facts, the other
 * memberships and the risks, one a line. No ids or links: the reader of the reply has neither.
 */
export function summaryText(described: DescribedAccess): string {
  return [
    described.sentence,
    ...described.facts.map((fact) => `- ${fact.text}`),
    ...(described.others ? [described.others] : []),
    ...described.risks.map((risk) => `Warning: ${risk.text}`),
  ].join('\n');
}
