/**
 * What the built extension puts into pages, read from dist/: the content script loader named in
 * dist/manifest.json, the chunk it imports (crxjs loads the real script with a dynamic import of a
 * web-accessible chunk), that chunk's static imports, and the content CSS — loaded on every page —
 * and, apart, the chunks the content script imports dynamically (the UI), loaded only when a page
 * has something to mark, and those the UI imports dynamically in turn (the popup, the records, the
 * settings writes), loaded by the reader's first click or after the first badge. Sizes are bytes on
 * disk and gzip (level 9) per file, summed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface LoadSizes {
  everyPage: FileSize[];
  onDemand: FileSize[];
  everyPageGzip: number;
  everyPageBytes: number;
  onDemandGzip: number;
  onDemandBytes: number;
  /** Paths (relative to dist/) of the on-demand chunks: requesting any of them means the UI loaded. */
  onDemandFiles: string[];
  /** Paths of every-page chunks. */
  everyPageFiles: string[];
  /** Chunks the UI imports dynamically (and their static imports), not loaded with the first badge. */
  later: FileSize[];
  laterGzip: number;
}

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;
/** crxjs's loader: `import(chrome.runtime.getURL("assets/…js"))`. */
const RUNTIME_URL_IMPORT = /getURL\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

function sizeOf(dist: string, file: string): FileSize {
  const buf = readFileSync(join(dist, file));
  return { file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

function importsOf(dist: string, file: string): { statics: string[]; dynamics: string[] } {
  const code = readFileSync(join(dist, file), 'utf8');
  const resolveRel = (spec: string): string => relative(dist, normalize(join(dist, dirname(file), spec)));
  const statics = [...code.matchAll(STATIC_IMPORT)].map((m) => resolveRel(m[1] as string));
  const dynamics = [...code.matchAll(DYNAMIC_IMPORT)].map((m) => resolveRel(m[1] as string));
  for (const m of code.matchAll(RUNTIME_URL_IMPORT)) dynamics.push(m[1] as string);
  return { statics, dynamics };
}

/** A chunk and everything it imports statically. */
function closure(dist: string, roots: string[]): { files: Set<string>; dynamics: Set<string> } {
  const files = new Set<string>();
  const dynamics = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const f = stack.pop() as string;
    if (files.has(f)) continue;
    files.add(f);
    const { statics, dynamics: d } = importsOf(dist, f);
    stack.push(...statics);
    for (const x of d) dynamics.add(x);
  }
  return { files, dynamics };
}

export function measureLoadSizes(dist: string): LoadSizes {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
  };
  const scripts = manifest.content_scripts ?? [];
  const loaders = scripts.flatMap((c) => c.js ?? []);
  const css = scripts.flatMap((c) => c.css ?? []);
  // The loader's own dynamic import is not optional: it is how the content script starts.
  const loaderImports = loaders.flatMap((l) => importsOf(dist, l).dynamics);
  const every = closure(dist, [...loaders, ...loaderImports]);
  const ui = closure(
    dist,
    [...every.dynamics].filter((f) => !every.files.has(f) && !loaderImports.includes(f)),
  );
  const onDemandFiles = [...ui.files].filter((f) => !every.files.has(f));
  const after = closure(
    dist,
    [...ui.dynamics].filter((f) => !every.files.has(f) && !ui.files.has(f)),
  );
  const later = [...after.files].filter((f) => !every.files.has(f) && !ui.files.has(f)).map((f) => sizeOf(dist, f));
  const everyPage = [...every.files, ...css].map((f) => sizeOf(dist, f));
  const onDemand = onDemandFiles.map((f) => sizeOf(dist, f));
  const sum = (list: FileSize[], k: 'bytes' | 'gzip'): number => list.reduce((a, b) => a + b[k], 0);
  return {
    everyPage,
    onDemand,
    everyPageGzip: sum(everyPage, 'gzip'),
    everyPageBytes: sum(everyPage, 'bytes'),
    onDemandGzip: sum(onDemand, 'gzip'),
    onDemandBytes: sum(onDemand, 'bytes'),
    onDemandFiles,
    everyPageFiles: [...every.files, ...css],
    later,
    laterGzip: sum(later, 'gzip'),
  };
}
