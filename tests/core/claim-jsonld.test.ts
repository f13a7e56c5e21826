import { describe, expect, it } from 'vitest';
import { claimToJsonLd } from '../../src/core/claim-jsonld.ts';
import bundled from '../../src/data/dataset.json';
import { validateDataset } from '../../src/data/schema.ts';
import type { Claim, Incident } from '../../src/core/dataset-types.ts';

const incident: Incident = {
  id: 'zarkhavand-2021',
  title: 'Attack on the Zarkhavand checkpoint',
  summary: 'An armed group attacked the checkpoint.',
  date: '2021-03-04',
  place: 'Zarkhavand',
  country: 'Velmoria',
  aliases: [{ text: 'Zarkhavand', lang: 'en' }],
  relatedPlaces: [],
  descriptionRules: [],
  keyFigures: [],
  claimIds: ['zk-official', 'zk-doubt'],
  sources: [{ title: 'First report', publisher: 'Dalmorish Herald', date: '2021-03-04' }],
};

const official: Claim = {
  id: 'zk-official',
  incidentId: 'zarkhavand-2021',
  kind: 'official',
  claimant: { name: 'Velmorian border service' },
  date: '2021-03-04',
  summary: 'According to the border service, twelve men attacked.',
  source: { title: 'Statement on the night attack', publisher: 'Velmorian border service', date: '2021-03-04', url: 'https://border.velmoria.example/statement' },
  relations: [],
};

const relayed: Claim = {
  id: 'zk-doubt',
  incidentId: 'zarkhavand-2021',
  kind: 'doubt',
  claimant: { name: 'Ola Tesh', role: 'researcher' },
  date: '2021-03',
  summary: 'According to Ola Tesh, the route is implausible.',
  quote: 'Nobody crosses there unseen.',
  source: { title: 'Doubts grow', publisher: 'Dalmorish Herald', author: 'Ivo Marn', date: '2021-03-10', via: 'Shotrabad Review' },
  relations: [{ type: 'disputes', claimId: 'zk-official', point: 'The route.' }],
};

describe('claimToJsonLd', () => {
  it('describes a claim as a schema.org Claim with its author, date, text and where it appeared', () => {
    expect(claimToJsonLd(relayed, incident)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Claim',
      identifier: 'zk-doubt',
      text: 'According to Ola Tesh, the route is implausible.',
      author: { name: 'Ola Tesh', description: 'researcher' },
      datePublished: '2021-03',
      appearance: [
        {
          '@type': 'CreativeWork',
          name: 'Doubts grow',
          publisher: { '@type': 'Organization', name: 'Dalmorish Herald' },
          author: { name: 'Ivo Marn' },
          datePublished: '2021-03-10',
        },
      ],
      about: {
        '@type': 'Event',
        identifier: 'zarkhavand-2021',
        name: 'Attack on the Zarkhavand checkpoint',
        startDate: '2021-03-04',
        location: { '@type': 'Place', name: 'Zarkhavand', address: { '@type': 'PostalAddress', addressCountry: 'Velmoria' } },
      },
    });
  });

  it('gives the source as the first appearance, and a relay only as an appearance', () => {
    const own = claimToJsonLd(official, incident);
    expect(own.firstAppearance).toEqual(own.appearance[0]);
    expect(own.firstAppearance?.url).toBe('https://border.velmoria.example/statement');
    // A source that names who the statement came through is a relay: the first appearance is not known.
    expect(claimToJsonLd(relayed, incident).firstAppearance).toBeUndefined();
    expect(claimToJsonLd({ ...official, source: { ...official.source, via: 'Shotrabad Review' } }, incident).firstAppearance).toBeUndefined();
  });

  it('lists the further appearances after the source, with their language, and none as first when the primary was not found', () => {
    const reported: Claim = {
      ...official,
      source: { ...official.source, lang: 'ru' },
      appearances: [
        { title: 'Border service statement', publisher: 'Shotrabad Review', date: '2021-03-05', url: 'https://shotrabad.example/relay', lang: 'en' },
        { title: 'Attack on a checkpoint', publisher: 'Dalmorish Herald', author: 'Ivo Marn', date: '2021-03' },
      ],
    };
    const ld = claimToJsonLd(reported, incident);
    expect(ld.appearance).toEqual([
      {
        '@type': 'CreativeWork',
        name: 'Statement on the night attack',
        publisher: { '@type': 'Organization', name: 'Velmorian border service' },
        datePublished: '2021-03-04',
        url: 'https://border.velmoria.example/statement',
        inLanguage: 'ru',
      },
      {
        '@type': 'CreativeWork',
        name: 'Border service statement',
        publisher: { '@type': 'Organization', name: 'Shotrabad Review' },
        datePublished: '2021-03-05',
        url: 'https://shotrabad.example/relay',
        inLanguage: 'en',
      },
      {
        '@type': 'CreativeWork',
        name: 'Attack on a checkpoint',
        publisher: { '@type': 'Organization', name: 'Dalmorish Herald' },
        author: { name: 'Ivo Marn' },
        datePublished: '2021-03',
      },
    ]);
    expect(ld.firstAppearance).toEqual(ld.appearance[0]);
    const notFound = claimToJsonLd({ ...reported, primarySource: { status: 'not-found', note: 'The statement itself was not found.' } }, incident);
    expect(notFound.appearance).toEqual(ld.appearance);
    expect(notFound.firstAppearance).toBeUndefined();
    expect(JSON.stringify(notFound)).not.toContain('not found');
  });

  it('leaves out the incident when given another one, rather than mislabel the claim', () => {
    const ld = claimToJsonLd(official, { ...incident, id: 'other-2020' });
    expect(ld.about).toBeUndefined();
    expect(claimToJsonLd(official).about).toBeUndefined();
  });

  it('never carries a link that is not http(s)', () => {
    const ld = claimToJsonLd({ ...official, source: { ...official.source, url: 'javascript:alert(1)' } }, incident);
    expect(ld.appearance[0]?.url).toBeUndefined();
    expect(ld.firstAppearance?.url).toBeUndefined();
    expect(JSON.stringify(ld)).not.toContain('javascript:');
  });

  it('maps every bundled claim to JSON that survives a round trip unchanged', () => {
    const checked = validateDataset(structuredClone(bundled), { bundled: true });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const data = checked.value;
    for (const claim of data.claims) {
      const ld = claimToJsonLd(claim, data.incidents.find((i) => i.id === claim.incidentId));
      // No undefined values: what is absent from the claim is absent from the JSON-LD.
      expect(JSON.parse(JSON.stringify(ld))).toStrictEqual(ld);
      expect(ld).toMatchObject({ '@type': 'Claim', identifier: claim.id, text: claim.summary, datePublished: claim.date });
      expect(ld.author.name).toBe(claim.claimant.name);
      expect(ld.appearance.map((a) => a.name)).toEqual([claim.source, ...(claim.appearances ?? [])].map((s) => s.title));
      expect(ld.firstAppearance === undefined).toBe(claim.primarySource !== undefined || claim.source.via !== undefined);
    }
  });
});
