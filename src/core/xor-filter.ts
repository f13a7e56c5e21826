/**
 * An xor filter with 8-bit fingerprints over 32-bit key hashes: about 9.9 bits per key and a false
 * positive rate near 0.4%, whatever the number of keys. The content script holds only this filter
 * until a word on the page passes it; then it reads the one index shard that word needs.
 *
 * The lookup and the decoding of a stored filter, which every page loads; the construction is in
 * xor-filter-build.ts, which only the index compiler needs.
 */

export interface XorFilter {
  seed: number;
  blockLength: number;
  fingerprints: Uint8Array;
}

export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Map a 32-bit value onto 0..n-1 without a division. */
export function reduce(x: number, n: number): number {
  return Math.floor((x * n) / 4294967296);
}

/** Whether `hash` may be one of the filter's keys (never false for a key; rarely true otherwise). */
export function mayContain(filter: XorFilter, hash: number): boolean {
  const { fingerprints: f, blockLength: bl, seed } = filter;
  if (bl === 0) return false;
  // The same arithmetic as `slots` (xor-filter-build.ts), written out: this runs once per word of every page.
  const a = fmix((hash ^ seed) >>> 0);
  const b = fmix((hash + Math.imul(seed, 0x9e3779b9)) >>> 0);
  const fp = ((a >>> 24) ^ b) & 0xff;
  const x = f[reduce(a, bl)] as number;
  const y = f[bl + reduce(b, bl)] as number;
  const z = f[2 * bl + reduce((((a << 16) | (a >>> 16)) ^ b) >>> 0, bl)] as number;
  return (fp ^ x ^ y ^ z) === 0;
}

/** Bytes from `bytesToBase64`'s text (xor-filter-build.ts). */
export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
