import { describe, expect, it } from 'vitest';
import {
  datasetInfo,
  getRecordView,
  readAllDatasets,
  readBundledMeta,
  readPackJson,
  removeAllPacks,
  removePack,
  replaceDataset,
} from '../../src/background/db.ts';
import { SCHEMA_VERSION, type Dataset, type RecordKind } from '../../src/core/dataset-types.ts';
import { buildRecordView, placeDatasets } from '../../src/core/record-view.ts';
import { validateDataset } from '../../src/data/schema.ts';
import { dumpDB, openTestDB, openTestDBWithRecords } from './db-helpers.ts';
import { bundledDataset, samplePack } from '../sample-data.ts';

describe('test data', () => {
  it('passes the real validator, the pack against the bundled data', () => {
    const bundled = bundledDataset();
    expect(validateDataset(bundled, { bundled: true })).toEqual({ ok: true, value: bundled });
    expect(validateDataset(samplePack(), { existing: [bundled] }).ok).toBe(true);
  });
});

describe('replaceDataset', () => {
  it('reads back every dataset as written, in its own order', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack());
    expect(await readAllDatasets(db)).toEqual([bundledDataset(), samplePack()]);
  });

  it('keeps a dataset’s concepts with it, so the index compiled from storage has them', async () => {
    const concepts = [{ id: 'border-post', label: 'A border post', terms: { en: ['border post*'], fa: ['پاسگاه*'] } }];
    const bundled = { ...bundledDataset(), concepts };
    const pack = { ...samplePack(), concepts: [{ id: 'valley-words', label: 'The valley', terms: { en: ['valley'] }, tolerant: true }] };
    const db = await openTestDBWithRecords(bundled, pack);
    expect(await readAllDatasets(db)).toEqual([bundled, pack]);
  });

  it('leaves the old data whole when a write fails mid-transaction (two records with one id)', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack());
    const before = await dumpDB(db);
    const broken = bundledDataset('2026.03.01');
    const [first] = broken.claims;
    // The second add with the same key fails after the deletes and earlier adds were queued.
    broken.claims.push({ ...first!, summary: 'a second record with the same id' });
    await expect(replaceDataset(db, broken, 'bundled')).rejects.toThrow();
    expect(await dumpDB(db)).toBe(before);
  });

  it('leaves the old data whole when a record cannot be stored at all', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack());
    const before = await dumpDB(db);
    const broken = samplePack('regional-press', '2026.04.01');
    // A function cannot be cloned into IndexedDB: the put throws while the transaction is being filled.
    Object.assign(broken.authors[0]!, { description: () => 'not data' });
    await expect(replaceDataset(db, broken, 'regional-press')).rejects.toThrow();
    expect(await dumpDB(db)).toBe(before);
  });

  it('replaces the content of an older version with the newer one', async () => {
    const db = await openTestDBWithRecords(bundledDataset('2025.12.01', 'Old summary.'));
    const newer = bundledDataset('2026.01.10', 'New summary.');
    newer.claims = newer.claims.filter((c) => c.id !== 'amaq-claim');
    newer.incidents[0]!.claimIds = ['scns-account', 'analyst-doubt'];
    await replaceDataset(db, newer, 'bundled');
    expect(await readBundledMeta(db)).toEqual({ schemaVersion: SCHEMA_VERSION, contentVersion: '2026.01.10' });
    expect(await readAllDatasets(db)).toEqual([newer]);
    const view = await getRecordView(db, 'incident', 'ishkobod-2019');
    expect(view?.incident?.summary).toBe('New summary.');
    expect(view?.claims.map((c) => c.id)).toEqual(['scns-account', 'analyst-doubt']);
  });

  it('keeps a pack’s JSON exactly as imported', async () => {
    const db = await openTestDB();
    const text = `  ${JSON.stringify(samplePack(), null, 3)}\n`;
    await replaceDataset(db, samplePack(), 'regional-press', { json: text });
    expect(await readPackJson(db, 'regional-press')).toBe(text);
  });
});

describe('getRecordView', () => {
  it('returns an incident’s claims in its claimIds order, then claims a pack adds', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack());
    const view = await getRecordView(db, 'incident', 'ishkobod-2019');
    expect(view?.kind).toBe('incident');
    expect(view?.claims.map((c) => c.id)).toEqual(['scns-account', 'amaq-claim', 'analyst-doubt', 'regional-press-veteran-doubt']);
    // Authors behind the claims, matched by name; the other publishers' authors are not listed.
    expect(view?.authors.map((a) => a.id)).toEqual(['omid-rahimi']);
  });

  it('names the pack of every claim it adds to a bundled incident, and no pack for the bundled claims', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack());
    const view = await getRecordView(db, 'incident', 'ishkobod-2019');
    const origin = { packId: 'regional-press', packName: 'regional-press', curator: samplePack().pack!.curator, version: 2, date: '2026-02-01' };
    expect(view?.origins).toEqual({ 'claim:regional-press-veteran-doubt': origin });
  });

  it('names the pack of a pack publisher and its author; a bundled publisher has none', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack());
    const own = await getRecordView(db, 'publisher', 'regional-press-weekly');
    expect(Object.keys(own?.origins ?? {}).sort()).toEqual(['author:regional-press-editor', 'publisher:regional-press-weekly']);
    expect(own?.origins?.['publisher:regional-press-weekly']?.curator?.name).toBe('Regional Press Review');
    expect((await getRecordView(db, 'publisher', 'global-research'))?.origins).toBeUndefined();
  });

  it('shows a pack author matched by name to a bundled claimant as the pack’s', async () => {
    const pack: Dataset = { ...samplePack(), authors: [{ ...samplePack().authors[0]!, name: 'Omid Rahimi', description: 'Said by the pack' }] };
    pack.publishers[0]!.authorIds = ['regional-press-editor'];
    const db = await openTestDBWithRecords(bundledDataset(), pack);
    const view = await getRecordView(db, 'incident', 'ishkobod-2019');
    expect(view?.authors.map((a) => a.id)).toEqual(['omid-rahimi', 'regional-press-editor']);
    expect(view?.origins?.['author:regional-press-editor']?.packName).toBe('regional-press');
    expect(view?.origins?.['author:omid-rahimi']).toBeUndefined();
  });

  it('returns a publisher with its authors in authorIds order', async () => {
    const db = await openTestDBWithRecords(bundledDataset());
    const view = await getRecordView(db, 'publisher', 'global-research');
    expect(view?.publisher?.name).toBe('Global Research');
    expect(view?.authors.map((a) => a.id)).toEqual(['omid-rahimi', 'aveek-sen']);
    expect(view?.claims).toEqual([]);
  });

  it('returns null for an id the dataset does not hold', async () => {
    const db = await openTestDBWithRecords(bundledDataset());
    expect(await getRecordView(db, 'incident', 'no-such-incident')).toBeNull();
    expect(await getRecordView(db, 'publisher', 'ishkobod-2019')).toBeNull();
  });

  const bundled = bundledDataset();
  /** A pack redefining bundled records (the validator refuses this; a later bundle can do it). */
  const overriding: Dataset = {
    ...samplePack('overrides'),
    claims: [{ ...bundled.claims.find((c) => c.id === 'amaq-claim')!, incidentId: 'another-incident' }],
    authors: [
      { ...bundled.authors.find((a) => a.id === 'omid-rahimi')!, name: 'O. Rahimi' },
      { ...bundled.authors.find((a) => a.id === 'muhammad-mansour')!, publisherId: 'global-research' },
    ],
  };
  it.each([
    ['the bundle alone', [bundled]],
    ['two packs', [bundled, samplePack('b-pack'), samplePack('a-pack')]],
    ['a pack redefining a claim and authors', [bundled, samplePack(), overriding]],
  ])('gives what the bundled fallback’s rules give for the same data: %s', async (_what, datasets) => {
    const db = await openTestDBWithRecords(...datasets);
    const stored = placeDatasets(datasets);
    const wanted: [RecordKind, string][] = [
      ['incident', 'ishkobod-2019'],
      ['publisher', 'global-research'],
      ['publisher', 'hizb-ut-tahrir-cmo'],
      ...datasets.slice(1).map((d): [RecordKind, string] => ['publisher', `${d.name}-weekly`]),
    ];
    for (const [kind, id] of wanted) expect(await getRecordView(db, kind, id), `${kind} ${id}`).toEqual(buildRecordView(stored, kind, id));
  });
});

describe('removePack', () => {
  it('restores exactly what was stored before the pack came', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack('first-pack'));
    const before = await dumpDB(db);
    await replaceDataset(db, samplePack('second-pack'), 'second-pack');
    expect(await dumpDB(db)).not.toBe(before);
    expect(await removePack(db, 'second-pack')).toBe(true);
    expect(await dumpDB(db)).toBe(before);
  });

  it('gives back a record a pack shadowed with the same id', async () => {
    // The validator refuses this; the store must stay exact even if a pack slips one through.
    const db = await openTestDBWithRecords(bundledDataset());
    const before = await dumpDB(db);
    const shadow: Dataset = { ...samplePack(), incidents: [{ ...bundledDataset().incidents[0]!, title: 'Shadowed title' }] };
    await replaceDataset(db, shadow, 'regional-press');
    expect((await getRecordView(db, 'incident', 'ishkobod-2019'))?.incident?.title).toBe('Shadowed title');
    await removePack(db, 'regional-press');
    expect(await dumpDB(db)).toBe(before);
    expect((await getRecordView(db, 'incident', 'ishkobod-2019'))?.incident?.title).toMatch(/^Attack on the Ishkobod/);
  });

  it('does nothing for a name that is not a pack (the bundled data cannot be removed this way)', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack());
    const before = await dumpDB(db);
    expect(await removePack(db, 'bundled')).toBe(false);
    expect(await removePack(db, 'not-there')).toBe(false);
    expect(await dumpDB(db)).toBe(before);
  });

  it('removeAllPacks leaves the bundled data as it was before any pack', async () => {
    const db = await openTestDBWithRecords(bundledDataset());
    const before = await dumpDB(db);
    await replaceDataset(db, samplePack('a-pack'), 'a-pack');
    await replaceDataset(db, samplePack('b-pack'), 'b-pack');
    await removeAllPacks(db);
    expect(await dumpDB(db)).toBe(before);
  });
});

describe('datasetInfo', () => {
  it('reports versions, packs and counts', async () => {
    const db = await openTestDBWithRecords(bundledDataset(), samplePack());
    expect(await datasetInfo(db, 1)).toEqual({
      schemaVersion: SCHEMA_VERSION,
      bundledVersion: '2026.01.10',
      packs: [
        {
          name: 'regional-press',
          contentVersion: '2026.02.01',
          incidents: 0,
          claims: 1,
          publishers: 1,
          authors: 1,
          origin: {
            packId: 'regional-press',
            packName: 'regional-press',
            curator: { name: 'Regional Press Review', homepage: 'https://press-review.example/', contact: 'desk@press-review.example' },
            version: 2,
            date: '2026-02-01',
          },
          // Written by the loader from the pack's summary; a bare replaceDataset has none.
          domains: [],
          extends: [],
        },
      ],
      counts: { incidents: 1, claims: 4, publishers: 3, authors: 4 },
    });
  });

  it('reports an empty database before the first load', async () => {
    const db = await openTestDB();
    expect(await datasetInfo(db, 1)).toEqual({
      schemaVersion: 1,
      bundledVersion: '',
      packs: [],
      counts: { incidents: 0, claims: 0, publishers: 0, authors: 0 },
    });
  });
});
