import { describe, expect, it, vi } from 'vitest';
import type { SourceContextDBHandle } from '../../src/background/db.ts';
import { createDatasetLoader, type LoaderDeps } from '../../src/background/loader.ts';
import { parseMeta } from '../../src/core/detection-index.ts';
import { compileIndex } from '../../src/core/index-compiler.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';
import { MAX_PACK_BYTES } from '../../src/core/pack-size.ts';
import { parsePackJson, validateDataset } from '../../src/data/schema.ts';
import { dumpDB, openTestDB, openTestDBWithRecords } from './db-helpers.ts';
import { dumpLocal, failNextIndexWrite, fakeBrowser, localKeys, setCalls } from '../fake-browser.ts';
import { bundledDataset, samplePack } from '../sample-data.ts';

/** The index generation from the content, so compiling the same datasets twice gives the same keys. */
function genOf(datasets: Dataset[]): string {
  let h = 0;
  for (const ch of JSON.stringify(datasets)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (h >>> 0).toString(36);
}

function makeLoader(db: SourceContextDBHandle, bundle: unknown = bundledDataset(), over: Partial<LoaderDeps> = {}) {
  const deps = {
    openDB: async () => db,
    bundle,
    validateDataset: vi.fn(validateDataset),
    parsePackJson: vi.fn(parsePackJson),
    compileIndex: vi.fn((ds: Dataset[]) => compileIndex(ds, genOf(ds))),
    now: () => 1_700_000_000_000,
    ...over,
  };
  return { loader: createDatasetLoader(deps), deps };
}

const stored = async (key: string): Promise<unknown> => (await fakeBrowser.storage.local.get(key))[key];
const indexVersions = async (): Promise<unknown> => parseMeta(await stored('idx:meta'))?.meta.versions;

describe('loading the bundled dataset', () => {
  it('writes the bundle and its index on first start, and clears the loading flag', async () => {
    const db = await openTestDB();
    const { loader } = makeLoader(db);
    expect(await loader.onStart()).toEqual({ ok: true, value: null });
    expect(await indexVersions()).toEqual([{ name: 'bundled', contentVersion: '2026.01.10' }]);
    expect(setCalls.some((keys) => keys.includes('state:loading'))).toBe(true);
    const info = await loader.info();
    expect(info).toMatchObject({ ok: true, value: { bundledVersion: '2026.01.10', loading: false, counts: { incidents: 1, claims: 3 } } });
    expect(info.ok && info.value.lastError).toBeFalsy();
  });

  it('writes idx:meta after every other index key', async () => {
    const db = await openTestDB();
    await makeLoader(db).loader.onStart();
    const indexWrites = setCalls.filter((keys) => keys.some((k) => k.startsWith('idx:')));
    expect(indexWrites.length).toBe(2);
    expect(indexWrites[0]).not.toContain('idx:meta');
    expect(indexWrites[0]!.length).toBeGreaterThan(0);
    expect(indexWrites[1]).toEqual(['idx:meta']);
  });

  it('replaces an older bundled version on start, and drops the old index keys', async () => {
    const db = await openTestDB();
    await makeLoader(db, bundledDataset('2025.12.01', 'Old summary.')).loader.onStart();
    const oldKeys = localKeys().filter((k) => k.startsWith('idx:') && k !== 'idx:meta');

    const { loader } = makeLoader(db, bundledDataset('2026.01.10', 'New summary.'));
    await loader.onStart();
    const view = await loader.recordView('incident', 'ishkobod-2019');
    expect(view.ok && view.value.incident?.summary).toBe('New summary.');
    expect(await indexVersions()).toEqual([{ name: 'bundled', contentVersion: '2026.01.10' }]);
    expect(localKeys().filter((k) => oldKeys.includes(k))).toEqual([]);
  });

  it('on install or update writes the bundle even when the stored version looks current', async () => {
    const db = await openTestDBWithRecords(bundledDataset('2026.01.10', 'Edited without a version bump.'));
    const { loader } = makeLoader(db, bundledDataset('2026.01.10', 'Shipped summary.'));
    await loader.onInstalledOrUpdated();
    const view = await loader.recordView('incident', 'ishkobod-2019');
    expect(view.ok && view.value.incident?.summary).toBe('Shipped summary.');
  });

  it('does not write the bundle twice when the install event follows the start check', async () => {
    const db = await openTestDB();
    const { loader, deps } = makeLoader(db);
    void loader.onStart();
    await loader.onInstalledOrUpdated();
    expect(deps.compileIndex).toHaveBeenCalledTimes(1);
  });

  it('touches nothing on a start when data and index are current', async () => {
    const db = await openTestDB();
    await makeLoader(db).loader.onStart();
    const before = { db: await dumpDB(db), local: dumpLocal() };
    const { loader, deps } = makeLoader(db);
    await loader.onStart();
    expect(deps.validateDataset).not.toHaveBeenCalled();
    expect(deps.compileIndex).not.toHaveBeenCalled();
    expect({ db: await dumpDB(db), local: dumpLocal() }).toEqual(before);
  });

  it('finishes the index after a worker was stopped mid-load (loading flag left set)', async () => {
    const db = await openTestDBWithRecords(bundledDataset());
    await fakeBrowser.storage.local.set({ 'state:loading': true });
    const { loader } = makeLoader(db);
    await loader.onStart();
    expect(await indexVersions()).toEqual([{ name: 'bundled', contentVersion: '2026.01.10' }]);
    expect(await stored('state:loading')).toBeUndefined();
  });

  it('refuses an invalid bundle naming record and field, keeps the previous data, and reports the error', async () => {
    const db = await openTestDB();
    await makeLoader(db, bundledDataset('2025.12.01')).loader.onStart();
    const before = { db: await dumpDB(db), local: dumpLocal() };

    const broken = bundledDataset('2026.01.10');
    broken.claims[1]!.source.url = 'javascript:alert(1)';
    const { loader, deps } = makeLoader(db, broken);
    const result = await loader.onStart();
    expect(result.ok).toBe(false);
    const error = result.ok ? '' : result.error;
    expect(error).toContain('claims[1] ("scns-account").source.url');
    expect(await dumpDB(db)).toBe(before.db);
    expect(await indexVersions()).toEqual([{ name: 'bundled', contentVersion: '2025.12.01' }]);
    const info = await loader.info();
    expect(info.ok && info.value.lastError).toBe(error);
    expect(info.ok && info.value.bundledVersion).toBe('2025.12.01');

    // The next wake does not validate the same refused bundle again.
    await makeLoader(db, broken, { validateDataset: deps.validateDataset }).loader.onStart();
    expect(deps.validateDataset).toHaveBeenCalledTimes(1);
  });

  it('clears the last error once a valid bundle loads', async () => {
    const db = await openTestDB();
    const broken = bundledDataset('2026.01.09');
    broken.incidents[0]!.date = 'sometime';
    await makeLoader(db, broken).loader.onStart();
    expect(await stored('state:lastError')).toMatch(/incidents\[0\] \("ishkobod-2019"\)\.date/);
    const { loader } = makeLoader(db, bundledDataset('2026.01.10'));
    await loader.onStart();
    const info = await loader.info();
    expect(info.ok && info.value.lastError).toBeUndefined();
    expect(info.ok && info.value.bundledVersion).toBe('2026.01.10');
  });
});

describe('packs', () => {
  async function loaded() {
    const db = await openTestDB();
    const made = makeLoader(db);
    await made.loader.onStart();
    return { db, ...made };
  }

  it('imports a valid pack: listed in info, its records served, its names in the index', async () => {
    const { loader } = await loaded();
    const result = await loader.importPack(JSON.stringify(samplePack()));
    expect(result).toMatchObject({ ok: true, value: { packs: [{ name: 'regional-press', claims: 1, publishers: 1 }], loading: false } });
    const view = await loader.recordView('incident', 'ishkobod-2019');
    expect(view.ok && view.value.claims.map((c) => c.id).at(-1)).toBe('regional-press-veteran-doubt');
    expect(await indexVersions()).toEqual([
      { name: 'bundled', contentVersion: '2026.01.10' },
      { name: 'regional-press', contentVersion: '2026.02.01' },
    ]);
  });

  it.each([
    ['not JSON', '{"name": "x",'],
    ['a claim about an unknown incident', JSON.stringify({ ...samplePack(), claims: [{ ...samplePack().claims[0]!, incidentId: 'no-such-incident' }] })],
    ['a record redefining a bundled id', JSON.stringify({ ...samplePack(), authors: [{ ...samplePack().authors[0]!, id: 'omid-rahimi' }] })],
    ['the reserved name "bundled"', JSON.stringify(samplePack('bundled'))],
  ])('refuses a bad pack (%s) with issues and leaves storage byte-identical', async (_what, text) => {
    const { db, loader } = await loaded();
    await loader.importPack(JSON.stringify(samplePack('first-pack')));
    const before = { db: await dumpDB(db), local: dumpLocal() };
    const result = await loader.importPack(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.length).toBeGreaterThan(0);
      for (const issue of result.error) expect(issue.message).not.toBe('');
    }
    expect(await dumpDB(db)).toBe(before.db);
    expect(dumpLocal()).toBe(before.local);
  });

  // A text of tens of millions of characters: the time allowed is for a busy machine, not a measure.
  it('refuses a pack over 64 MiB as sent, though it has fewer characters, and stores nothing', { timeout: 60_000 }, async () => {
    const { db, loader } = await loaded();
    const before = { db: await dumpDB(db), local: dumpLocal() };
    const text = JSON.stringify({ ...samplePack(), padding: '€'.repeat(MAX_PACK_BYTES / 3) });
    expect(text.length).toBeLessThan(MAX_PACK_BYTES);
    expect(await loader.importPack(text)).toEqual({
      ok: false,
      error: [{ path: '(file)', message: expect.stringMatching(/^too large: 64\.0 MiB as sent, .*; packs are limited to 64 MiB$/) }],
    });
    expect(await dumpDB(db)).toBe(before.db);
    expect(dumpLocal()).toBe(before.local);
  });

  it('replaces a pack re-imported under the same name', async () => {
    const { loader } = await loaded();
    await loader.importPack(JSON.stringify(samplePack('regional-press', '2026.02.01')));
    const result = await loader.importPack(JSON.stringify(samplePack('regional-press', '2026.03.01')));
    expect(result).toMatchObject({ ok: true, value: { packs: [{ name: 'regional-press', contentVersion: '2026.03.01' }] } });
  });

  it('previews a pack without writing anything: curator, counts, the sites it labels, the bundled incident it extends', async () => {
    const { db, loader } = await loaded();
    const before = { db: await dumpDB(db), local: dumpLocal() };
    const pack = samplePack();
    pack.publishers[0]!.domains = ['WWW.Regional-Press.example.org', 'news.regional-press.example'];
    const preview = await loader.previewPack(JSON.stringify(pack));
    expect(preview).toEqual({
      ok: true,
      value: {
        name: 'regional-press',
        contentVersion: '2026.02.01',
        origin: { packId: 'regional-press', packName: 'regional-press', curator: pack.pack!.curator, version: 2, date: '2026-02-01' },
        counts: { incidents: 0, claims: 1, publishers: 1, authors: 1 },
        domains: ['news.regional-press.example', 'regional-press.example.org'],
        extends: [{ id: 'ishkobod-2019', title: bundledDataset().incidents[0]!.title, dataset: 'bundled', claims: 1 }],
      },
    });
    expect(await dumpDB(db)).toBe(before.db);
    expect(dumpLocal()).toBe(before.local);
  });

  it('previews a refused pack with the same issues the import gives', async () => {
    const { loader } = await loaded();
    const text = JSON.stringify({ ...samplePack(), publishers: [{ ...samplePack().publishers[0]!, domains: ['www.globalresearch.ca'] }] });
    const preview = await loader.previewPack(text);
    expect(preview.ok).toBe(false);
    expect(await loader.importPack(text)).toEqual(preview);
  });

  it('replaces a pack by its id, under a new name too, and says so in the preview', async () => {
    const { loader } = await loaded();
    await loader.importPack(JSON.stringify(samplePack('regional-press', '2026.02.01')));
    const renamed = { ...samplePack('regional-press', '2026.03.01'), name: 'Regional press, March' };
    const preview = await loader.previewPack(JSON.stringify(renamed));
    expect(preview).toMatchObject({ ok: true, value: { replaces: { packId: 'regional-press', packName: 'regional-press', contentVersion: '2026.02.01' } } });
    const result = await loader.importPack(JSON.stringify(renamed));
    expect(result).toMatchObject({ ok: true, value: { packs: [{ name: 'Regional press, March', contentVersion: '2026.03.01' }] } });
    expect(result.ok && result.value.packs).toHaveLength(1);
  });

  it('refuses a pack that borrows a loaded pack’s name under another id, and changes nothing', async () => {
    const { db, loader } = await loaded();
    await loader.importPack(JSON.stringify(samplePack('regional-press')));
    const before = { db: await dumpDB(db), local: dumpLocal() };
    const impostor = samplePack('regional-press');
    impostor.pack = { ...impostor.pack!, id: 'someone-else' };
    impostor.claims[0]!.id = 'impostor-claim';
    impostor.publishers[0]!.id = 'impostor-weekly';
    impostor.publishers[0]!.name = 'Impostor Weekly';
    impostor.publishers[0]!.aliases = [{ text: 'Impostor Weekly', lang: 'en' }];
    impostor.publishers[0]!.domains = ['impostor.example'];
    impostor.publishers[0]!.authorIds = ['impostor-editor'];
    impostor.authors[0] = { ...impostor.authors[0]!, id: 'impostor-editor', publisherId: 'impostor-weekly' };
    const result = await loader.importPack(JSON.stringify(impostor));
    expect(result).toEqual({ ok: false, error: [{ path: 'name', message: 'a dataset named "regional-press" is already loaded' }] });
    expect(await dumpDB(db)).toBe(before.db);
    expect(dumpLocal()).toBe(before.local);
  });

  it('removing a pack restores the stored data and the index exactly', async () => {
    const { db, loader } = await loaded();
    await loader.importPack(JSON.stringify(samplePack('first-pack')));
    const before = { db: await dumpDB(db), local: dumpLocal() };
    await loader.importPack(JSON.stringify(samplePack('second-pack')));
    expect(await dumpDB(db)).not.toBe(before.db);
    const result = await loader.removePack('second-pack');
    expect(result).toMatchObject({ ok: true, value: { packs: [{ name: 'first-pack' }] } });
    expect(await dumpDB(db)).toBe(before.db);
    expect(dumpLocal()).toBe(before.local);
  });

  it('says so when asked to remove a pack that is not there', async () => {
    const { loader } = await loaded();
    expect(await loader.removePack('no-such-pack')).toEqual({ ok: false, error: 'There is no pack named "no-such-pack".' });
  });

  it('reset removes every pack and leaves what the bundle alone gave', async () => {
    const { db, loader } = await loaded();
    const before = { db: await dumpDB(db), local: dumpLocal() };
    await loader.importPack(JSON.stringify(samplePack('a-pack')));
    await loader.importPack(JSON.stringify(samplePack('b-pack')));
    expect(await loader.reset()).toMatchObject({ ok: true, value: { packs: [] } });
    expect(await dumpDB(db)).toBe(before.db);
    expect(dumpLocal()).toBe(before.local);
  });

  it('exports the imported packs as one pack that imports again to the same data', async () => {
    const { loader } = await loaded();
    await loader.importPack(JSON.stringify(samplePack()));
    const first = await loader.exportMerged();
    if (!first.ok) throw new Error(first.error);
    expect(first.value.name).toBe(samplePack().name);
    expect(first.value.claims.map((c) => c.id)).toEqual(samplePack().claims.map((c) => c.id));
    expect(validateDataset(first.value, { existing: [bundledDataset()] }).ok).toBe(true);
    const again = await loader.importPack(JSON.stringify(first.value));
    expect(again.ok).toBe(true);
    const second = await loader.exportMerged();
    expect(second).toEqual(first);
  });

  it('exports the bundled data when no pack is loaded', async () => {
    const { loader } = await loaded();
    const result = await loader.exportMerged();
    expect(result.ok && result.value.name).toBe('bundled');
  });

  it('reports an index that could not be written, and rebuilds it on the next start', async () => {
    const { db, loader } = await loaded();
    failNextIndexWrite(new Error('QUOTA_BYTES quota exceeded'));
    const result = await loader.importPack(JSON.stringify(samplePack()));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error[0]?.message).toMatch(/detection index could not be written \(QUOTA_BYTES/);
    expect(await stored('idx:meta')).toBeUndefined();
    expect(await stored('state:loading')).toBeUndefined();
    await makeLoader(db).loader.onStart();
    expect(await indexVersions()).toEqual([
      { name: 'bundled', contentVersion: '2026.01.10' },
      { name: 'regional-press', contentVersion: '2026.02.01' },
    ]);
  });
});

describe('records', () => {
  it('answers an unknown id with a clear error', async () => {
    const db = await openTestDB();
    const { loader } = makeLoader(db);
    await loader.onStart();
    expect(await loader.recordView('publisher', 'no-such-publisher')).toEqual({ ok: false, error: 'No publisher with id "no-such-publisher" in the dataset.' });
  });

  it('waits for a load in progress instead of answering from an empty database', async () => {
    const db = await openTestDB();
    const { loader } = makeLoader(db);
    void loader.onStart();
    const view = await loader.recordView('incident', 'ishkobod-2019');
    expect(view.ok).toBe(true);
  });
});

describe('the shipped dataset', () => {
  it('loads, and serves the incident with every claim it lists, in order', async () => {
    const { default: shipped } = await import('../../src/data/dataset.json');
    const db = await openTestDB();
    const { loader } = makeLoader(db, shipped);
    expect(await loader.onStart()).toEqual({ ok: true, value: null });
    const view = await loader.recordView('incident', 'ishkobod-2019');
    if (!view.ok) throw new Error(view.error);
    expect(view.value.claims.map((c) => c.id)).toEqual(shipped.incidents[0]?.claimIds);
    for (const id of ['hizb-ut-tahrir-cmo', 'global-research']) expect((await loader.recordView('publisher', id)).ok).toBe(true);
  });
});
