// A release: `npm run release -- <version | major | minor | patch> [--date=YYYY-MM-DD] [--no-load-check]`.
//   1. checks that the working tree is clean (a release is made from committed source only);
//   2. sets the version in manifest.json, the one place it is kept, and copies it to package.json
//      and package-lock.json, so npm shows the same number;
//   3. turns CHANGELOG.md's "Unreleased" section into the version's entry (dated; when the section
//      is empty, the entry lists the commits since the last release);
//   4. builds both targets and writes the store zips with tools/package/package.mjs (which lints the
//      Firefox package and load-checks the Chrome one), then checks that each zip's manifest carries
//      the version;
//   5. writes the source archive for review, packages/source-context-<version>-source.zip: every
//      tracked file as it now is, plus BUILD.md, the steps that rebuild byte-identical zips from it.
// It commits nothing: the version bump and the changelog are left for review, with the commands to
// commit and tag them printed at the end. Exit code 0 when every step passed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZip, readZip } from '../package/zip.mjs';
import { bumpVersion, compareVersions, ReleaseInputError, releaseChangelog, setJsonVersion } from './versions.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_DIR = join(ROOT, 'packages');

class ReleaseError extends Error {}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.status !== 0) throw new ReleaseError(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})${r.stderr ? `:\n${r.stderr}` : ''}`);
  return r.stdout ?? '';
}

const git = (...args) => run('git', args);
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** The commits since the last "Release …" commit (all of them before the first release), merges left out. */
function commitsSinceLastRelease() {
  const last = git('log', '--format=%H', '--grep=^Release ', '-n', '1').trim();
  const range = last ? [`${last}..HEAD`] : [];
  return git('log', '--no-merges', '--format=%s', ...range)
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** BUILD.md at the source archive's root: how a reviewer gets the same zips from it. */
function buildInstructions(version) {
  const npm = run('npm', ['--version']).trim();
  return `# Building Source Context ${version} from this source

This archive is the complete source of the Source Context ${version} packages for the Chrome Web
Store and addons.mozilla.org. The build bundles and minifies the TypeScript in \`src/\` with Vite;
no file in the packages is written by hand after the build. The same source gives the same zips,
byte for byte (entries sorted, timestamps fixed: tools/package/zip.mjs).

## Requirements

- Linux, macOS or WSL, with Node.js 20.19 or later and npm (released with Node ${process.version}
  and npm ${npm}).
- The dependencies pinned by \`package-lock.json\`, installed with \`npm ci\`.

## Steps

\`\`\`sh
npm ci
npm run package -- --no-load-check
\`\`\`

\`npm run package\` builds \`dist/\` (Chromium) and \`dist-firefox/\` (Firefox), then writes

- \`packages/source-context-chrome-${version}.zip\`
- \`packages/source-context-firefox-${version}.zip\`

and lints the Firefox one with web-ext. Leave out \`--no-load-check\` to also load the Chrome
package in a local Chromium (set CHROMIUM_PATH if it is not /usr/bin/chromium).

To build one target only: \`npm run build\` (Chromium, into \`dist/\`) or \`npm run build:firefox\`
(into \`dist-firefox/\`); the Firefox differences are all in \`vite.config.ts\`.
`;
}

/** The tracked files, as they are in the working tree now, plus BUILD.md, as archive entries. */
function sourceEntries(version) {
  const names = git('ls-files', '-z').split('\0').filter(Boolean).sort();
  if (names.includes('BUILD.md')) throw new ReleaseError('BUILD.md is a tracked file: the source archive writes its own');
  const entries = names.map((name) => ({ name, data: readFileSync(join(ROOT, name)) }));
  entries.push({ name: 'BUILD.md', data: Buffer.from(buildInstructions(version)) });
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function parseArgs(args) {
  const opts = { target: null, date: new Date().toISOString().slice(0, 10), loadCheck: true };
  for (const a of args) {
    if (a.startsWith('--date=')) opts.date = a.slice('--date='.length);
    else if (a === '--no-load-check') opts.loadCheck = false;
    else if (!a.startsWith('-') && opts.target === null) opts.target = a;
    else throw new ReleaseError(`unknown option ${a}`);
  }
  if (!opts.target) throw new ReleaseError('usage: npm run release -- <version | major | minor | patch> [--date=YYYY-MM-DD] [--no-load-check]');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new ReleaseError(`--date must be YYYY-MM-DD, not ${opts.date}`);
  return opts;
}

async function main(args) {
  const opts = parseArgs(args);
  const dirty = git('status', '--porcelain', '--untracked-files=no').trim();
  if (dirty) throw new ReleaseError(`the working tree has uncommitted changes; commit or stash them first:\n${dirty}`);

  const manifestPath = join(ROOT, 'manifest.json');
  const manifestText = readFileSync(manifestPath, 'utf8');
  const current = JSON.parse(manifestText).version;
  const version = bumpVersion(current, opts.target);
  const changelogPath = join(ROOT, 'CHANGELOG.md');
  const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
  // The version in the manifest may be released once: a first release keeps it, later ones raise it.
  if (compareVersions(version, current) < 0) throw new ReleaseError(`${version} is lower than the current ${current}`);
  const nextChangelog = releaseChangelog(changelog, version, opts.date, commitsSinceLastRelease());

  writeFileSync(manifestPath, setJsonVersion(manifestText, version));
  for (const file of ['package.json', 'package-lock.json']) {
    const path = join(ROOT, file);
    if (existsSync(path)) writeFileSync(path, setJsonVersion(readFileSync(path, 'utf8'), version, file === 'package-lock.json'));
  }
  writeFileSync(changelogPath, nextChangelog);
  console.log(`version ${current} → ${version}; CHANGELOG.md has its entry`);

  // Builds both targets, zips, lints the Firefox package and (unless told not to) load-checks Chrome's.
  run(process.execPath, [join(ROOT, 'tools/package/package.mjs'), ...(opts.loadCheck ? [] : ['--no-load-check'])], { stdio: 'inherit' });
  const written = [];
  for (const browser of ['chrome', 'firefox']) {
    const file = join(OUT_DIR, `source-context-${browser}-${version}.zip`);
    const manifest = readZip(readFileSync(file)).find((e) => e.name === 'manifest.json');
    const shipped = manifest ? JSON.parse(manifest.data.toString('utf8')).version : undefined;
    if (shipped !== version) throw new ReleaseError(`${file} carries version ${shipped}, not ${version}`);
    written.push(file);
  }

  mkdirSync(OUT_DIR, { recursive: true });
  const source = join(OUT_DIR, `source-context-${version}-source.zip`);
  writeFileSync(source, createZip(sourceEntries(version)));
  written.push(source);

  console.log('\nrelease files:');
  for (const file of written) console.log(`  ${file.slice(ROOT.length + 1)}  sha256 ${sha256(readFileSync(file))}`);
  console.log(`\nnext: review the diff, then\n  git commit -am "Release ${version}" && git tag v${version}`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ReleaseError) && !(error instanceof ReleaseInputError)) throw error;
  console.error(`release: ${error.message}`);
  process.exitCode = 1;
}
