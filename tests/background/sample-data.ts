/**
 * Small datasets for the background's tests: a bundled dataset (one incident with three claims, two
 * publishers and their authors) and a pack that adds a claim to the bundled incident and a publisher
 * of its own. Both pass the real validator (checked in db.test.ts).
 */
import type { Author, Claim, Dataset, Publisher, SourceRef } from '../../src/core/dataset-types.ts';

const src = (title: string, publisher: string, date: string, author?: string): SourceRef => ({
  title,
  publisher,
  date,
  ...(author ? { author } : {}),
});

const claim = (id: string, kind: Claim['kind'], claimant: string, summary: string, source: SourceRef, relations: Claim['relations'] = []): Claim => ({
  id,
  incidentId: 'ishkobod-2019',
  kind,
  claimant: { name: claimant },
  date: '2019-11-06',
  summary,
  source,
  relations,
});

const author = (id: string, name: string, publisherId: string, publisher: string): Author => ({
  id,
  name,
  publisherId,
  source: src('Author page', publisher, '2019-11'),
});

const publisher = (id: string, name: string, domain: string, authorIds: string[]): Publisher => ({
  id,
  name,
  aliases: [{ text: name, lang: 'en' }],
  domains: [domain],
  bylines: [],
  statedAffiliation: [{ quote: `Published by ${name}`, where: 'footer of each article', source: src('About', name, '2019') }],
  thirdParty: [],
  authorIds,
});

/**
 * The bundled dataset. Claims are listed in the array in a different order from the incident's
 * `claimIds` and from their key order, so a test can tell which order a reader got.
 */
export function bundledDataset(contentVersion = '2026.01.10', summary = 'A night attack on a border outpost in Rudaki district.'): Dataset {
  return {
    schemaVersion: 1,
    contentVersion,
    name: 'bundled',
    incidents: [
      {
        id: 'ishkobod-2019',
        title: 'Attack on the Ishkobod border outpost, Tajikistan, 6 November 2019',
        summary,
        date: '2019-11-06',
        place: 'Ishkobod, Rudaki district',
        country: 'Tajikistan',
        aliases: [
          { text: 'Ishkobod', lang: 'en' },
          { text: 'Ишкобод', lang: 'ru' },
        ],
        relatedPlaces: ['Rudaki district'],
        descriptionRules: [],
        keyFigures: [],
        claimIds: ['scns-account', 'amaq-claim', 'analyst-doubt'],
        sources: [src('Border post attacked', 'News agency', '2019-11-06')],
      },
    ],
    claims: [
      claim('analyst-doubt', 'doubt', 'Omid Rahimi', 'According to the author, the official account leaves gaps.', src('Article', 'Global Research', '2019-11-20', 'Omid Rahimi'), [
        { type: 'disputes', claimId: 'scns-account', point: 'the route the group took' },
      ]),
      claim('scns-account', 'official', 'State Committee for National Security', 'According to the SCNS, about 20 armed men attacked the outpost.', src('Statement', 'SCNS', '2019-11-06')),
      claim('amaq-claim', 'responsibility', 'Islamic State (Amaq)', 'Amaq said the group carried out the attack.', src('Report', 'Global Research', '2019-11-08')),
    ],
    publishers: [
      publisher('global-research', 'Global Research', 'globalresearch.ca', ['omid-rahimi', 'aveek-sen']),
      publisher('hizb-ut-tahrir-cmo', 'Central Media Office of Hizb ut Tahrir', 'hizb-ut-tahrir.info', ['muhammad-mansour']),
    ],
    authors: [
      author('aveek-sen', 'Aveek Sen', 'global-research', 'Global Research'),
      author('muhammad-mansour', 'Muhammad Mansour', 'hizb-ut-tahrir-cmo', 'Central Media Office of Hizb ut Tahrir'),
      author('omid-rahimi', 'Omid Rahimi', 'global-research', 'Global Research'),
    ],
  };
}

/** A pack adding one claim to the bundled incident, and a publisher with one author. */
export function samplePack(name = 'regional-press', contentVersion = '2026.02.01'): Dataset {
  return {
    schemaVersion: 1,
    contentVersion,
    name,
    incidents: [],
    claims: [claim(`${name}-veteran-doubt`, 'doubt', 'Davlatkhoja Nazirov', 'According to the veteran, a group of 20 could not cross unnoticed.', src('Interview', 'Asia-Plus', '2019-11-12'))],
    publishers: [publisher(`${name}-weekly`, 'Regional Weekly', `${name}.example.org`, [`${name}-editor`])],
    authors: [author(`${name}-editor`, 'Regional Editor', `${name}-weekly`, 'Regional Weekly')],
  };
}
