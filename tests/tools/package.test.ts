import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crc32, createZip, readZip, zipDirectory, type ZipEntry } from '../../tools/package/zip.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const HAS_UNZIP = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;

const scratch: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'source-context-zip-test-'));
  scratch.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Text that deflates well, bytes that do not (like the PNG icons), an empty file, a non-ASCII name.
const SAMPLE: ZipEntry[] = [
  { name: 'manifest.json', data: Buffer.from(JSON.stringify({ manifest_version: 3, name: 'x', version: '1.0' }).repeat(20)) },
  { name: 'icons/icon-16.png', data: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 251)) },
  { name: 'assets/empty.js', data: Buffer.alloc(0) },
  { name: '_locales/ru/Ишкобод.json', data: Buffer.from('{"a":"Ишкобод"}') },
];

describe('store zip writer', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('reads back every file byte for byte', () => {
    const files = readZip(createZip(SAMPLE));
    expect(files.map((f) => f.name)).toEqual(SAMPLE.map((e) => e.name));
    files.forEach((f, i) => expect(f.data.equals(SAMPLE[i]!.data)).toBe(true));
  });

  it('gives the same bytes for the same input, so a changed package means changed files', () => {
    expect(createZip(SAMPLE).equals(createZip(SAMPLE))).toBe(true);
  });

  it('rejects a damaged archive instead of shipping it', () => {
    const zip = createZip(SAMPLE);
    // The first member's data starts after its 30-byte header and its name.
    zip[30 + 'manifest.json'.length + 2]! ^= 0xff;
    expect(() => readZip(zip)).toThrow();
  });

  it('refuses names that would unpack outside the extension folder', () => {
    expect(() => createZip([{ name: '../evil.js', data: Buffer.from('x') }])).toThrow(/unsafe/);
    expect(() => createZip([{ name: 'a\\b.js', data: Buffer.from('x') }])).toThrow(/unsafe/);
  });

  it('puts the folder contents at the archive root and leaves dotfiles out', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src', 'popup'), { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), '{}');
    writeFileSync(join(dir, 'src', 'popup', 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, '.DS_Store'), 'litter');
    expect(readZip(zipDirectory(dir)).map((f) => f.name)).toEqual(['manifest.json', 'src/popup/index.html']);
  });

  it.runIf(HAS_UNZIP)('is accepted by the Info-ZIP unzip tool', () => {
    const dir = tempDir();
    const file = join(dir, 'sample.zip');
    writeFileSync(file, createZip(SAMPLE));
    const test = spawnSync('unzip', ['-tq', file], { encoding: 'utf8' });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    const manifest = spawnSync('unzip', ['-p', file, 'manifest.json']);
    expect(manifest.stdout.equals(SAMPLE[0]!.data)).toBe(true);
  });
});

describe('npm run lint:firefox', () => {
  // A throwaway project root holding the packaging scripts, the real node_modules and a
  // dist-firefox whose manifest lacks the add-on id Firefox requires for MV3.
  it('fails and names the problem when the Firefox build has a lint error', () => {
    const root = tempDir();
    mkdirSync(join(root, 'tools', 'package'), { recursive: true });
    for (const f of ['package.mjs', 'zip.mjs']) copyFileSync(join(ROOT, 'tools/package', f), join(root, 'tools/package', f));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    mkdirSync(join(root, 'dist-firefox'));
    writeFileSync(
      join(root, 'dist-firefox', 'manifest.json'),
      JSON.stringify({ manifest_version: 3, name: 'Lint probe', version: '1.0.0', background: { scripts: ['bg.js'] } }),
    );
    writeFileSync(join(root, 'dist-firefox', 'bg.js'), 'self.addEventListener("install", () => {});\n');
    expect(existsSync(join(root, 'node_modules', 'web-ext'))).toBe(true);

    const run = spawnSync(process.execPath, [join(root, 'tools/package/package.mjs'), '--lint-only'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/error ADDON_ID_REQUIRED/);
  }, 60_000);
});
