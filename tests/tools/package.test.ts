import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkZip, createZip, readZip, zipDirectory, type ZipEntry } from '../../tools/package/zip.mjs';

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
  { name: 'icons/icon-16.png', data: Buffer.concat(Array.from({ length: 16 }, (_, i) => createHash('sha256').update(`icon ${i}`).digest())) },
  { name: 'assets/empty.js', data: Buffer.alloc(0) },
  { name: '_locales/ru/Ишкобод.json', data: Buffer.from('{"a":"Ишкобод"}') },
];

describe('store zip', () => {
  it('reads back every file byte for byte, in order', () => {
    const files = readZip(createZip(SAMPLE));
    expect(files.map((f) => f.name)).toEqual(SAMPLE.map((e) => e.name));
    files.forEach((f, i) => expect(f.data.equals(SAMPLE[i]!.data)).toBe(true));
    expect(checkZip(createZip(SAMPLE), SAMPLE)).toHaveLength(SAMPLE.length);
  });

  it('gives the same bytes for the same input, so a changed package means changed files', () => {
    expect(createZip(SAMPLE).equals(createZip(SAMPLE))).toBe(true);
  });

  it('gives the same bytes in another time zone', () => {
    const here = createZip(SAMPLE);
    const script = `import('${join(ROOT, 'tools/package/zip.mjs')}').then((z) => process.stdout.write(z.createZip(${JSON.stringify(
      SAMPLE.map((e) => ({ name: e.name, data: [...e.data] })),
    )}.map((e) => ({ name: e.name, data: Buffer.from(e.data) }))).toString('base64')))`;
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TZ: tz }, cwd: ROOT });
      expect(run.status, run.stderr).toBe(0);
      expect(Buffer.from(run.stdout, 'base64').equals(here), tz).toBe(true);
    }
  });

  it('stores what deflate cannot shrink and deflates the rest', () => {
    const zip = createZip(SAMPLE);
    // The central directory's compression method per entry (offset 10 in each 46-byte record).
    const methods: Record<string, number> = {};
    for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 46)) {
      methods[zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28))] = zip.readUInt16LE(at + 10);
    }
    expect(methods).toEqual({ 'manifest.json': 8, 'icons/icon-16.png': 0, 'assets/empty.js': 0, '_locales/ru/Ишкобод.json': 0 });
  });

  it('finds a damaged archive instead of shipping it', () => {
    const zip = createZip(SAMPLE);
    // The icon is stored as it is: its bytes follow the second local header and its name.
    const iconAt = zip.indexOf(Buffer.from('icons/icon-16.png')) + 'icons/icon-16.png'.length + 10;
    zip[iconAt]! ^= 0xff;
    expect(() => checkZip(zip, SAMPLE)).toThrow('icons/icon-16.png reads back different from the folder');
    expect(() => checkZip(createZip(SAMPLE.slice(1)), SAMPLE)).toThrow('the archive lacks manifest.json');
  });

  it('refuses names that would unpack outside the extension folder', () => {
    expect(() => createZip([{ name: '../evil.js', data: Buffer.from('x') }])).toThrow(/unsafe/);
    expect(() => createZip([{ name: 'a\\b.js', data: Buffer.from('x') }])).toThrow(/unsafe/);
    expect(() => createZip([{ name: '/etc/passwd', data: Buffer.from('x') }])).toThrow(/unsafe/);
  });

  it('puts the folder contents at the archive root and leaves dotfiles out', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src', 'popup'), { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), '{}');
    writeFileSync(join(dir, 'src', 'popup', 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, '.DS_Store'), 'litter');
    expect(readZip(zipDirectory(dir)).map((f) => f.name)).toEqual(['manifest.json', 'src/popup/index.html']);
  });

  it.runIf(HAS_UNZIP)('is accepted by the Info-ZIP unzip tool, CRCs, dates and permissions included', () => {
    const dir = tempDir();
    const file = join(dir, 'sample.zip');
    writeFileSync(file, createZip(SAMPLE));
    const test = spawnSync('unzip', ['-tq', file], { encoding: 'utf8' });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    const manifest = spawnSync('unzip', ['-p', file, 'manifest.json']);
    expect(manifest.stdout.equals(SAMPLE[0]!.data)).toBe(true);
    const listing = spawnSync('unzip', ['-Z', '-T', file, 'manifest.json'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(listing.stdout).toMatch(/^-rw-r--r-- .* 19800101\.000000 manifest\.json$/m);
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
