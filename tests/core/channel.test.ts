import { beforeAll, describe, expect, it } from 'vitest';
import { checkFile, checkOrder, checkPack, checkPackScope, checkScopeWithin, checkTime, releaseOf, scopeOfPack, verifyManifest, type ChannelPack, type ManifestContext } from '../../src/core/channel.ts';
import {
  base64urlDecode,
  base64urlEncode,
  formatFingerprint,
  parseSubscriptionLink,
  pinJwk,
  pinKey,
  sha256Hex,
  type PinnedKey,
  type RefusalCode,
} from '../../src/core/channel-keys.ts';
import { signedBytes, type ChannelManifest, type UnsignedManifest } from '../../src/core/channel-manifest.ts';
import type { Result } from '../../src/core/result.ts';
import { generateKeyPair, readPrivateJwk, signManifest, type KeyPair } from '../../tools/channel/sign.ts';
import { INCIDENT_ID, samplePack } from '../sample-data.ts';
import { sampleManifest } from './channel-fixtures.ts';

const NOW = Date.UTC(2026, 10, 13, 12); // a day after the sample manifest was issued
const enc = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);
const codeOf = (r: Result<unknown, { code: RefusalCode }>): RefusalCode | 'ok' => (r.ok ? 'ok' : r.error.code);

let curator: KeyPair;
let stranger: KeyPair;
let pinned: PinnedKey;

beforeAll(async () => {
  curator = await generateKeyPair();
  stranger = await generateKeyPair();
  const p = await pinJwk(curator.publicJwk);
  if (!p.ok) throw new Error(p.error.message);
  pinned = p.value;
});

const unsigned = (edit: (m: UnsignedManifest) => void = () => undefined): UnsignedManifest => {
  const { signature: _s, ...m } = sampleManifest();
  edit(m);
  return m;
};

async function signedBy(keys: KeyPair, m: UnsignedManifest): Promise<ChannelManifest> {
  const signer = await readPrivateJwk(keys.privateJwk);
  if (!signer.ok) throw new Error(signer.error);
  return signManifest(m, signer.value);
}

const bytesOf = (m: unknown): Uint8Array => enc(JSON.stringify(m, null, 2));
const ctx = (over: Partial<ManifestContext> = {}): ManifestContext => ({ key: pinned, now: NOW, last: null, ...over });

describe('what is signed', () => {
  it('is the context line and the canonical manifest without its signature, byte for byte', () => {
    const expected =
      'source-context-channel/1\n' +
      '{"channel":"ishkobod-desk","curator":{"contact":"desk@desk.example","homepage":"https://desk.example/","name":"Dalmorish Standards Desk"},' +
      '"expires":"2026-11-19T09:00:00Z",' +
      `"files":[{"bytes":4821,"path":"packs/${'a'.repeat(64)}.json","sha256":"${'a'.repeat(64)}"}],` +
      '"format":"source-context-channel","formatVersion":1,"issued":"2026-11-12T09:00:00Z",' +
      '"pack":{"id":"ishkobod-desk","version":3},' +
      '"scope":{"domains":["dalmorish-herald.example","tallow-wire.example"],"incidentIds":["ishkobod-outpost-attack-2019"]}}';
    expect(new TextDecoder().decode(signedBytes(sampleManifest()))).toBe(expected);
  });
});

describe('keys', () => {
  it('shows the fingerprint, the SHA-256 of the raw key, as 16 groups of four hex digits', async () => {
    // RFC 8032, test 1: its public key, and the SHA-256 of those 32 bytes.
    const raw = Uint8Array.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'.match(/../g)!.map((h) => parseInt(h, 16)));
    const key = await pinKey(base64urlEncode(raw));
    expect(key.ok && key.value.fingerprint).toBe(await sha256Hex(raw));
    const shown = formatFingerprint(key.ok ? key.value.fingerprint : '');
    expect(shown.split(' ')).toHaveLength(16);
    expect(shown.replace(/ /g, '')).toBe(key.ok ? key.value.fingerprint : 'x');
    expect(shown).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  });

  it.each<[string, unknown, RegExp]>([
    ['a private key', { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43), d: 'B'.repeat(43) }, /private key: give the public one/],
    ['an RSA key', { kty: 'RSA', n: 'AQAB', e: 'AQAB' }, /not an Ed25519 public key/],
    ['a key of 31 bytes', { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(new Uint8Array(31)) }, /32 bytes/],
    ['a string', 'public.jwk', /JSON object/],
  ])('refuses to pin %s', async (_what, jwk, message) => {
    const r = await pinJwk(jwk);
    expect(r.ok ? '' : r.error.message).toMatch(message);
  });

  it('reads base64url back to the same bytes and refuses any other spelling', () => {
    const bytes = Uint8Array.from([0, 255, 62, 63, 1, 2, 3]);
    expect(base64urlDecode(base64urlEncode(bytes))).toEqual(bytes);
    expect(base64urlEncode(Uint8Array.from([251, 255]))).toBe('-_8');
    expect(base64urlDecode('-_9')).toBeNull(); // stray bits in the last character
    expect(base64urlDecode('+/8')).toBeNull();
    expect(base64urlDecode('AAAAA')).toBeNull();
  });
});

describe('subscription links', () => {
  const x = base64urlEncode(new Uint8Array(32).fill(7));
  it('carries the manifest address and the key in its fragment', () => {
    expect(parseSubscriptionLink(`https://desk.example/ch/channel.json#key=${x}`)).toEqual({
      ok: true,
      value: { manifestUrl: 'https://desk.example/ch/channel.json', origin: 'https://desk.example', x },
    });
    expect(parseSubscriptionLink(`http://127.0.0.1:8080/channel.json#key=${x}`).ok).toBe(true);
  });

  it.each([
    [`http://desk.example/channel.json#key=${x}`, /https/],
    [`https://reader:secret@desk.example/channel.json#key=${x}`, /user name or password/],
    ['https://desk.example/channel.json', /no key/],
    ['https://desk.example/channel.json#key=abc', /not a public key/],
    [`ftp://desk.example/channel.json#key=${x}`, /https/],
    ['channel.json', /not a web address/],
  ])('refuses %s', (link, message) => {
    const r = parseSubscriptionLink(link);
    expect(r.ok ? '' : r.error).toMatch(message);
  });
});

describe('verifyManifest', () => {
  it('accepts a manifest signed by the pinned key, as a new release when nothing was accepted before', async () => {
    const m = await signedBy(curator, unsigned());
    const r = await verifyManifest(bytesOf(m), ctx());
    expect(r).toEqual({ ok: true, value: { manifest: m, change: 'new' } });
  });

  it('refuses a manifest signed by another key, naming both fingerprints', async () => {
    const r = await verifyManifest(bytesOf(await signedBy(stranger, unsigned())), ctx());
    expect(codeOf(r)).toBe('wrong-key');
    expect(r.ok ? '' : r.error.message).toContain(formatFingerprint(stranger.fingerprint));
    expect(r.ok ? '' : r.error.message).toContain(formatFingerprint(pinned.fingerprint));
  });

  it('refuses a manifest signed by another key that claims the pinned key', async () => {
    const forged = await signedBy(stranger, unsigned());
    forged.signature.key = pinned.fingerprint;
    expect(codeOf(await verifyManifest(bytesOf(forged), ctx()))).toBe('signature');
  });

  it.each<[string, (m: ChannelManifest) => void]>([
    ['a raised version', (m) => (m.pack.version = 4)],
    ['a later expiry', (m) => (m.expires = '2026-12-01T00:00:00Z')],
    ['a wider scope', (m) => m.scope.domains.push('zzz.example')],
    ['another file hash', (m) => (m.files[0]!.sha256 = 'c'.repeat(64))],
    ['another curator contact', (m) => (m.curator.contact = 'https://elsewhere.example/')],
  ])('refuses a signed manifest edited afterwards: %s', async (_what, edit) => {
    const m = await signedBy(curator, unsigned());
    edit(m);
    const r = await verifyManifest(bytesOf(m), ctx());
    expect(codeOf(r)).toBe('signature');
    expect(r.ok ? '' : r.error.message).toMatch(/does not match the manifest/);
  });

  it('accepts a signed manifest re-indented and with its keys reordered by the host', async () => {
    const m = await signedBy(curator, unsigned());
    const reordered = Object.fromEntries(Object.entries(m).reverse());
    expect(codeOf(await verifyManifest(enc(JSON.stringify(reordered)), ctx()))).toBe('ok');
  });

  it('refuses an unreadable manifest with every problem listed', async () => {
    const r = await verifyManifest(enc('{"format":"source-context-channel","formatVersion":1}'), ctx());
    expect(codeOf(r)).toBe('manifest');
    expect(r.ok ? 0 : r.error.issues?.length).toBe(8);
  });

  it('refuses the manifest of another channel of the same curator', async () => {
    const other = await signedBy(curator, unsigned((m) => (m.channel = 'other-desk')));
    expect(codeOf(await verifyManifest(bytesOf(other), ctx({ channel: 'ishkobod-desk' })))).toBe('channel');
  });

  it('refuses a scope wider than the reader accepted, listing what is new', async () => {
    const m = await signedBy(curator, unsigned());
    const r = await verifyManifest(bytesOf(m), ctx({ acceptedScope: { domains: ['dalmorish-herald.example'], incidentIds: ['ishkobod-outpost-attack-2019'] } }));
    expect(codeOf(r)).toBe('scope-widened');
    expect(r.ok ? [] : r.error.issues).toEqual([{ path: 'scope.domains', message: '"tallow-wire.example" was not in the scope accepted at subscription' }]);
  });

  it('refuses an expired manifest, and one issued well after now', async () => {
    const m = await signedBy(curator, unsigned());
    expect(codeOf(await verifyManifest(bytesOf(m), ctx({ now: Date.UTC(2026, 10, 19, 9) })))).toBe('expired');
    expect(codeOf(await verifyManifest(bytesOf(m), ctx({ now: Date.UTC(2026, 10, 11, 8, 59) })))).toBe('not-yet-valid');
  });

  it('refuses an older version than the one accepted', async () => {
    const m = await signedBy(curator, unsigned());
    const r = await verifyManifest(bytesOf(m), ctx({ last: { version: 4, sha256: 'd'.repeat(64), issued: '2026-11-10T00:00:00Z' } }));
    expect(codeOf(r)).toBe('rollback');
    expect(r.ok ? '' : r.error.message).toBe('version 3 is older than version 4, already accepted');
  });
});

describe('checkScopeWithin', () => {
  const accepted = { domains: ['example.org'], incidentIds: ['a-2019', 'b-2020'] };
  it.each<[string, string[], string[], RefusalCode | 'ok']>([
    ['the same scope', ['example.org'], ['a-2019', 'b-2020'], 'ok'],
    ['a narrower one', [], ['a-2019'], 'ok'],
    ['a subdomain of an accepted domain', ['news.example.org'], [], 'ok'],
    ['a parent of an accepted domain', ['org'], [], 'scope-widened'],
    ['a sibling that only ends alike', ['badexample.org'], [], 'scope-widened'],
    ['another incident', [], ['c-2021'], 'scope-widened'],
  ])('%s', (_what, domains, incidentIds, expected) => {
    expect(codeOf(checkScopeWithin({ domains, incidentIds }, accepted))).toBe(expected);
  });
});

describe('checkTime', () => {
  const m = sampleManifest(); // issued 2026-11-12T09:00:00Z, expires 2026-11-19T09:00:00Z
  it.each<[string, number, RefusalCode | 'ok']>([
    ['just issued', Date.UTC(2026, 10, 12, 9), 'ok'],
    ['issued in a clock ahead by under a day', Date.UTC(2026, 10, 11, 9, 1), 'ok'],
    ['issued more than a day ahead of the clock', Date.UTC(2026, 10, 11, 8, 59), 'not-yet-valid'],
    ['a second before expiry', Date.UTC(2026, 10, 19, 8, 59, 59), 'ok'],
    ['at expiry', Date.UTC(2026, 10, 19, 9), 'expired'],
  ])('%s: %s', (_what, now, expected) => {
    expect(codeOf(checkTime(m, now))).toBe(expected);
  });
});

describe('checkOrder', () => {
  const m = sampleManifest(); // version 3, file a…a, issued 2026-11-12T09:00:00Z
  const last = releaseOf(m);
  it.each<[string, Parameters<typeof checkOrder>[1], 'new' | 'refresh' | RefusalCode]>([
    ['nothing accepted yet', null, 'new'],
    ['a higher version', { ...last, version: 2, sha256: 'e'.repeat(64) }, 'new'],
    ['the same release re-signed later', { ...last, issued: '2026-11-05T09:00:00Z' }, 'refresh'],
    ['the same manifest again', last, 'refresh'],
    ['the same version and file, issued earlier than the accepted one', { ...last, issued: '2026-11-12T09:00:01Z' }, 'rollback'],
    ['the same version with another file', { ...last, sha256: 'e'.repeat(64) }, 'changed-without-version'],
    ['a lower version', { ...last, version: 4 }, 'rollback'],
  ])('%s', (_what, accepted, expected) => {
    const r = checkOrder(m, accepted);
    expect(r.ok ? r.value : r.error.code).toBe(expected);
  });
});

describe('checkFile', () => {
  it('accepts the exact bytes and refuses a changed byte or a changed length', async () => {
    const bytes = enc('{"name":"pack"}');
    const file = { path: 'packs/p.json', sha256: await sha256Hex(bytes), bytes: bytes.byteLength };
    expect(codeOf(await checkFile(file, bytes))).toBe('ok');
    const tampered = enc('{"name":"pacK"}');
    const r = await checkFile(file, tampered);
    expect(r.ok ? '' : r.error.message).toMatch(/does not have the SHA-256 the manifest gives/);
    const longer = await checkFile(file, enc('{"name":"pack"} '));
    expect(longer.ok ? '' : longer.error.message).toBe('packs/p.json is 16 bytes, not the 15 the manifest gives');
  });
});

describe('checkPack', () => {
  const manifest = (): ChannelManifest => {
    const m = sampleManifest();
    m.scope = { domains: ['regional-press.example.org'], incidentIds: [INCIDENT_ID] };
    return m;
  };
  /** The sample pack (one claim about the sample incident, one publisher) with the manifest's identity. */
  const pack = (): ChannelPack & ReturnType<typeof samplePack> => {
    // Not a literal, so the test reads the same whether the pack type knows the identity's date or not.
    const identity = { id: 'ishkobod-desk', version: 3, date: '2026-11-12', curator: { ...sampleManifest().curator } };
    return { ...samplePack(), pack: identity };
  };

  it('accepts the pack the manifest names, within its scope', () => {
    expect(codeOf(checkPack(manifest(), pack()))).toBe('ok');
  });

  it('accepts a publisher domain under a scope domain, in any case or with www.', () => {
    const p = pack();
    p.publishers[0]!.domains = ['news.regional-press.example.org', 'WWW.Regional-Press.example.org.'];
    expect(codeOf(checkPack(manifest(), p))).toBe('ok');
  });

  it.each<[string, (p: ReturnType<typeof pack>) => void, { path: string; message: string }[]]>([
    ['a pack without identity', (p) => delete p.pack, []],
    ['another pack id', (p) => (p.pack!.id = 'someone-else'), [{ path: 'pack.id', message: 'is "someone-else", the manifest names "ishkobod-desk"' }]],
    ['another version', (p) => (p.pack!.version = 2), [{ path: 'pack.version', message: 'is 2, the manifest names 3' }]],
    ['another curator', (p) => (p.pack!.curator.name = 'Desk'), [{ path: 'pack.curator.name', message: 'is "Desk", the manifest gives "Dalmorish Standards Desk"' }]],
  ])('refuses %s', (_what, edit, issues) => {
    const p = pack();
    edit(p);
    const r = checkPack(manifest(), p);
    expect(codeOf(r)).toBe('pack-identity');
    expect(r.ok ? [] : (r.error.issues ?? [])).toEqual(issues);
  });

  it.each<[string, (p: ReturnType<typeof pack>) => void, { path: string; message: string }]>([
    ['a publisher domain outside the scope', (p) => p.publishers[0]!.domains.push('globalresearch.ca'), { path: 'publishers[0].domains[1]', message: '"globalresearch.ca" is outside the channel\'s scope' }],
    ['a domain that only ends like a scope domain', (p) => (p.publishers[0]!.domains = ['fake-regional-press.example.org']), { path: 'publishers[0].domains[0]', message: '"fake-regional-press.example.org" is outside the channel\'s scope' }],
    ['a parent of the scope domain', (p) => (p.publishers[0]!.domains = ['example.org']), { path: 'publishers[0].domains[0]', message: '"example.org" is outside the channel\'s scope' }],
    ['a claim about an incident outside the scope', (p) => (p.claims[0]!.incidentId = 'other-2020'), { path: 'claims[0].incidentId', message: 'incident "other-2020" is outside the channel\'s scope' }],
    ['an incident outside the scope', (p) => p.incidents.push({ id: 'other-2020' } as never), { path: 'incidents[0].id', message: 'incident "other-2020" is outside the channel\'s scope' }],
  ])('refuses %s, naming where', (_what, edit, issue) => {
    const p = pack();
    edit(p);
    const r = checkPack(manifest(), p);
    expect(codeOf(r)).toBe('pack-scope');
    expect(r.ok ? [] : r.error.issues).toEqual([issue]);
  });
});

describe('scopeOfPack', () => {
  it('is the narrowest scope that covers the pack: its domains in normal form, none under another, and its incidents, sorted', () => {
    const pack = samplePack();
    pack.publishers[0]!.domains = ['WWW.Zeta.example.', 'news.alpha.example', 'alpha.example'];
    pack.claims.push({ ...pack.claims[0]!, incidentId: 'another-2020' });
    const scope = scopeOfPack(pack, { domains: ['beta.example'], incidentIds: ['more-2021'] });
    expect(scope).toEqual({ domains: ['alpha.example', 'beta.example', 'zeta.example'], incidentIds: ['another-2020', INCIDENT_ID, 'more-2021'] });
    expect(codeOf(checkPackScope(scope, pack))).toBe('ok');
  });
});
