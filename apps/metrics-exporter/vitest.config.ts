import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@routerd/source'] },
  test: { include: ['src/**/*.test.ts'], setupFiles: ['../../tools/vitest/no-console.ts'] },
});
