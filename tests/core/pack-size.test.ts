import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PACK_BYTES, packSizeProblem, packTextProblem, utf8Length } from '../../src/core/pack-size.ts';

const encoded = (s: string): number => new TextEncoder().encode(s).length;

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['Ishkobod', 8],
    ['Ишкобод', 14],
    ['€', 3],
    ['😀', 4],
    ['a\ud800b', 5],
    ['\udc00', 3],
    ['\ud83d', 3],
  ])('%j is %i bytes', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(encoded(text)).toBe(bytes);
  });

  it('agrees with the encoder on any text, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === encoded(s)));
  });
});

describe('the pack size limit', () => {
  it('is 64 MiB', () => {
    expect(MAX_PACK_BYTES).toBe(67_108_864);
  });

  it.each([
    [0, null],
    [MAX_PACK_BYTES, null],
    [MAX_PACK_BYTES + 1, 'too large: 64.0 MiB; packs are limited to 64 MiB'],
    [80 * 1024 * 1024, 'too large: 80.0 MiB; packs are limited to 64 MiB'],
  ])('%i bytes: %s', (bytes, problem) => {
    expect(packSizeProblem(bytes)).toBe(problem);
  });

  // Texts of tens of millions of characters: the time allowed is for a busy machine, not a measure.
  it('counts a text’s bytes, not its characters', { timeout: 60_000 }, () => {
    expect(packTextProblem('я'.repeat(MAX_PACK_BYTES / 2))).toBeNull();
    expect(packTextProblem('€'.repeat(MAX_PACK_BYTES / 3 + 1))).toBe('too large: 64.0 MiB; packs are limited to 64 MiB');
    expect(packTextProblem('x'.repeat(MAX_PACK_BYTES + 1))).toBe('too large: 64.0 MiB; packs are limited to 64 MiB');
  });
});
