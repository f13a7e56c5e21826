// Types for zip.mjs (plain JavaScript so `npm run package` runs under Node without a TS step).

/** One archive member: a `/`-separated path relative to the archive root, and its bytes. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

export function listFiles(dir: string): string[];
export function readEntries(dir: string): ZipEntry[];
export function createZip(entries: readonly ZipEntry[]): Buffer;
export function zipDirectory(dir: string): Buffer;
export function readZip(zip: Uint8Array): ZipEntry[];
export function checkZip(zip: Uint8Array, entries: readonly ZipEntry[]): ZipEntry[];
