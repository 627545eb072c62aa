// Prints one closing line for the whole suite, "N passed, N failed, N skipped", from the
// JSON reports vitest and Playwright wrote during `npm test`.
import { readFileSync } from 'node:fs';

const vitest = JSON.parse(readFileSync('.cache/vitest.json', 'utf8'));
const playwright = JSON.parse(readFileSync('.cache/playwright.json', 'utf8'));
const passed = vitest.numPassedTests + playwright.stats.expected;
const failed = vitest.numFailedTests + playwright.stats.unexpected + playwright.stats.flaky;
const skipped = vitest.numPendingTests + vitest.numTodoTests + playwright.stats.skipped;
console.log(
  `unit: ${vitest.numPassedTests} passed (vitest), browser: ${playwright.stats.expected} passed (Playwright)`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
