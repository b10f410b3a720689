import { defineProject } from 'vitest/config';

// The package test builds the .deb once and runs it on Debian 12's own Node: long timeouts, one file at a time.
export default defineProject({
  resolve: { conditions: ['@routerd/source'] },
  test: { include: ['src/**/*.test.ts'], setupFiles: ['../../tools/vitest/no-console.ts'], fileParallelism: false, testTimeout: 60_000, hookTimeout: 300_000 },
});
