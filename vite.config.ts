/**
 * One config for the extension build (Chromium by default, Firefox with BROWSER=firefox) and for the
 * unit tests (vitest reads `test`; the crx plugin is left out there).
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import baseManifest from './manifest.json' with { type: 'json' };
import { buildFoldTable, foldTableText } from './src/core/normalize.ts';

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

/**
 * Vite wraps every dynamic `import()` in a helper that adds `<link rel=modulepreload>` tags for the
 * imported chunk's dependencies (about 1.1 KB, in the script every page loads). With
 * `modulePreload: false` the lists are empty and the helper only calls the import, so it is
 * replaced by that call: in a content script a link tag would land in the reader's page anyway.
 */
function plainDynamicImport(): Plugin {
  const id = '\0vite/preload-helper.js';
  return {
    name: 'source-context-plain-dynamic-import',
    enforce: 'pre',
    resolveId: (source) => (source === 'vite/preload-helper.js' || source === id ? id : null),
    load: (resolved) => (resolved === id ? 'export const __vitePreload = (load) => load();' : null),
  };
}

const CONTENT_ENTRY = /\/src\/content\/index\.ts$/;

/**
 * The modules the content script shares with the rest of the extension (folding, the index
 * format, settings…) go into one chunk instead of one chunk per group of importers: every page then
 * loads the content script in two files, not nine (each file is a module fetch and compile of its
 * own before the script can start, and is compressed apart). Modules only the content script
 * uses stay in its own chunk.
 */
function sharedWithContent(id: string, ctx: { getModuleInfo(id: string): { importers: readonly string[] } | null }): string | null {
  let content = false;
  let other = false;
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0 && !(content && other)) {
    const m = stack.pop() as string;
    if (seen.has(m)) continue;
    seen.add(m);
    const importers = ctx.getModuleInfo(m)?.importers ?? [];
    if (CONTENT_ENTRY.test(m)) content = true;
    else if (importers.length === 0) other = true;
    stack.push(...importers);
  }
  return content && other ? 'content-shared' : null;
}

export default defineConfig({
  plugins: isTest ? [] : [plainDynamicImport(), privacyPolicy(), crx({ manifest: manifestFor(target), browser: target })],
  // The text-folding table, computed here once instead of on every page (src/core/normalize.ts).
  define: isTest ? {} : { __SC_FOLD_TABLE__: JSON.stringify(foldTableText(buildFoldTable())) },
  build: {
    outDir: target === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
    // Pages the manifest does not name: the welcome page (opened by the background on install)
    // and the privacy policy (linked from the options and welcome pages).
    rollupOptions: {
      input: { welcome: 'src/welcome/index.html', privacy: 'src/privacy/index.html' },
      output: { codeSplitting: { groups: [{ name: sharedWithContent }] } },
    },
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
