import { beforeEach, describe, expect, it } from 'vitest';
import { createChannels, type ChannelDeps } from '../../src/background/channels.ts';
import type { SourceContextDBHandle } from '../../src/background/db.ts';
import { createDatasetLoader } from '../../src/background/loader.ts';
import { scopeOfPack } from '../../src/core/channel.ts';
import { pinJwk, sha256Hex, subscriptionLink } from '../../src/core/channel-keys.ts';
import type { UnsignedManifest } from '../../src/core/channel-manifest.ts';
import { CHANNELS_KEY, DAY_MS, parseSubscriptions, type Subscription } from '../../src/core/channel-subscription.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';
import { compileIndex } from '../../src/core/index-compiler.ts';
import { parsePackJson, validateDataset } from '../../src/data/schema.ts';
import { generateKeyPair, readPrivateJwk, signManifest, type KeyPair } from '../../tools/channel/sign.ts';
import { dumpDB, openTestDB } from './db-helpers.ts';
import { alarms, fakeBrowser, grantedOrigins } from '../fake-browser.ts';
import { bundledDataset, samplePack } from '../sample-data.ts';

const ORIGIN = 'https://desk.example';
const MANIFEST_URL = `${ORIGIN}/ch/channel.json`;
const NOW = Date.UTC(2026, 10, 12, 9);
const CURATOR = { name: 'Dalmorish Standards Desk', homepage: 'https://desk.example/', contact: 'desk@desk.example' };
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The sample pack as the channel's, with its identity (which the schema reads from version 3). */
function channelPack(version: number, edit: (p: Dataset) => void = () => undefined): Record<string, unknown> {
  const p = samplePack('desk-notes');
  edit(p);
  return { ...p, pack: { id: 'desk-notes', curator: CURATOR, version, date: '2026-11-12' } };
}

/** A static host standing in for the CDN: paths to bytes, every request logged with how it was made. */
class Host {
  files = new Map<string, Uint8Array>();
  requests: { url: string; init: RequestInit }[] = [];
  down = false;
  fetch: ChannelDeps['fetch'] = async (url, init) => {
    this.requests.push({ url, init });
    if (this.down) throw new TypeError('Failed to fetch');
    const body = this.files.get(url);
    return body ? new Response(body.slice(), { status: 200 }) : new Response('Not found', { status: 404 });
  };
  paths = (): string[] => this.requests.map((r) => new URL(r.url).pathname);
}

let keys: KeyPair;
let stranger: KeyPair;
let host: Host;
let db: SourceContextDBHandle;
let clock: number;

async function sign(m: UnsignedManifest, by: KeyPair = keys) {
  const signer = await readPrivateJwk(by.privateJwk);
  if (!signer.ok) throw new Error(signer.error);
  return signManifest(m, signer.value);
}

/**
 * Publishes `pack` on the host as channel:publish does (a content-addressed file, a signed manifest);
 * `edit` changes the manifest before it is signed.
 */
async function publish(pack: Record<string, unknown>, opts: { issued?: number; by?: KeyPair; edit?: (m: UnsignedManifest) => void } = {}) {
  const bytes = enc(JSON.stringify(pack));
  const sha256 = await sha256Hex(new Uint8Array(bytes));
  const identity = pack.pack as { id: string; version: number };
  const issued = opts.issued ?? clock;
  const stamp = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const unsigned: UnsignedManifest = {
    format: 'source-context-channel',
    formatVersion: 1,
    channel: 'desk-notes',
    curator: CURATOR,
    pack: { id: identity.id, version: identity.version },
    issued: stamp(issued),
    expires: stamp(issued + 7 * DAY_MS),
    scope: scopeOfPack(pack as unknown as Dataset),
    files: [{ path: `packs/${sha256}.json`, sha256, bytes: bytes.byteLength }],
  };
  opts.edit?.(unsigned);
  const manifest = await sign(unsigned, opts.by);
  host.files.set(new URL(manifest.files[0]!.path, MANIFEST_URL).href, bytes);
  host.files.set(MANIFEST_URL, enc(JSON.stringify(manifest, null, 2)));
  return manifest;
}

function setup() {
  const loader = createDatasetLoader({ openDB: async () => db, bundle: bundledDataset(), validateDataset, parsePackJson, compileIndex: (ds) => compileIndex(ds, 'g'), now: () => clock });
  const channels = createChannels({
    fetch: host.fetch,
    importPack: (text, via) => loader.importPack(text, via),
    removePack: (name) => loader.removePack(name),
    alarms: fakeBrowser.alarms,
    permissions: fakeBrowser.permissions,
    now: () => clock,
    random: () => 0.25,
  });
  return { loader, channels };
}

const link = (k: KeyPair = keys) => subscriptionLink(MANIFEST_URL, k.publicJwk.x ?? '');
const stored = async (): Promise<Subscription[]> => parseSubscriptions((await fakeBrowser.storage.local.get(CHANNELS_KEY))[CHANNELS_KEY]);
const grant = () => grantedOrigins.add(`${ORIGIN}/*`);

beforeEach(async () => {
  keys = await generateKeyPair();
  stranger = await generateKeyPair();
  host = new Host();
  db = await openTestDB();
  clock = NOW;
});

describe('previewing a channel', () => {
  it('shows the verified manifest: curator, key fingerprint, version and scope; nothing is stored', async () => {
    const { loader, channels } = setup();
    await loader.onStart();
    const before = await dumpDB(db);
    const m = await publish(channelPack(1));
    grant();
    const r = await channels.preview(link());
    const pinned = await pinJwk(keys.publicJwk);
    expect(r).toEqual({
      ok: true,
      value: {
        manifestUrl: MANIFEST_URL,
        origin: ORIGIN,
        fingerprint: pinned.ok ? pinned.value.fingerprint : '',
        channel: 'desk-notes',
        curator: CURATOR,
        pack: { id: 'desk-notes', version: 1 },
        issued: m.issued,
        expires: m.expires,
        scope: m.scope,
      },
    });
    expect(host.paths()).toEqual(['/ch/channel.json']);
    expect(await stored()).toEqual([]);
    expect(await dumpDB(db)).toBe(before);
  });

  it('asks with no cookies, no referrer, no HTTP cache and no redirect', async () => {
    const { channels } = setup();
    await publish(channelPack(1));
    grant();
    await channels.preview(link());
    expect(host.requests[0]?.init).toMatchObject({ method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', redirect: 'error' });
  });

  it('asks nothing of a host the reader did not grant access to', async () => {
    const { channels } = setup();
    await publish(channelPack(1));
    const r = await channels.preview(link());
    expect(r.ok ? '' : r.error.code).toBe('permission');
    expect(host.requests).toEqual([]);
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ['signed with another key than the link carries', () => publish(channelPack(1), { by: stranger }), 'wrong-key'],
    ['changed after signing', async () => {
      await publish(channelPack(1));
      host.files.set(MANIFEST_URL, enc(new TextDecoder().decode(host.files.get(MANIFEST_URL)).replace('"version": 1', '"version": 9')));
    }, 'signature'],
    ['expired', () => publish(channelPack(1), { issued: NOW - 8 * DAY_MS }), 'expired'],
    ['not there', async () => undefined, 'network'],
  ])('refuses a manifest %s', async (_what, arrange, code) => {
    const { channels } = setup();
    await arrange();
    grant();
    const r = await channels.preview(link());
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('refuses a link without a key before asking anything', async () => {
    const { channels } = setup();
    grant();
    const r = await channels.preview(MANIFEST_URL);
    expect(r.ok ? '' : r.error).toMatchObject({ code: 'link', message: expect.stringMatching(/no key/) });
    expect(host.requests).toEqual([]);
  });
});

describe('subscribed channels', () => {
  async function subscribed() {
    const s = setup();
    await s.loader.onStart();
    const empty = await dumpDB(db);
    const m = await publish(channelPack(2));
    grant();
    const r = await s.channels.subscribe(link(), m.scope);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.issues)}`);
    host.requests = [];
    return { ...s, empty, manifest: m };
  }

  it('subscribing stores the pack, the subscription and its next check, a day ahead within the hour', async () => {
    const { loader, manifest } = await subscribed();
    const info = await loader.info();
    expect(info.ok && info.value.packs.map((p) => p.name)).toEqual(['desk-notes']);
    const [sub] = await stored();
    expect(sub).toMatchObject({ channel: 'desk-notes', origin: ORIGIN, scope: manifest.scope, release: { version: 2 }, lastCheck: { ok: true } });
    expect(sub?.nextCheck).toBe(NOW + DAY_MS + 15 * 60_000);
    expect(alarms.get('channel:desk-notes')).toBe(sub?.nextCheck);
  });

  it("gives the pack's records an origin that names the channel, its host and the day it wrote the pack", async () => {
    const { loader, channels } = await subscribed();
    const first = await loader.info();
    expect(first.ok && first.value.packs[0]?.origin).toEqual({
      packId: 'desk-notes',
      packName: 'desk-notes',
      curator: CURATOR,
      version: 2,
      date: '2026-11-12',
      channel: { id: 'desk-notes', host: 'desk.example', updated: '2026-11-12' },
    });
    clock += 2 * DAY_MS;
    await publish(channelPack(3));
    await channels.update('desk-notes');
    const next = await loader.info();
    expect(next.ok && next.value.packs[0]?.origin.channel).toEqual({ id: 'desk-notes', host: 'desk.example', updated: '2026-11-14' });
  });

  it("keeps the channel's pack from being replaced by a file of the same pack id, or by another channel's", async () => {
    const { loader, channels } = await subscribed();
    const before = await dumpDB(db);
    const preview = await loader.previewPack(JSON.stringify(channelPack(5)));
    expect(preview.ok ? [] : preview.error).toEqual([{ path: 'pack.id', message: expect.stringMatching(/is the pack of the channel "desk-notes"/) }]);
    const byHand = await loader.importPack(JSON.stringify(channelPack(5)));
    expect(byHand.ok ? [] : byHand.error).toEqual([{ path: 'pack.id', message: expect.stringMatching(/is the pack of the channel "desk-notes" \(desk\.example\); unsubscribe/) }]);
    const other = await loader.importPack(JSON.stringify(channelPack(5)), { accept: () => null, channel: { id: 'desk-notes', host: 'elsewhere.example' } });
    expect(other.ok).toBe(false);
    expect(await dumpDB(db)).toBe(before);
    // The channel itself still can.
    clock += DAY_MS;
    await publish(channelPack(3));
    await channels.update('desk-notes');
    expect((await stored())[0]?.lastCheck).toEqual({ at: clock, ok: true });
  });

  it('a check of an unchanged channel downloads the manifest only', async () => {
    const { channels } = await subscribed();
    clock += DAY_MS;
    await channels.update('desk-notes');
    expect(host.paths()).toEqual(['/ch/channel.json']);
    expect((await stored())[0]?.lastCheck).toEqual({ at: clock, ok: true });
  });

  it('a new version replaces the pack', async () => {
    const { channels, loader } = await subscribed();
    clock += DAY_MS;
    await publish(channelPack(3, (p) => (p.claims[0]!.summary = 'According to the veteran, the group was larger.')));
    await channels.update('desk-notes');
    expect(host.paths()).toEqual(['/ch/channel.json', expect.stringMatching(/^\/ch\/packs\/[0-9a-f]{64}\.json$/)]);
    expect((await stored())[0]?.release.version).toBe(3);
    const exported = await loader.exportMerged();
    expect(exported.ok && exported.value.claims[0]?.summary).toBe('According to the veteran, the group was larger.');
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ['a pack file changed on the host', async () => {
      const m = await publish(channelPack(3));
      const url = new URL(m.files[0]!.path, MANIFEST_URL).href;
      host.files.set(url, enc(new TextDecoder().decode(host.files.get(url)).replace('veteran', 'Veteran')));
    }, 'file'],
    ['an older version', () => publish(channelPack(1)), 'rollback'],
    ['an expired manifest', () => publish(channelPack(3), { issued: NOW - 7 * DAY_MS }), 'expired'],
    ['a manifest signed with another key', () => publish(channelPack(3), { by: stranger }), 'wrong-key'],
    ['a wider scope than the reader accepted', () => publish(channelPack(3, (p) => p.publishers[0]!.domains.push('tallow-wire.example'))), 'scope-widened'],
    ['a pack labelling outside its own scope', () =>
      publish(channelPack(3, (p) => p.publishers[0]!.domains.push('desk-notes-extra.example')), { edit: (m) => (m.scope = { ...m.scope, domains: ['desk-notes.example.org'] }) }), 'pack-scope'],
    ['the host down', async () => void (host.down = true), 'network'],
  ])('refuses %s, keeping the data identical and saying what failed and when', async (_what, arrange, code) => {
    const { channels } = await subscribed();
    const before = await dumpDB(db);
    clock += DAY_MS;
    await arrange();
    const r = await channels.update('desk-notes');
    expect(r.ok).toBe(true);
    const [sub] = await stored();
    expect(sub?.lastCheck).toMatchObject({ at: clock, ok: false, code });
    expect(sub?.release.version).toBe(2);
    expect(await dumpDB(db)).toBe(before);
  });

  it('runs its check on its own alarm, and only then', async () => {
    const { channels } = await subscribed();
    await channels.onAlarm('something-else');
    expect(host.requests).toEqual([]);
    clock += DAY_MS;
    await channels.onAlarm('channel:desk-notes');
    expect(host.paths()).toEqual(['/ch/channel.json']);
  });

  it('sets a missing alarm again at start, never in the past', async () => {
    const { channels } = await subscribed();
    alarms.clear();
    clock += 3 * DAY_MS;
    await channels.onStart();
    expect(alarms.get('channel:desk-notes')).toBeGreaterThan(clock);
    expect(host.requests).toEqual([]);
  });

  it('unsubscribing removes every trace: the pack, the subscription, the alarm and the host permission', async () => {
    const { channels, empty } = await subscribed();
    const r = await channels.unsubscribe('desk-notes');
    expect(r).toEqual({ ok: true, value: [] });
    expect(await stored()).toEqual([]);
    expect(alarms.size).toBe(0);
    expect(grantedOrigins.size).toBe(0);
    expect(await dumpDB(db)).toBe(empty);
  });
});
