// The longer run (npm run mutate:all): all of src/contract and src/server, minus tests and
// test helpers. Static mutants (module constants) are skipped here to keep it within reach
// on two cores; the guard run (stryker.config.mjs) keeps them, since the CSP is one.
import guard from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...guard,
  mutate: ['src/contract/**/*.ts', 'src/server/**/*.ts', '!src/**/*.test.ts', '!src/server/**/*.test.ts'],
  ignoreStatic: true,
  incrementalFile: 'reports/stryker-incremental-all.json',
  htmlReporter: { fileName: 'reports/mutation-all/index.html' },
  jsonReporter: { fileName: 'reports/mutation-all/mutation.json' },
};
