import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One test file per core, not vitest's default of one less: most files wait on real servers
    // (Redis, the stand-in, child processes) rather than compute, and on a two-core machine the
    // default ran one file at a time (260 s; 142 s with two).
    maxWorkers: '100%',
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'src/contract/**/*.test.ts',
            'src/server/**/*.test.ts',
            'src/demo-whop/**/*.test.ts',
            'scripts/**/*.test.ts',
            'deploy/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          setupFiles: ['src/web/test-support/test-setup.ts'],
        },
      },
    ],
  },
});
