// Lint for the whole repository (`npm run lint` = `eslint -c .ci/eslint.config.js .`).
// typescript-eslint's recommended rules, with `any` forbidden everywhere: data from outside enters
// as `unknown` and is narrowed by a validator (see STYLE.md, "Types").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-firefox/**', 'node_modules/**', 'tools/pack/out/**', 'tests/bench/results/**', 'tests/demo/screenshots/**', 'tests/e2e/artifacts/**', 'packages/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Node scripts: tests, the demo, the benchmark, the release and authoring tools, the CI config
    // and the build config.
    files: ['tests/**/*.{ts,tsx,mjs,js}', 'tools/**/*.{ts,mjs,js}', '.ci/**/*.js', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
