import { describe, expect, it } from 'vitest';
import { canonicalJson, isNormalHostname, parseManifest, parseManifestBytes, signedBytes, timestampMs } from '../../src/core/channel-manifest.ts';
import { sampleManifest } from './channel-fixtures.ts';

const DELETE = Symbol('delete');

/** A copy of the sample manifest with the field at `path` (`files[0].sha256`) set to `value`, or removed. */
function withField(path: string, value: unknown): unknown {
  const m: unknown = structuredClone(sampleManifest());
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = keys.pop() ?? '';
  let at = m as Record<string, unknown>;
  for (const k of keys) at = at[k] as Record<string, unknown>;
  if (value === DELETE) delete at[last];
  else at[last] = value;
  return m;
}
const file = sampleManifest().files[0];

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ nested: { z: 0, y: { x: -5 } } }, '{"nested":{"y":{"x":-5},"z":0}}'],
    // Keys compare as UTF-16 code units: "é" (U+00E9) after "z", an astral letter after "\uffff"-less BMP ones.
    [{ é: 1, z: 2, '😀': 3, 'ｚ': 4 }, '{"z":2,"é":1,"😀":3,"ｚ":4}'],
    [{ s: 'quote " backslash \\ tab \t line \n nul \u0000 bell \u0007 del \u007f' }, '{"s":"quote \\" backslash \\\\ tab \\t line \\n nul \\u0000 bell \\u0007 del \u007f"}'],
    [{ text: 'Ишкобод / €' }, '{"text":"Ишкобод / €"}'],
    [[], '[]'],
    [{}, '{}'],
  ])('%j is written %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('does not depend on the order keys were written in', () => {
    const a = sampleManifest();
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(a).reverse()))) as unknown;
    expect(canonicalJson(reordered)).toBe(canonicalJson(a));
  });

  it('refuses numbers that are not safe integers rather than guess their form', () => {
    expect(() => canonicalJson({ v: 1.5 })).toThrow(/not a safe integer/);
    expect(() => canonicalJson({ v: 2 ** 53 })).toThrow(/not a safe integer/);
  });

  it('signs the manifest without its signature, after the context line', () => {
    const m = sampleManifest();
    const text = new TextDecoder().decode(signedBytes(m));
    expect(text.startsWith('source-context-channel/1\n{"channel":"ishkobod-desk","curator":')).toBe(true);
    expect(text).not.toContain('signature');
    expect(signedBytes({ ...m, signature: { alg: 'Ed25519', key: 'c'.repeat(64), value: 'B'.repeat(86) } })).toEqual(signedBytes(m));
  });
});

describe('parseManifest', () => {
  it('accepts a well-formed manifest as it is', () => {
    expect(parseManifest(sampleManifest())).toEqual({ ok: true, value: sampleManifest() });
  });

  it.each<[string, string, unknown, string, RegExp]>([
    ['another format', 'format', 'filter-list', 'format', /not a Source Context channel manifest/],
    ['a newer format version', 'formatVersion', 2, 'formatVersion', /format version 2.*update the extension/],
    ['a version that is not a number', 'formatVersion', '1', 'formatVersion', /must be 1, found the string "1"/],
    ['a missing field', 'expires', DELETE, 'expires', /is missing/],
    ['an unknown field', 'mirror', 'https://elsewhere.example/', 'mirror', /is not a field of a format 1 manifest/],
    ['an unknown nested field', 'scope.publishers', [], 'scope.publishers', /is not a field/],
    ['a channel id with capitals', 'channel', 'Ishkobod', 'channel', /must be an id/],
    ['a curator name with a control character', 'curator.name', 'Desk\u0000', 'curator.name', /control character/],
    ['an http homepage', 'curator.homepage', 'http://desk.example/', 'curator.homepage', /https/],
    ['a mailto contact', 'curator.contact', 'mailto:desk@desk.example', 'curator.contact', /e-mail address or an https/],
    ['a fractional pack version', 'pack.version', 2.5, 'pack.version', /whole number from 1/],
    ['pack version 0', 'pack.version', 0, 'pack.version', /whole number from 1/],
    ['a date without a time', 'issued', '2026-11-12', 'issued', /YYYY-MM-DDTHH:MM:SSZ/],
    ['a time with an offset', 'issued', '2026-11-12T09:00:00+02:00', 'issued', /YYYY-MM-DDTHH:MM:SSZ/],
    ['a day that does not exist', 'expires', '2026-02-30T00:00:00Z', 'expires', /YYYY-MM-DDTHH:MM:SSZ/],
    ['expiry before issue', 'expires', '2026-11-11T09:00:00Z', 'expires', /later than issued/],
    ['a lifetime over 90 days', 'expires', '2027-02-11T09:00:01Z', 'expires', /at most 90 days/],
    ['a domain in capitals', 'scope.domains', ['Dalmorish-Herald.example'], 'scope.domains[0]', /normal form/],
    ['a www. domain', 'scope.domains', ['www.dalmorish-herald.example'], 'scope.domains[0]', /normal form/],
    ['an international domain not in punycode', 'scope.domains', ['пример.рф'], 'scope.domains[0]', /normal form/],
    ['unsorted domains', 'scope.domains', ['b.example', 'a.example'], 'scope.domains[1]', /must come before "b.example"/],
    ['a repeated incident', 'scope.incidentIds', ['x-2019', 'x-2019'], 'scope.incidentIds[1]', /repeats "x-2019"/],
    ['a domain already covered by its parent', 'scope.domains', ['example.org', 'news.example.org'], 'scope.domains[1]', /already covered by "example.org"/],
    ['two files', 'files', [file, file], 'files', /exactly one file/],
    ['a path that climbs out', 'files[0].path', '../other/pack.json', 'files[0].path', /relative path/],
    ['an absolute path', 'files[0].path', '/pack.json', 'files[0].path', /relative path/],
    ['a path to another host', 'files[0].path', '//tracker.example/pack.json', 'files[0].path', /relative path/],
    ['a full URL as path', 'files[0].path', 'https://tracker.example/pack.json', 'files[0].path', /relative path/],
    ['a path with a query', 'files[0].path', 'pack.json?reader=42', 'files[0].path', /relative path/],
    ['a hash in capitals', 'files[0].sha256', 'A'.repeat(64), 'files[0].sha256', /64 lower-case hex digits/],
    ['an empty file', 'files[0].bytes', 0, 'files[0].bytes', /whole number from 1/],
    ['a file over the pack limit', 'files[0].bytes', 64 * 1024 * 1024 + 1, 'files[0].bytes', /whole number from 1 to 67108864/],
    ['another algorithm', 'signature.alg', 'RS256', 'signature.alg', /must be "Ed25519"/],
    ['a short signature', 'signature.value', 'A'.repeat(85), 'signature.value', /86 characters/],
  ])('refuses %s, naming where', (_what, field, value, path, message) => {
    const r = parseManifest(withField(field, value));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(1);
    expect(r.error[0]?.path).toBe(path);
    expect(r.error[0]?.message).toMatch(message);
  });

  it('lists every problem at once', () => {
    const m = sampleManifest();
    const broken = { ...m, channel: undefined, pack: { ...m.pack, version: -1 }, files: [{ ...file, sha256: 'nope' }], signature: { ...m.signature, key: 'x' } };
    const r = parseManifest(JSON.parse(JSON.stringify(broken)));
    expect(r.ok ? [] : r.error.map((i) => i.path)).toEqual(['channel', 'pack.version', 'files[0].sha256', 'signature.key']);
  });

  it('refuses what is not an object', () => {
    expect(parseManifest([])).toEqual({ ok: false, error: [{ path: '(manifest)', message: 'must be an object, found a list' }] });
  });
});

describe('parseManifestBytes', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('reads UTF-8 JSON, with or without a byte-order mark', () => {
    expect(parseManifestBytes(enc(JSON.stringify(sampleManifest()))).ok).toBe(true);
    expect(parseManifestBytes(enc(`\ufeff${JSON.stringify(sampleManifest(), null, 2)}`)).ok).toBe(true);
  });

  it.each([
    ['text that is not JSON', enc('<html>Not found</html>'), /not valid JSON/],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), /not UTF-8/],
    ['a file over 1 MiB', new Uint8Array(1024 * 1024 + 1), /too large: 1048577 bytes/],
  ])('refuses %s', (_what, bytes, message) => {
    const r = parseManifestBytes(bytes);
    expect(r.ok ? null : r.error[0]?.path).toBe('(file)');
    expect(r.ok ? '' : r.error[0]?.message).toMatch(message);
  });
});

describe('timestamps and hostnames', () => {
  it.each([
    ['2026-11-12T09:00:00Z', Date.UTC(2026, 10, 12, 9)],
    ['2028-02-29T23:59:59Z', Date.UTC(2028, 1, 29, 23, 59, 59)],
    ['2027-02-29T00:00:00Z', Number.NaN],
    ['2026-11-12T24:00:00Z', Number.NaN],
    ['2026-11-12T09:00:00.000Z', Number.NaN],
  ])('%s is %d', (s, ms) => {
    expect(timestampMs(s)).toBe(ms);
  });

  it.each([
    ['dalmorish-herald.example', true],
    ['xn--e1afmkfd.xn--p1ai', true],
    ['example', false],
    ['-lead.example', false],
    ['10.0.0.1', false],
    ['a..example', false],
  ])('%s is a hostname in normal form: %s', (h, expected) => {
    expect(isNormalHostname(h)).toBe(expected);
  });
});
