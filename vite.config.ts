/**
 * One config for the extension build (Chromium by default, Firefox with BROWSER=firefox) and for the
 * unit tests (vitest reads `test`; the crx plugin is left out there).
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import baseManifest from './manifest.json' with { type: 'json' };

const target = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';
const isTest = Boolean(process.env.VITEST);

/**
 * Firefox differences, all in one place:
 * - the background runs as an event page (`background.scripts`); Firefox has no extension service worker;
 * - `browser_specific_settings.gecko` gives the add-on a stable id and declares that it collects no data;
 * - `minimum_chrome_version` means nothing there.
 */
function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  const m = structuredClone(baseManifest) as Record<string, unknown>;
  if (browser === 'firefox') {
    delete m.minimum_chrome_version;
    m.background = { scripts: ['src/background/index.ts'], type: 'module' };
    m.browser_specific_settings = {
      gecko: {
        id: 'source-context@source-context.invalid',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return m as unknown as ManifestV3Export;
}

/**
 * `virtual:privacy-policy`: PRIVACY.md's text, for the privacy page (src/privacy). The policy stays
 * one file at the repository root, where the stores and readers look for it, and src/ imports
 * nothing from outside itself but assets.
 */
function privacyPolicy(): Plugin {
  const id = 'virtual:privacy-policy';
  return {
    name: 'source-context-privacy-policy',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const file = new URL('./PRIVACY.md', import.meta.url);
      this.addWatchFile(file.pathname);
      return `export default ${JSON.stringify(readFileSync(file, 'utf8'))};`;
    },
  };
}

export default defineConfig({
  plugins: isTest ? [] : [privacyPolicy(), crx({ manifest: manifestFor(target), browser: target })],
  build: {
    outDir: target === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
    // Pages the manifest does not name: the welcome page (opened by the background on install)
    // and the privacy policy (linked from the options and welcome pages).
    rollupOptions: { input: { welcome: 'src/welcome/index.html', privacy: 'src/privacy/index.html' } },
  },
  publicDir: 'assets',
  server: { port: 5199, strictPort: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', '**/node_modules/**'],
          setupFiles: ['tests/setup.ts'],
          environment: 'node',
        },
      },
      {
        // Browser tests drive real Chromium and Firefox against the built dist/ and dist-firefox/
        // (see tests/e2e/harness). One file at a time: the machine has 2 cores and each browser
        // wants one; Chromium's suite runs before Firefox's within each file.
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
