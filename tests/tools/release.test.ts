/**
 * `npm run release` (tools/release): the version arithmetic and changelog entry, then a whole
 * release made in a throwaway copy of the repository: the version lands in manifest.json and follows
 * into package.json, both store zips carry it in their manifests, and the source archive, unpacked
 * elsewhere and built by its own BUILD.md steps, gives byte-identical zips.
 *
 * The whole release takes a minute or so (four builds, two web-ext lints) and runs with the unit
 * tests; it needs git, and node_modules to link into the copies (the copies never install anything).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../tools/package/zip.mjs';
import { bumpVersion, compareVersions, releaseChangelog, setJsonVersion } from '../../tools/release/versions.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE_MODULES = join(ROOT, 'node_modules');

describe('release bookkeeping', () => {
  it.each([
    ['0.1.0', 'patch', '0.1.1'],
    ['0.1.0', 'minor', '0.2.0'],
    ['0.1.9', 'major', '1.0.0'],
    ['1.2', 'patch', '1.2.1'],
    ['0.1.0', '0.1.0', '0.1.0'],
    ['0.1.0', '2.0.0.1', '2.0.0.1'],
  ])('%s, %s → %s', (current, target, next) => {
    expect(bumpVersion(current, target)).toBe(next);
  });

  it.each(['v1.0', '1.02', '1.2.3.4.5', '70000', '1.0-beta', ''])('refuses %j, which the stores would not take', (bad) => {
    expect(() => bumpVersion('0.1.0', bad)).toThrow(/not a version/);
  });

  it('orders versions by their numbers, not as text', () => {
    expect(compareVersions('0.10.0', '0.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
  });

  it('changes the version line of manifest.json, package.json and the lock file, and nothing else', () => {
    for (const file of ['manifest.json', 'package.json', 'package-lock.json']) {
      const before = readFileSync(join(ROOT, file), 'utf8');
      const after = setJsonVersion(before, '9.8.7', file === 'package-lock.json');
      const lines = before.split('\n');
      const changed = after.split('\n').filter((line, i) => line !== lines[i]);
      expect(changed.length, file).toBe(file === 'package-lock.json' ? 2 : 1);
      expect(changed.every((l) => l.includes('"version": "9.8.7"')), file).toBe(true);
    }
  });

  it('moves the Unreleased notes under the new version, dated, and leaves Unreleased empty', () => {
    const text = '# Changelog\n\nIntro.\n\n## Unreleased\n\n- New thing.\n\n## 0.0.9 (2026-01-01)\n\n- Old thing.\n';
    expect(releaseChangelog(text, '0.1.0', '2026-12-02', ['ignored'])).toBe(
      '# Changelog\n\nIntro.\n\n## Unreleased\n\n## 0.1.0 (2026-12-02)\n\n- New thing.\n\n## 0.0.9 (2026-01-01)\n\n- Old thing.\n',
    );
  });

  it('lists the commits when no note was written, and refuses a version released before or an empty release', () => {
    expect(releaseChangelog('# Changelog\n\n## Unreleased\n', '0.2.0', '2026-12-02', ['Fix a thing'])).toContain('## 0.2.0 (2026-12-02)\n\n- Fix a thing\n');
    expect(() => releaseChangelog('## Unreleased\n\n- x\n\n## 0.1.0 (2026-01-01)\n', '0.1.0', '2026-12-02', [])).toThrow(/already has an entry/);
    expect(() => releaseChangelog('## Unreleased\n', '0.2.0', '2026-12-02', [])).toThrow(/nothing to release/);
  });
});

const gitWorks = spawnSync('git', ['--version']).status === 0;
const canRun = gitWorks && existsSync(NODE_MODULES);
const VERSION = '0.1.1';
const ZIPS = ['chrome', 'firefox'].map((b) => `source-context-${b}-${VERSION}.zip`);

/** This process's environment without vitest's own variables: with VITEST set, vite.config.ts leaves the extension plugins out. */
const buildEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));

function sh(cwd: string, cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...buildEnv, GIT_AUTHOR_NAME: 'Release test', GIT_AUTHOR_EMAIL: 'release@test.invalid', GIT_COMMITTER_NAME: 'Release test', GIT_COMMITTER_EMAIL: 'release@test.invalid' },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} in ${cwd} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!canRun)(`a whole release, in a copy of the repository (${canRun ? 'git and node_modules present' : 'skipped: needs git and node_modules'})`, () => {
  let work = '';
  let repo = '';
  let rebuilt = '';
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'source-context-release-'));
    repo = join(work, 'repo');
    // The repository's tracked files as they are now (edits included), committed in a new history.
    const files = sh(ROOT, 'git', ['ls-files', '-z']).split('\0').filter((f) => f && existsSync(join(ROOT, f)));
    for (const f of files) {
      mkdirSync(dirname(join(repo, f)), { recursive: true });
      writeFileSync(join(repo, f), readFileSync(join(ROOT, f)));
    }
    symlinkSync(NODE_MODULES, join(repo, 'node_modules'));
    sh(repo, 'git', ['init', '-q']);
    writeFileSync(join(work, 'files.txt'), files.join('\n'));
    sh(repo, 'git', ['add', `--pathspec-from-file=${join(work, 'files.txt')}`]);
    sh(repo, 'git', ['commit', '-q', '-m', 'Source as tested']);
    sh(repo, process.execPath, ['tools/release/release.mjs', VERSION, '--date=2026-12-02', '--no-load-check']);

    // The source archive, unpacked elsewhere and built the way its BUILD.md says (npm ci aside: the
    // same node_modules are linked in, as `npm ci` would install them from the same lock file).
    rebuilt = join(work, 'rebuilt');
    for (const { name, data } of readZip(readFileSync(join(repo, 'packages', `source-context-${VERSION}-source.zip`)))) {
      mkdirSync(dirname(join(rebuilt, name)), { recursive: true });
      writeFileSync(join(rebuilt, name), data);
    }
    symlinkSync(NODE_MODULES, join(rebuilt, 'node_modules'));
    sh(rebuilt, process.execPath, ['tools/package/package.mjs', '--no-load-check']);
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('sets the version in manifest.json, and package.json follows', () => {
    expect(JSON.parse(readFileSync(join(repo, 'manifest.json'), 'utf8')).version).toBe(VERSION);
    expect(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version).toBe(VERSION);
    expect(JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')).version).toBe(VERSION);
  });

  it('writes the changelog entry', () => {
    expect(readFileSync(join(repo, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`## Unreleased\\n\\n## ${VERSION.replace(/\./g, '\\.')} \\(2026-12-02\\)\\n\\n- `));
  });

  it('writes both store zips, their manifests carrying the version', () => {
    for (const zip of ZIPS) {
      const manifest = readZip(readFileSync(join(repo, 'packages', zip))).find((e) => e.name === 'manifest.json');
      expect(manifest, zip).toBeDefined();
      expect(JSON.parse(manifest?.data.toString('utf8') ?? '{}').version, zip).toBe(VERSION);
    }
  });

  it('writes a source archive of the tracked files with its build steps, and no build output', () => {
    const names = readZip(readFileSync(join(repo, 'packages', `source-context-${VERSION}-source.zip`))).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['BUILD.md', 'manifest.json', 'package-lock.json', 'src/background/index.ts', 'tools/package/package.mjs']));
    expect(names.filter((n) => /^(node_modules|dist|dist-firefox|packages)\//.test(n))).toEqual([]);
    expect(readFileSync(join(rebuilt, 'BUILD.md'), 'utf8')).toContain('npm run package');
  });

  it('rebuilds byte-identical zips from the source archive', () => {
    for (const zip of ZIPS) expect(readFileSync(join(rebuilt, 'packages', zip)).equals(readFileSync(join(repo, 'packages', zip))), zip).toBe(true);
  });
});
