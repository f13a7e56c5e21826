// Runs a TypeScript tool (the pack tools here, the benchmark in tests/bench) under plain Node 20,
// which cannot strip types: vite's module runner (already a dev dependency) transforms the file and
// its imports in memory, so the tool runs the same src/ code the extension ships.
// Usage: node tools/run-ts.mjs TOOL.ts [ARGS…]. The tool exports `main(args)` returning an exit code
// (or a promise of one).
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const [tool, ...args] = process.argv.slice(2);
if (!tool) {
  console.error('usage: node tools/run-ts.mjs TOOL.ts [ARGS…]');
  process.exit(2);
}
// configFile: false keeps the extension build config (and its crx plugin) out of a command-line tool.
const { module } = await runnerImport(resolve(tool), { configFile: false, logLevel: 'error' });
if (typeof module.main !== 'function') {
  console.error(`${tool} exports no main(args)`);
  process.exit(2);
}
process.exitCode = await module.main(args);
