import { describe, expect, it } from 'vitest';
import { buildXorFilter, bytesToBase64 } from '../../src/core/xor-filter-build.ts';
import { base64ToBytes, mayContain } from '../../src/core/xor-filter.ts';

describe('xor filter', () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => (Math.imul(i + 1, 2654435761) ^ (i << 7)) >>> 0);
  const filter = buildXorFilter(keys);

  it('contains every key', () => {
    expect(keys.every((k) => mayContain(filter, k))).toBe(true);
  });

  it('rejects almost every other value (false positives under 1%)', () => {
    const set = new Set(keys);
    let fp = 0;
    let tried = 0;
    for (let i = 0; tried < 100_000; i++) {
      const v = (Math.imul(i + 7, 0x9e3779b1) + 12345) >>> 0;
      if (set.has(v)) continue;
      tried++;
      if (mayContain(filter, v)) fp++;
    }
    expect(fp / tried).toBeLessThan(0.01);
  });

  it('takes about ten bits per key and survives a trip through base64', () => {
    expect(filter.fingerprints.length / keys.length).toBeLessThan(1.3);
    const back = { ...filter, fingerprints: base64ToBytes(bytesToBase64(filter.fingerprints)) };
    expect(keys.slice(0, 1000).every((k) => mayContain(back, k))).toBe(true);
  });

  it('is empty for no keys', () => {
    expect(mayContain(buildXorFilter([]), 123)).toBe(false);
  });
});
