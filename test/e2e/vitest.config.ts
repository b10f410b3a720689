import { defineProject } from 'vitest/config';

// The lab is one per machine: one file at a time, long timeouts, the agents and the lab built first.
export default defineProject({
  resolve: { conditions: ['@routerd/source'] },
  test: {
    include: ['*.test.ts'],
    setupFiles: ['../../tools/vitest/no-console.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
