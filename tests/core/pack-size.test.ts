import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PACK_BYTES, packMessageBytes, packSizeProblem, packTextProblem } from '../../src/core/pack-size.ts';

/** The bytes Chromium counts for a `pack/import` message: its JSON, in UTF-8. */
const sent = (json: string): number => new TextEncoder().encode(JSON.stringify({ type: 'pack/import', json })).length;
const ENVELOPE = sent('');

describe('packMessageBytes', () => {
  it.each([
    ['', 0],
    ['Ishkobod', 8],
    ['Ишкобод', 14],
    ['€', 3],
    ['😀', 4],
    ['"quoted"', 10],
    ['back\\slash', 11],
    ['two\nlines\r\n\ttabbed', 22],
    ['\u0000\u001f', 12],
    ['a\ud800b', 8],
    ['\udc00', 6],
  ])('%j adds %i bytes to the message', (text, bytes) => {
    expect(packMessageBytes(text)).toBe(ENVELOPE + bytes);
    expect(sent(text)).toBe(ENVELOPE + bytes);
  });

  it('agrees with the JSON of the message, encoded, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => packMessageBytes(s) === sent(s)));
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
  ])('a file of %i bytes: %s', (bytes, problem) => {
    expect(packSizeProblem(bytes)).toBe(problem);
  });

  // Texts of tens of millions of characters: the time allowed is for a busy machine, not a measure.
  it('takes a text as sent: its UTF-8 bytes, with what JSON escapes counted twice', { timeout: 60_000 }, () => {
    const fits = 'я'.repeat((MAX_PACK_BYTES - ENVELOPE) / 2);
    expect(packTextProblem(fits)).toBeNull();
    expect(packTextProblem(`${fits}x`)).toBe('too large: 64.0 MiB as sent, with quotes, backslashes and line breaks escaped; packs are limited to 64 MiB');
    // 40 MiB of text, 80 MiB once its quotes are escaped.
    expect(packTextProblem('"'.repeat(40 * 1024 * 1024))).toBe('too large: 80.0 MiB as sent, with quotes, backslashes and line breaks escaped; packs are limited to 64 MiB');
  });
});
