// Mutation testing (npm run mutate): see docs/mutation.md and docs/decisions.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  // Stryker's tsconfig step calls ts.parseConfigFileTextToJson, which TypeScript 7 lacks;
  // a missing file skips it (the vitest runner does not need it).
  tsconfigFile: 'stryker-has-no-tsconfig.json',
  plugins: ['@stryker-mutator/vitest-runner'],
  // The guard files of issue 13 (keep in step with GUARD_FILES in scripts/mutation-summary.mjs).
  mutate: [
    'src/server/auth/return-to.ts',
    'src/server/http/security-headers.ts',
    'src/contract/member-id.ts',
    'src/contract/search-query.ts',
    'src/server/http/rate-limit.ts',
    'src/server/auth/sessions.ts',
    'src/server/auth/session-store.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental-guard.json',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation-guard/index.html' },
  jsonReporter: { fileName: 'reports/mutation-guard/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
