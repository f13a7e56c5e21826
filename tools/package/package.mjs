// Store packages for both browsers: `npm run package`.
//   1. builds dist/ (Chromium) and dist-firefox/ (skip with --no-build when they are fresh);
//   2. zips each folder's contents (manifest at the archive root, see zip.mjs) into
//      packages/source-context-{chrome,firefox}-<version>.zip, then reads each archive back and
//      compares it with the folder, file by file;
//   3. lints the Firefox archive's contents with web-ext (offline, Firefox/AMO rules): any error
//      fails the run, warnings are printed and allowed;
//   4. loads the Chrome archive's contents in headless Chromium and waits for the service worker
//      (skipped with a note when Chromium or playwright-core is missing, or with --no-load-check).
// `--lint-only` does step 3 alone, on dist-firefox/ as built (`npm run lint:firefox`).
// Exit code 0 when every step passed, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkZip, createZip, readEntries } from './zip.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_DIR = join(ROOT, 'packages');
const TARGETS = [
  { browser: 'chrome', dist: join(ROOT, 'dist'), script: 'build' },
  { browser: 'firefox', dist: join(ROOT, 'dist-firefox'), script: 'build:firefox' },
];
const WEB_EXT = join(ROOT, 'node_modules', 'web-ext', 'bin', 'web-ext.js');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WORKER_TIMEOUT_MS = 20_000;

class PackageError extends Error {}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function build(script) {
  console.log(`> npm run ${script}`);
  // Production whatever the caller's NODE_ENV: under NODE_ENV=test or development the JSX transform
  // writes each component's absolute file path into the bundle, so the zips would depend on where
  // the source sits (tests/tools/release.test.ts rebuilds from another folder).
  const run = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (run.status !== 0) throw new PackageError(`npm run ${script} failed (exit ${run.status ?? run.signal})`);
}

/** The built manifest, checked against the source one so a stale dist/ is never shipped. */
function builtManifest(dist, version) {
  const path = join(dist, 'manifest.json');
  if (!existsSync(path)) throw new PackageError(`${path} is missing: build first (or drop --no-build)`);
  const manifest = readJson(path);
  if (manifest.version !== version) {
    throw new PackageError(`${path} has version ${manifest.version}, manifest.json has ${version}: rebuild`);
  }
  return manifest;
}

function unpackTo(files, dir) {
  for (const { name, data } of files) {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}

/**
 * Runs `web-ext lint` on `sourceDir` and prints its findings. Returns the number of errors.
 * The update check is turned off: it is the only thing web-ext would fetch, and CI is offline.
 */
function lintFirefox(sourceDir, label) {
  if (!existsSync(join(sourceDir, 'manifest.json'))) {
    throw new PackageError(`${sourceDir}/manifest.json is missing: run npm run build:firefox first`);
  }
  const run = spawnSync(
    process.execPath,
    [WEB_EXT, 'lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const out = run.stdout ?? '';
  let report;
  try {
    report = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1));
  } catch {
    process.stderr.write(run.stderr ?? '');
    throw new PackageError(`web-ext lint gave no JSON report (exit ${run.status ?? run.signal})`);
  }
  const { errors = [], warnings = [], notices = [] } = report;
  console.log(`web-ext lint (${label}): ${errors.length} errors, ${warnings.length} warnings, ${notices.length} notices`);
  const show = (kind, message) => {
    const where = message.file ? ` ${message.file}${message.line ? `:${message.line}` : ''}` : '';
    console.log(`  ${kind} ${message.code}${where}: ${message.message}`);
    if (message.description) console.log(`    ${String(message.description).replace(/\s+/g, ' ').trim()}`);
  };
  for (const m of errors) show('error', m);
  for (const m of warnings) show('warning', m);
  for (const m of notices) show('notice', m);
  return errors.length;
}

/**
 * Loads `extensionDir` in headless Chromium and waits for its service worker to start and report
 * the manifest version. Returns false when the check could not run here (no browser), true when
 * it passed; throws when the extension did not load.
 */
async function checkLoadsInChromium(extensionDir, version) {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`load check skipped: no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
    return false;
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    console.log('load check skipped: playwright-core is not installed');
    return false;
  }
  const profile = mkdtempSync(join(tmpdir(), 'source-context-profile-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: WORKER_TIMEOUT_MS }));
    const loaded = await worker.evaluate(() => chrome.runtime.getManifest().version);
    if (loaded !== version) throw new PackageError(`Chromium loaded version ${loaded}, expected ${version}`);
    console.log(`Chromium loaded the Chrome package: service worker ${new URL(worker.url()).pathname} started`);
    return true;
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError(`the Chrome package did not load in Chromium: ${error instanceof Error ? error.message : error}`);
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(args) {
  const known = new Set(['--no-build', '--lint-only', '--no-load-check']);
  const unknown = args.filter((a) => !known.has(a));
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown.join(' ')}; usage: package.mjs [--no-build] [--lint-only] [--no-load-check]`);
    return 2;
  }
  if (args.includes('--lint-only')) {
    return lintFirefox(join(ROOT, 'dist-firefox'), 'dist-firefox') > 0 ? 1 : 0;
  }

  if (!args.includes('--no-build')) for (const { script } of TARGETS) build(script);
  const { version } = readJson(join(ROOT, 'manifest.json'));
  mkdirSync(OUT_DIR, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'source-context-package-'));
  try {
    const unpacked = {};
    for (const { browser, dist } of TARGETS) {
      builtManifest(dist, version);
      const entries = readEntries(dist);
      const zip = createZip(entries);
      const file = join(OUT_DIR, `source-context-${browser}-${version}.zip`);
      writeFileSync(file, zip);
      // Check what was written, not what was meant: read it back, compare it with the folder, and
      // unpack that copy for the lint and load checks.
      let files;
      try {
        files = checkZip(readFileSync(file), entries);
      } catch (error) {
        throw new PackageError(`${file}: ${error instanceof Error ? error.message : error}`);
      }
      if (!files.some((e) => e.name === 'manifest.json')) throw new PackageError(`${file} has no root manifest.json`);
      console.log(`${file.slice(ROOT.length + 1)}: ${kib(zip.length)}, ${files.length} files`);
      unpacked[browser] = join(scratch, browser);
      unpackTo(files, unpacked[browser]);
    }

    const lintErrors = lintFirefox(unpacked.firefox, 'Firefox package');
    if (!args.includes('--no-load-check')) await checkLoadsInChromium(unpacked.chrome, version);
    if (lintErrors > 0) throw new PackageError(`web-ext lint found ${lintErrors} error(s) in the Firefox package`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof PackageError)) throw error;
  console.error(`package: ${error.message}`);
  process.exitCode = 1;
}
