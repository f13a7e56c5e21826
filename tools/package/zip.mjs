// The store packages' ZIP archives, made with fflate (a small zip library with no dependencies).
// Entries are sorted and every stamp is fixed, so the same build always gives the same bytes and a
// changed package means changed files; the archive is read back and compared with the folder, file
// by file, before it is used.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { deflateSync, unzipSync, zipSync } from 'fflate';

// 1980-01-01 00:00, the earliest date a ZIP entry can carry. ZIP stores local time, so the date is
// built from local fields: the stamp is the same whatever the machine's time zone.
const FIXED_TIME = new Date(1980, 0, 1);
// Made on Unix with rw-r--r--: without permission bits some unzip tools create files nobody can read.
const UNIX = 3;
const FILE_ATTRS = (0o100644 << 16) >>> 0;
const LEVEL = 9;

/**
 * Every regular file under `dir`, as paths relative to it with `/` separators, sorted.
 * Dotfiles (editor and OS litter such as `.DS_Store`) are left out: the stores reject some of them
 * and the extension never loads one.
 */
export function listFiles(dir) {
  const out = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The files of `dir` as archive entries ({ name, data }), in archive order. */
export function readEntries(dir) {
  return listFiles(dir).map((name) => ({ name, data: readFileSync(join(dir, name)) }));
}

/**
 * Builds a ZIP archive from `entries`, in the order given; names use `/` and are stored as given.
 * Each file is deflated unless that does not make it smaller (the icons are already compressed).
 */
export function createZip(entries) {
  const files = {};
  for (const { name, data } of entries) {
    if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new Error(`unsafe entry name: ${name}`);
    }
    if (Object.hasOwn(files, name)) throw new Error(`entry named twice: ${name}`);
    const level = deflateSync(data, { level: LEVEL }).length < data.length ? LEVEL : 0;
    files[name] = [data, { level, mtime: FIXED_TIME, os: UNIX, attrs: FILE_ATTRS }];
  }
  return Buffer.from(zipSync(files));
}

/** Zips the contents of `dir` (not the folder itself), so a manifest in `dir` sits at the archive root. */
export function zipDirectory(dir) {
  return createZip(readEntries(dir));
}

/** The files in `zip`, in archive order. Throws when the archive cannot be read. */
export function readZip(zip) {
  return Object.entries(unzipSync(zip)).map(([name, data]) => ({ name, data: Buffer.from(data) }));
}

/**
 * Checks that `zip` holds exactly `entries`, in that order and byte for byte; throws naming the
 * first file that is missing, extra or different. Returns what it read.
 */
export function checkZip(zip, entries) {
  const files = readZip(zip);
  const names = files.map((f) => f.name);
  const expected = entries.map((e) => e.name);
  const missing = expected.filter((n) => !names.includes(n));
  const extra = names.filter((n) => !expected.includes(n));
  if (missing.length > 0) throw new Error(`the archive lacks ${missing.join(', ')}`);
  if (extra.length > 0) throw new Error(`the archive has files that are not in the folder: ${extra.join(', ')}`);
  files.forEach((f, i) => {
    const e = entries[i];
    if (f.name !== e.name) throw new Error(`the archive has ${f.name} where ${e.name} belongs`);
    if (!f.data.equals(e.data)) throw new Error(`${f.name} reads back different from the folder`);
  });
  return files;
}
