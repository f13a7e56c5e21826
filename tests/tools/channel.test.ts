import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFile, checkPack, verifyManifest } from '../../src/core/channel.ts';
import { parseSubscriptionLink, pinJwk, sha256Hex, type PinnedKey } from '../../src/core/channel-keys.ts';
import { parseManifestBytes } from '../../src/core/channel-manifest.ts';
import { SCHEMA_VERSION } from '../../src/core/dataset-types.ts';
import bundled from '../../src/data/dataset.json';
import { parsePackJson } from '../../src/data/schema.ts';
import { main as keygen } from '../../tools/channel/keygen.ts';
import { main as publish } from '../../tools/channel/publish.ts';
import { loadBundled, main as packCheck } from '../../tools/pack/pack-check.ts';

/** Runs a tool, capturing what it prints. */
async function run(tool: (args: string[], io: { out: (l: string) => void; err: (l: string) => void }) => number | Promise<number>, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await tool(args, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(...l.split('\n')) });
  return { code, out, err };
}

const INCIDENT = bundled.incidents[0]!.id;
const CURATOR = { name: 'Dalmorish Standards Desk', homepage: 'https://desk.example/', contact: 'desk@desk.example' };

/** A pack, with its identity, that adds one claim to a bundled incident. */
function channelPack(version = 1, summary = 'According to Ola Tesh, the official route is implausible.'): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION,
    contentVersion: '2026.11.12',
    name: 'Desk notes',
    pack: { id: 'desk-notes', curator: CURATOR, version, date: '2026-11-12' },
    incidents: [],
    claims: [
      {
        id: 'desk-doubt',
        incidentId: INCIDENT,
        kind: 'doubt',
        claimant: { name: 'Ola Tesh' },
        date: '2021-03-10',
        summary,
        source: { title: 'Doubts', publisher: 'Dalmorish Herald', date: '2021-03-10', url: 'https://dalmorish-herald.example/doubts' },
        relations: [],
      },
    ],
    publishers: [],
    authors: [],
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'channel-tools-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};

describe('channel:keygen', () => {
  it('writes a key pair, the private key readable by its owner only, and prints the fingerprint of the public key', async () => {
    const keys = join(dir, 'keys');
    const r = await run(keygen, [keys]);
    expect(r.code).toBe(0);
    expect(statSync(join(keys, 'private.jwk')).mode & 0o777).toBe(0o600);
    const pub: unknown = JSON.parse(readFileSync(join(keys, 'public.jwk'), 'utf8'));
    expect(pub).not.toHaveProperty('d');
    const pinned = await pinJwk(pub);
    expect(pinned.ok).toBe(true);
    const shown = r.out.find((l) => l.startsWith('fingerprint: '));
    expect(shown?.slice('fingerprint: '.length).replace(/ /g, '')).toBe(pinned.ok ? pinned.value.fingerprint : 'none');
  });

  it('refuses to overwrite a key, leaving it as it was', async () => {
    const keys = join(dir, 'keys');
    expect((await run(keygen, [keys])).code).toBe(0);
    const before = readFileSync(join(keys, 'private.jwk'), 'utf8');
    const again = await run(keygen, [keys]);
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/already exist/);
    expect(readFileSync(join(keys, 'private.jwk'), 'utf8')).toBe(before);
  });

  it('exits 2 with a usage line without exactly one directory', async () => {
    expect((await run(keygen, [])).code).toBe(2);
    expect((await run(keygen, ['a', 'b'])).code).toBe(2);
  });
});

describe('channel:publish refuses', () => {
  let key: string;
  beforeEach(async () => {
    await run(keygen, [join(dir, 'keys')]);
    key = join(dir, 'keys', 'private.jwk');
  });

  it('a pack the extension would refuse, with every problem as pack:check gives it, and writes nothing', async () => {
    const bad = channelPack();
    (bad.claims as Record<string, unknown>[])[0]!.incidentId = 'nowhere-2021';
    bad.contentVersion = 'soon';
    const file = write('bad.json', bad);
    const out = join(dir, 'out');
    const r = await run(publish, [file, '--key', key, '--out', out]);
    expect(r.code).toBe(1);
    const checked = await run(packCheck, [file]);
    const problems = (lines: string[]) => lines.filter((l) => l.startsWith('  '));
    expect(problems(r.out)).toEqual(problems(checked.out));
    expect(problems(r.out).length).toBeGreaterThanOrEqual(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a pack that does not say who curates it', async () => {
    const { pack: _identity, ...anonymous } = channelPack();
    const r = await run(publish, [write('pack.json', anonymous), '--key', key, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toMatch(/pack: a pack must say who curates it/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('the public key in the place of the private one', async () => {
    const r = await run(publish, [write('pack.json', channelPack()), '--key', join(dir, 'keys', 'public.jwk'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/this is a public key: signing needs the private one/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it.each([
    [['--key', 'k'], /give one pack file, --key and --out/],
    [['p.json', '--key', 'k', '--out', 'o', '--expires-days', '91'], /from 1 to 90/],
    [['p.json', '--key', 'k', '--out', 'o', '--url', 'http://desk.example/'], /https/],
    [['p.json', '--key', 'k', '--out', 'o', '--sign-with', 'x'], /unknown option --sign-with/],
  ])('usage errors with exit 2: %j', async (args, message) => {
    const r = await run(publish, args);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(message);
  });
});

describe('channel:publish writes what the extension accepts', () => {
  let key: string;
  let pinned: PinnedKey;
  let out: string;
  const NOW = Date.UTC(2026, 10, 12, 9);
  const at = (ms: number) => () => ms;

  beforeEach(async () => {
    await run(keygen, [join(dir, 'keys')]);
    key = join(dir, 'keys', 'private.jwk');
    const p = await pinJwk(JSON.parse(readFileSync(join(dir, 'keys', 'public.jwk'), 'utf8')));
    if (!p.ok) throw new Error(p.error.message);
    pinned = p.value;
    out = join(dir, 'out');
  });

  const publishAt = (ms: number, pack: Record<string, unknown>, more: string[] = []) =>
    run((args, io) => publish(args, io, at(ms)), [write('pack.json', pack), '--key', key, '--out', out, ...more]);
  const manifestBytes = () => new Uint8Array(readFileSync(join(out, 'channel.json')));

  it('a content-addressed pack file and a signed manifest that verify with the extension\'s checks', async () => {
    const r = await publishAt(NOW, channelPack(), ['--url', 'https://desk.example/ch/']);
    expect(r.code, [...r.out, ...r.err].join('\n')).toBe(0);
    const verified = await verifyManifest(manifestBytes(), { key: pinned, now: NOW + 60_000, last: null });
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    const { manifest } = verified.value;
    expect(manifest.expires).toBe('2026-11-19T09:00:00Z');
    expect(manifest.scope).toEqual({ domains: [], incidentIds: [INCIDENT] });
    const file = manifest.files[0]!;
    expect(readdirSync(join(out, 'packs'))).toEqual([`${file.sha256}.json`]);
    const packBytes = new Uint8Array(readFileSync(join(out, file.path)));
    expect(await sha256Hex(packBytes)).toBe(file.sha256);
    expect((await checkFile(file, packBytes)).ok).toBe(true);
    const pack = parsePackJson(new TextDecoder().decode(packBytes), loadBundled({ out: () => undefined, err: () => undefined }));
    expect(pack.ok && checkPack(manifest, pack.value).ok).toBe(true);
    const link = r.out.find((l) => l.startsWith('subscription link: '))?.slice('subscription link: '.length) ?? '';
    expect(parseSubscriptionLink(link)).toEqual({ ok: true, value: { manifestUrl: 'https://desk.example/ch/channel.json', origin: 'https://desk.example', x: pinned.x } });
  });

  it('whose pack file, once changed on the host, fails its check', async () => {
    expect((await publishAt(NOW, channelPack())).code).toBe(0);
    const parsed = parseManifestBytes(manifestBytes());
    const file = parsed.ok ? parsed.value.files[0]! : { path: '', sha256: '', bytes: 0 };
    const packBytes = new Uint8Array(readFileSync(join(out, file.path)));
    const tampered = new TextEncoder().encode(new TextDecoder().decode(packBytes).replace('implausible', 'impossible!'));
    const r = await checkFile(file, tampered);
    expect(r.ok ? '' : r.error.code).toBe('file');
  });

  it('whose manifest, once changed on the host, fails its signature', async () => {
    expect((await publishAt(NOW, channelPack())).code).toBe(0);
    const text = new TextDecoder().decode(manifestBytes()).replace('"version": 1', '"version": 2');
    const r = await verifyManifest(new TextEncoder().encode(text), { key: pinned, now: NOW, last: null });
    expect(r.ok ? '' : r.error.code).toBe('signature');
  });

  it('and refuses to replace a published manifest with an older version or changed content under the same version', async () => {
    expect((await publishAt(NOW, channelPack(2))).code).toBe(0);
    const before = manifestBytes();
    const older = await publishAt(NOW + 1000, channelPack(1));
    expect(older.code).toBe(1);
    expect(older.err.join('\n')).toMatch(/version 1 is older than version 2/);
    const changed = await publishAt(NOW + 2000, channelPack(2, 'According to Ola Tesh, the route is doubtful.'));
    expect(changed.code).toBe(1);
    expect(changed.err.join('\n')).toMatch(/needs a higher version/);
    expect(manifestBytes()).toEqual(before);
    // The same release re-signed later is a refresh, which readers accept.
    expect((await publishAt(NOW + 3000, channelPack(2))).code).toBe(0);
    expect(manifestBytes()).not.toEqual(before);
  });
});
