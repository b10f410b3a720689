import { defineConfig } from 'vitest/config';

// Lets `npx vitest` at the root run every project's tests from source.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*', 'test', 'test/e2e', 'tools/*'] },
});
