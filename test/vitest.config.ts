import { defineProject } from 'vitest/config';

// Real processes, real servers: one file at a time (2 cores), long timeouts, the agents built first.
export default defineProject({
  resolve: { conditions: ['@routerd/source'] },
  test: {
    include: ['integration/**/*.test.ts'],
    setupFiles: ['../tools/vitest/no-console.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
