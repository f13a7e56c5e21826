/**
 * Bundles tests/bench/in-page.ts (and through it the extension's src/core and src/content code) into
 * one script for the page, with vite's build API in library mode: same minifier and target as the
 * extension build, nothing written to disk.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ENTRY = fileURLToPath(new URL('./in-page.ts', import.meta.url));

interface OutputChunkLike {
  type: string;
  code?: string;
}

/** `minify: false` keeps function names, for CPU profiles. */
export async function bundleInPage(minify = true): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'error',
    publicDir: false,
    build: {
      write: false,
      target: 'es2022',
      minify,
      sourcemap: false,
      modulePreload: false,
      lib: { entry: ENTRY, formats: ['iife'], name: 'scBenchBundle', fileName: () => 'in-page.js' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: OutputChunkLike[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk' && typeof c.code === 'string');
  if (!chunk?.code) throw new Error('bench bundle: vite produced no script');
  return chunk.code;
}
