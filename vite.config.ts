/**
 * One config for the extension build (Chromium by default, Firefox with BROWSER=firefox) and for the
 * unit tests (vitest reads `test`; the crx plugin is left out there).
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
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
        strict_min_version: '128.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return m as unknown as ManifestV3Export;
}

export default defineConfig({
  plugins: isTest ? [] : [crx({ manifest: manifestFor(target), browser: target })],
  build: {
    outDir: target === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
  },
  publicDir: 'assets',
  server: { port: 5199, strictPort: true },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
  },
});
