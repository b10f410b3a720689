import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The boundaries of the monorepo, as a check: a package never imports an app, an app never imports
// another app, and nobody reaches into another project's files by path (only by package name, through
// its curated index). Tools and tests may use the apps, by package name.
const APPS = ['@routerd/dhcp-promoter', '@routerd/dnsmasq-lease-watcher', '@routerd/lease-receiver', '@routerd/metrics-exporter', '@routerd/routerctl', '@routerd/syncer', '@routerd/vip-watcher'];
const noDeepPaths = { group: ['@routerd/*/src/*', '@routerd/*/dist/*', '../../packages/*', '../../apps/*', '../../tools/*', '../../../*'], message: 'import another project by its package name, not by path' };
const boundaries = (forbidden) => ({
  'no-restricted-imports': ['error', { paths: forbidden.map((name) => ({ name, message: 'a package never imports an app, and an app never imports another app' })), patterns: [noDeepPaths] }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/out-tsc/**', '**/node_modules/**', '**/*.config.ts', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  { files: ['packages/**/*.ts'], rules: boundaries(APPS) },
  ...APPS.map((app) => ({ files: [`apps/${app.replace('@routerd/', '')}/**/*.ts`], rules: boundaries(APPS.filter((other) => other !== app)) })),
  { files: ['tools/**/*.ts', 'test/**/*.ts'], rules: boundaries([]) },
);
