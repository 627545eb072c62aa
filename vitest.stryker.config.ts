import { defineConfig } from 'vitest/config';

// Mutation testing covers src/contract and src/server, whose tests all run under node;
// the browser project (jsdom) would only slow every mutant down.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/contract/**/*.test.ts', 'src/server/**/*.test.ts', 'src/demo-whop/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
