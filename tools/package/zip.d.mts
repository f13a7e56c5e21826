// Types for zip.mjs (plain JavaScript so `npm run package` runs under Node without a TS step).

/** One archive member: a `/`-separated path relative to the archive root, and its bytes. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

export function crc32(bytes: Uint8Array): number;
export function listFiles(dir: string): string[];
export function createZip(entries: readonly ZipEntry[]): Buffer;
export function zipDirectory(dir: string): Buffer;
export function readZip(zip: Buffer): ZipEntry[];
