// `npm run bench` runs this after the build. The benchmark is TypeScript (tests/bench/bench.ts) and
// Node 20 cannot strip types, so vite's module runner (already a dev dependency) loads it, as
// tests/pack/run-ts.mjs does for the pack tools. Arguments are passed on: --quick, --no-pack,
// --profile, --keep.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('./bench.ts', import.meta.url));
// configFile: false keeps the extension build config (and its crx plugin) out of the benchmark.
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
process.exitCode = await module.main(process.argv.slice(2));
