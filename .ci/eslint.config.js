// Lint for the whole repository (`npm run lint` = `eslint -c .ci/eslint.config.js .`).
// typescript-eslint's recommended rules, with `any` forbidden everywhere: data from outside enters
// as `unknown` and is narrowed by a validator (see STYLE.md, "Types").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import realms from './realms.json' with { type: 'json' };

/**
 * Realms: the folders of src/ and what each may import besides itself (realms.json, which the
 * conventions test reads too, for the imports lint does not see: dynamic ones and `import()` types).
 * `core` is the shared vocabulary and logic (no extension APIs: callers pass them in); `data` is the
 * dataset and its validator; `storage` the settings as stored; `ui` the shared components; the rest
 * are the extension's parts. Nothing imports the background, and no extension page imports the
 * content script or another page: they talk through messages and storage only.
 */
const REALMS = realms;

/**
 * One `no-restricted-imports` entry per realm and folder depth: from `src/<realm>/a/b.ts`, a relative
 * import reaches another realm as `../../<realm>/…`, so the pattern for each depth is exact, and a
 * folder inside a realm that shares another realm's name (`content/ui`) is told apart from it.
 * `core` may not leave its folder at all (not even for assets), nor import the extension API.
 */
function realmRules() {
  const names = Object.keys(REALMS);
  const configs = [];
  for (const [realm, allowed] of Object.entries(REALMS)) {
    const forbidden = realm === 'core' ? names.filter((n) => n !== 'core') : names.filter((n) => n !== realm && !allowed.includes(n));
    for (let depth = 1; depth <= 3; depth++) {
      const up = '\\.\\./'.repeat(depth);
      const patterns = [
        {
          regex: realm === 'core' ? `^${up}` : `^${up}(${forbidden.join('|')})(/|$)`,
          message: `src/${realm} may import ${allowed.length ? `only ${allowed.map((a) => `src/${a}`).join(', ')} and itself` : 'nothing outside src/core'} (realms: .ci/eslint.config.js).`,
        },
      ];
      const inner = '*/'.repeat(depth - 1);
      configs.push({
        files: [`src/${realm}/${inner}*.{ts,tsx}`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns,
              ...(realm === 'core' ? { paths: [{ name: 'webextension-polyfill', message: 'src/core takes extension APIs as parameters; it does not import them.' }] } : {}),
            },
          ],
          ...(realm === 'core' ? { 'no-restricted-globals': ['error', { name: 'browser', message: 'src/core takes extension APIs as parameters.' }, { name: 'chrome', message: 'src/core takes extension APIs as parameters.' }] } : {}),
        },
      });
    }
  }
  return configs;
}

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
    // The extension writes to a console only at debug level (content/quietly.ts, once per message):
    // a page's console is the page's, and the browser tests count any console error as ours.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-console': ['error', { allow: ['debug'] }] },
  },
  {
    // Node scripts: tests, the demo, the benchmark, the release and authoring tools, the CI config
    // and the build config.
    files: ['tests/**/*.{ts,tsx,mjs,js}', 'tools/**/*.{ts,mjs,js}', '.ci/**/*.js', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  ...realmRules(),
);
