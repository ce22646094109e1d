// One lint config for the whole repo (server, libs, tests, frontend TS).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.angular/**', '.cache/**', 'coverage/**', 'test-results/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // process.env is read in one place only: libs/config.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through libs/config (loadConfig).' }],
    },
  },
  {
    files: ['libs/config/src/**/*.ts', '**/test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts', 'apps/frontend/e2e/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
