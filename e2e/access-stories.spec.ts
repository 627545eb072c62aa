// Each story the access summary tells, on its demo member (README, "Demo members"): the verdict,
// and the sentence with its product, date and reason or Whop's failure message. The rules behind
// them are unit- and property-tested in src/contract/access-summary.test.ts; this checks that the
// page says them, from the stand-in's data through the server and the app.
import { expect, test } from './fixtures';

const DATE = String.raw`[A-Z][a-z]{2} \d{1,2}, \d{4}`;
const re = (source: string) => new RegExp(source.replaceAll('DATE', DATE));

const STORIES: { id: string; verdict: string; sentence: RegExp; also?: string }[] = [
  {
    id: 'mber_demoPriyaNair',
    verdict: 'Has access',
    sentence: re('Has access to Northwind Pro: on a trial until DATE\\.'),
  },
  {
    id: 'mber_demoExpiring',
    verdict: 'Has access',
    sentence: re('Has access to Northwind Pro until DATE: set to cancel at the end of the period\\.'),
    also: 'In their words: “Money is tight until my next contract.”',
  },
  {
    id: 'mber_demoPaused',
    verdict: 'Has access',
    sentence: re(
      'Has access to Northwind Pro: active, but the company paused collecting payments; the current period ends DATE\\.',
    ),
  },
  {
    id: 'mber_demoMarcusWeber',
    verdict: 'Has access',
    sentence: /Has access: an admin of the company, who needs no membership\./,
  },
  {
    id: 'mber_demoExpiredAfterFailures',
    verdict: 'No access',
    sentence: re(
      'No access: Northwind Pro expired on DATE after failed payments \\(“Your card was declined: insufficient funds\\.”\\)\\.',
    ),
    also: '4 failed payment attempts',
  },
  {
    id: 'mber_demoRefunded',
    verdict: 'No access',
    sentence: re('No access: Northwind Pro was canceled on DATE; the last payment was refunded on DATE\\.'),
  },
  {
    id: 'mber_demoChargebackLost',
    verdict: 'No access',
    sentence: re('No access: Northwind Pro was canceled on DATE; a chargeback on the last payment was lost\\.'),
  },
  {
    id: 'mber_demoChargebackOpen',
    verdict: 'No access',
    sentence: re('No access: Northwind Pro was canceled on DATE; a chargeback on the last payment is open\\.'),
    also: 'A dispute needs your response',
  },
  {
    id: 'mber_demoLeftUser',
    verdict: 'No access',
    sentence: /No access: left the company\./,
    also: 'Also: Daily Signals (expired).',
  },
  { id: 'mber_demoNoUser', verdict: 'No access', sentence: /No access: has never had a membership\./ },
  {
    id: 'mber_demoWhale',
    verdict: 'Has access',
    sentence: re('Has access to Daily Signals: active, renews on DATE\\.'),
    also: 'Also: Northwind Pro (active), Trading Basics Course (completed).',
  },
];

for (const story of STORIES) {
  test(`${story.id}: ${story.verdict}, and why`, async ({ page, memberPage }) => {
    await page.goto(`/members/${story.id}`);
    const summary = memberPage.accessSummary;
    await expect(summary).toBeVisible();
    await expect(summary).not.toHaveAttribute('aria-busy');
    await expect(summary).toContainText(story.verdict);
    await expect(summary).toContainText(story.sentence);
    if (story.also) await expect(summary).toContainText(story.also);
  });
}
