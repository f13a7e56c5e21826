/**
 * Building an xor filter (see xor-filter.ts, which holds the lookup every page needs): the published
 * xor-filter construction (three slots per key, one in each third of the table, peeled in order),
 * written for 32-bit hashes so it runs on JS numbers. Only the index compiler uses it.
 */
import { fmix, reduce, type XorFilter } from './xor-filter.ts';

/** The three slots and the fingerprint of a key hash, written into `out` to avoid allocation. */
function slots(hash: number, seed: number, blockLength: number, out: Int32Array): number {
  const a = fmix((hash ^ seed) >>> 0);
  const b = fmix((hash + Math.imul(seed, 0x9e3779b9)) >>> 0);
  out[0] = reduce(a, blockLength);
  out[1] = blockLength + reduce(b, blockLength);
  out[2] = 2 * blockLength + reduce((((a << 16) | (a >>> 16)) ^ b) >>> 0, blockLength);
  return ((a >>> 24) ^ b) & 0xff;
}

/** Build a filter over 32-bit key hashes (duplicates are fine). */
export function buildXorFilter(keyHashes: Iterable<number>): XorFilter {
  const keys = Int32Array.from(new Set(Array.from(keyHashes, (h) => h >>> 0)));
  const n = keys.length;
  if (n === 0) return { seed: 0, blockLength: 0, fingerprints: new Uint8Array(0) };
  const blockLength = Math.ceil((32 + Math.ceil(1.23 * n)) / 3);
  const capacity = 3 * blockLength;
  const s = new Int32Array(3);
  for (let attempt = 0; attempt < 100; attempt++) {
    const seed = fmix(0x5eed + attempt * 0x632be5ab);
    const count = new Int32Array(capacity);
    const xorMask = new Int32Array(capacity);
    for (let i = 0; i < n; i++) {
      const k = keys[i] as number;
      slots(k >>> 0, seed, blockLength, s);
      for (let j = 0; j < 3; j++) {
        const p = s[j] as number;
        count[p]! += 1;
        xorMask[p]! ^= k;
      }
    }
    const queue: number[] = [];
    for (let p = 0; p < capacity; p++) if (count[p] === 1) queue.push(p);
    const stackKeys = new Int32Array(n);
    const stackSlots = new Int32Array(n);
    let depth = 0;
    while (queue.length > 0) {
      const p = queue.pop() as number;
      if (count[p] !== 1) continue;
      const k = xorMask[p] as number;
      stackKeys[depth] = k;
      stackSlots[depth] = p;
      depth++;
      slots(k >>> 0, seed, blockLength, s);
      for (let j = 0; j < 3; j++) {
        const q = s[j] as number;
        count[q]! -= 1;
        xorMask[q]! ^= k;
        if (count[q] === 1) queue.push(q);
      }
    }
    if (depth !== n) continue;
    const fingerprints = new Uint8Array(capacity);
    for (let d = n - 1; d >= 0; d--) {
      const k = stackKeys[d] as number;
      const p = stackSlots[d] as number;
      const fp = slots(k >>> 0, seed, blockLength, s);
      fingerprints[p] = 0;
      fingerprints[p] = fp ^ (fingerprints[s[0] as number] as number) ^ (fingerprints[s[1] as number] as number) ^ (fingerprints[s[2] as number] as number);
    }
    return { seed, blockLength, fingerprints };
  }
  throw new Error(`xor filter: could not be built for ${n} keys`);
}

/** Base64 of bytes (storage holds JSON, so binary travels as text). */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
