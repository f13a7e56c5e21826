import { describe, expect, it } from 'vitest';
import type { Author, Claim, Dataset } from '../../src/core/dataset-types.ts';
import { authorKey, buildRecordView, placeDatasets, type StoredRecords } from '../../src/core/record-view.ts';
import { bundledDataset, samplePack } from '../sample-data.ts';

/** A pack named `name` holding only the records given. */
const pack = (name: string, records: Partial<Pick<Dataset, 'incidents' | 'claims' | 'publishers' | 'authors'>>): Dataset => ({
  schemaVersion: 1,
  contentVersion: '2026.03.01',
  name,
  incidents: [],
  claims: [],
  publishers: [],
  authors: [],
  ...records,
});
const bundled = bundledDataset();
const claimOf = (id: string): Claim => {
  const c = bundled.claims.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};
const authorOf = (id: string): Author => {
  const a = bundled.authors.find((x) => x.id === id);
  if (!a) throw new Error(id);
  return a;
};
const newAuthor = (id: string, name: string, publisherId = 'regional-press-weekly'): Author => ({ ...authorOf('aveek-sen'), id, name, publisherId });

const ids = (list: { id: string }[] | undefined): string[] | undefined => list?.map((r) => r.id);
const incident = (stored: StoredRecords) => buildRecordView(stored, 'incident', 'ishkobod-2019');
const publisher = (stored: StoredRecords, id = 'global-research') => buildRecordView(stored, 'publisher', id);

describe('authorKey', () => {
  it.each([
    ['Omid Rahimi', 'omid rahimi'],
    ['  Omid   Rahimi ', 'omid rahimi'],
    ['OMID RAHIMI', 'omid rahimi'],
    ['Omid\u00a0Rahimi', 'omid rahimi'],
    // Composed and decomposed forms of one name are one key.
    ['Jose\u0301 Marti\u0301', 'jos\u00e9 mart\u00ed'],
    // No locale: a capital I is i everywhere, not the Turkish dotless ı.
    ['IRINA', 'irina'],
  ])('%j is matched as %j', (name, key) => {
    expect(authorKey(name)).toBe(key);
  });
});

describe('buildRecordView: an incident', () => {
  it.each([
    ['the bundle alone: claims in claimIds order, not array order', [bundled], ['scns-account', 'amaq-claim', 'analyst-doubt']],
    ['a pack adding a claim: after the listed ones', [bundled, samplePack()], ['scns-account', 'amaq-claim', 'analyst-doubt', 'regional-press-veteran-doubt']],
    [
      'two packs adding claims: by import order, then position',
      [bundled, samplePack('b-pack'), samplePack('a-pack')],
      ['scns-account', 'amaq-claim', 'analyst-doubt', 'b-pack-veteran-doubt', 'a-pack-veteran-doubt'],
    ],
    [
      'a later dataset moving a claim to another incident: no longer listed here',
      [bundled, pack('p', { claims: [{ ...claimOf('amaq-claim'), incidentId: 'another-incident' }] })],
      ['scns-account', 'analyst-doubt'],
    ],
  ])('%s', (_what, datasets, claimIds) => {
    expect(ids(incident(placeDatasets(datasets))?.claims)).toEqual(claimIds);
  });

  it.each([
    ['a claimant and a source author, named as in the author record', [bundled], ['omid-rahimi']],
    [
      'a name with other letter case and spacing',
      [bundled, pack('p', { claims: [{ ...claimOf('scns-account'), id: 'p-claim', claimant: { name: '  aveek   SEN ' } }] })],
      ['aveek-sen', 'omid-rahimi'],
    ],
    [
      'the author of one of the incident’s own sources',
      [{ ...bundled, incidents: bundled.incidents.map((i) => ({ ...i, sources: [{ ...i.sources[0]!, author: 'Muhammad Mansour' }] })) }],
      ['muhammad-mansour', 'omid-rahimi'],
    ],
    [
      'an author a later dataset renames: judged by the new name',
      [bundled, pack('p', { authors: [{ ...authorOf('omid-rahimi'), name: 'O. Rahimi' }] })],
      [],
    ],
    ['an author of a pack with a matching name, listed after the bundle’s', [bundled, pack('p', { authors: [newAuthor('p-omid', 'OMID RAHIMI')] })], ['omid-rahimi', 'p-omid']],
  ])('lists the authors behind %s', (_what, datasets, authorIds) => {
    expect(ids(incident(placeDatasets(datasets))?.authors)).toEqual(authorIds);
  });

  it('takes the incident from the dataset loaded last, and keeps each record whole', () => {
    const retitled = { ...bundled.incidents[0]!, title: 'Retitled by a pack' };
    const view = incident(placeDatasets([bundled, pack('p', { incidents: [retitled] })]));
    expect(view?.incident).toEqual(retitled);
    expect(view?.claims[0]).toEqual(claimOf('scns-account'));
  });

  it('ranks by the given order, not by where a record sits in the input', () => {
    const stored = placeDatasets([bundled, pack('p', { incidents: [{ ...bundled.incidents[0]!, title: 'From the pack' }] })]);
    expect(incident({ ...stored, order: ['p', 'bundled'] })?.incident?.title).toBe(bundled.incidents[0]!.title);
    // A dataset missing from the order ranks below every other.
    expect(incident({ ...stored, order: ['bundled'] })?.incident?.title).toBe(bundled.incidents[0]!.title);
  });

  it('is null for an id with no incident, or for a publisher id', () => {
    const stored = placeDatasets([bundled, samplePack()]);
    expect(buildRecordView(stored, 'incident', 'no-such-incident')).toBeNull();
    expect(buildRecordView(stored, 'incident', 'global-research')).toBeNull();
  });
});

describe('buildRecordView: a publisher', () => {
  it.each([
    ['its authorIds, in that order', [bundled], 'global-research', ['omid-rahimi', 'aveek-sen']],
    ['a pack’s own publisher', [bundled, samplePack()], 'regional-press-weekly', ['regional-press-editor']],
    [
      'others naming it, after the listed ones',
      [bundled, pack('p', { authors: [newAuthor('p-writer', 'A Writer', 'global-research')] })],
      'global-research',
      ['omid-rahimi', 'aveek-sen', 'p-writer'],
    ],
    [
      'a listed author that a later dataset moves to another publisher, still listed',
      [bundled, pack('p', { authors: [{ ...authorOf('aveek-sen'), publisherId: 'hizb-ut-tahrir-cmo' }] })],
      'global-research',
      ['omid-rahimi', 'aveek-sen'],
    ],
    [
      'an unlisted author that a later dataset moves away: gone',
      [bundled, pack('p', { authors: [newAuthor('p-writer', 'A Writer', 'global-research')] }), pack('q', { authors: [newAuthor('p-writer', 'A Writer', 'hizb-ut-tahrir-cmo')] })],
      'global-research',
      ['omid-rahimi', 'aveek-sen'],
    ],
    [
      'the authorIds of the publisher’s latest version',
      [bundled, pack('p', { publishers: [{ ...bundled.publishers[0]!, authorIds: ['aveek-sen'] }] })],
      'global-research',
      ['aveek-sen', 'omid-rahimi'],
    ],
  ])('lists %s', (_what, datasets, id, authorIds) => {
    const view = publisher(placeDatasets(datasets), id);
    expect(view?.kind).toBe('publisher');
    expect(view?.claims).toEqual([]);
    expect(ids(view?.authors)).toEqual(authorIds);
  });

  it('is null for an id with no publisher', () => {
    expect(publisher(placeDatasets([bundled]), 'ishkobod-2019')).toBeNull();
  });
});
