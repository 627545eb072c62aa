import { defineConfig } from 'vitest/config';

// Mutation testing covers src/contract and src/server, whose tests all run under node;
// the browser project (jsdom) would only slow every mutant down.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/contract/**/*.test.ts', 'src/server/**/*.test.ts', 'src/demo-whop/**/*.test.ts'],
    // redis-startup.test.ts runs the built bundle (dist/), which carries no mutants: it can
    // kill none and would need a build inside Stryker's sandbox.
    exclude: ['src/server/redis-startup.test.ts', '**/node_modules/**'],
    testTimeout: 20_000,
  },
});
