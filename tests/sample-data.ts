/**
 * The one sample dataset of the unit tests, and what the extension builds from it: a bundle (one
 * incident with three claims of three kinds, one of them reported again elsewhere and one whose
 * original publication was not found, two publishers and their authors; of the current schema), a
 * pack of the previous schema version that adds a claim and a publisher, the record views the popups show, and a page's findings. Both datasets
 * pass the real validator (checked in tests/background/db.test.ts). Every function returns a fresh
 * copy, so a test may change what it gets.
 *
 * Written for the tests: the records follow the bundled dataset's subject, their wording and
 * addresses are the tests' own (`.example` hosts apart from the publisher's real domain).
 */
import type { Findings, Mention } from '../src/core/findings.ts';
import type { RecordView } from '../src/core/messages.ts';
import { SCHEMA_VERSION, type Author, type Claim, type Dataset, type Incident, type Publisher, type SourceRef } from '../src/core/dataset-types.ts';

export const INCIDENT_ID = 'ishkobod-2019';

const src = (title: string, publisher: string, date: string, more: Partial<SourceRef> = {}): SourceRef => ({ title, publisher, date, ...more });

const claim = (fields: Omit<Claim, 'incidentId' | 'relations'> & Partial<Pick<Claim, 'relations'>>): Claim => ({
  incidentId: INCIDENT_ID,
  relations: [],
  ...fields,
});

const author = (id: string, name: string, publisherId: string, publisher: string, description?: string): Author => ({
  id,
  name,
  publisherId,
  ...(description ? { description } : {}),
  source: src('Author page', publisher, '2019-11'),
});

const publisher = (id: string, name: string, domain: string, authorIds: string[], more: Partial<Publisher> = {}): Publisher => ({
  id,
  name,
  aliases: [{ text: name, lang: 'en' }],
  domains: [domain],
  bylines: [],
  statedAffiliation: [{ quote: `Published by ${name}`, where: 'footer of each article', source: src('About', name, '2019') }],
  thirdParty: [],
  authorIds,
  ...more,
});

/**
 * The bundle's claims. They are listed in a different order from the incident's `claimIds` (and
 * from the kinds' display order), so a test can tell which order a reader got.
 */
function bundledClaims(): Claim[] {
  return [
    claim({
      id: 'analyst-doubt',
      kind: 'doubt',
      claimant: { name: 'Omid Rahimi', role: 'researcher' },
      date: '2019-11-20',
      summary: 'According to the author, the official account leaves gaps.',
      source: src('Article', 'Global Research', '2019-11-20', { author: 'Omid Rahimi', url: 'https://www.globalresearch.ca/ishkobod-gaps' }),
      relations: [{ type: 'disputes', claimId: 'scns-account', point: 'the route the group took' }],
    }),
    claim({
      id: 'scns-account',
      kind: 'official',
      claimant: { name: 'State Committee for National Security' },
      date: '2019-11-06',
      summary: 'According to the SCNS, about 20 armed men attacked the outpost.',
      quote: 'a group of about twenty armed people',
      source: src('Statement', 'SCNS', '2019-11-06', { url: 'https://scns.example/statement' }),
      appearances: [
        src('Нападение на погранзаставу', 'Example Wire', '2019-11-06', { url: 'https://wire.example/border-post', lang: 'ru' }),
        src('Night attack on an outpost', 'Example Daily', '2019-11-07'),
      ],
    }),
    claim({
      id: 'amaq-claim',
      kind: 'responsibility',
      claimant: { name: 'Islamic State (Amaq)' },
      date: '2019-11-08',
      summary: 'Amaq said the group carried out the attack.',
      source: src('Report', 'Global Research', '2019-11-08', { via: 'News agency' }),
      primarySource: { status: 'not-found', note: "The agency's own statement was not found; the report is the earliest seen." },
      relations: [{ type: 'supports', claimId: 'scns-account', point: 'that an armed group attacked the outpost' }],
    }),
  ];
}

function bundledIncident(summary: string): Incident {
  return {
    id: INCIDENT_ID,
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
    keyFigures: [
      {
        label: 'Attackers',
        values: [
          { claimId: 'scns-account', value: 'about 20' },
          { claimId: 'analyst-doubt', value: 'fewer than 20' },
        ],
      },
      { label: 'Killed among the security forces', values: [{ claimId: 'scns-account', value: '2' }] },
    ],
    claimIds: ['scns-account', 'amaq-claim', 'analyst-doubt'],
    sources: [src('Border post attacked', 'News agency', '2019-11-06')],
    reviewed: '2026-12-01',
  };
}

function globalResearch(): Publisher {
  return publisher('global-research', 'Global Research', 'globalresearch.ca', ['omid-rahimi', 'aveek-sen'], {
    aliases: [{ text: 'Global Research', lang: 'en', caseSensitive: true }],
    statedAffiliation: [
      {
        quote: 'The original source of this article is Global Research',
        where: 'closing line of each article',
        source: src('An article page', 'Global Research', '2019-11-20', { url: 'https://www.globalresearch.ca/ishkobod-gaps' }),
      },
    ],
    thirdParty: [
      {
        text: 'A reference work carries an assessment of the site.',
        source: src('Reference entry', 'Example Encyclopedia', '2024', { url: 'https://encyclopedia.example/gr' }),
      },
    ],
    reviewed: '2026-11',
  });
}

/** The bundled dataset; `contentVersion` and the incident's `summary` tell two bundles apart. */
export function bundledDataset(contentVersion = '2026.01.10', summary = 'A night attack on a border outpost in Rudaki district.'): Dataset {
  return {
    schemaVersion: SCHEMA_VERSION,
    contentVersion,
    name: 'bundled',
    incidents: [bundledIncident(summary)],
    claims: bundledClaims(),
    publishers: [globalResearch(), publisher('hizb-ut-tahrir-cmo', 'Central Media Office of Hizb ut Tahrir', 'hizb-ut-tahrir.info', ['muhammad-mansour'])],
    authors: [
      author('aveek-sen', 'Aveek Sen', 'global-research', 'Global Research'),
      author('muhammad-mansour', 'Muhammad Mansour', 'hizb-ut-tahrir-cmo', 'Central Media Office of Hizb ut Tahrir'),
      author('omid-rahimi', 'Omid Rahimi', 'global-research', 'Global Research', 'Fellow at a research institute'),
    ],
  };
}

/** A pack adding one claim to the bundled incident, and a publisher with one author. */
export function samplePack(name = 'regional-press', contentVersion = '2026.02.01'): Dataset {
  return {
    schemaVersion: SCHEMA_VERSION,
    contentVersion,
    name,
    pack: {
      id: name,
      curator: { name: 'Regional Press Review', homepage: 'https://press-review.example/', contact: 'desk@press-review.example' },
      version: 2,
      date: '2026-02-01',
    },
    incidents: [],
    claims: [
      claim({
        id: `${name}-veteran-doubt`,
        kind: 'doubt',
        claimant: { name: 'Davlatkhoja Nazirov', role: 'state-security veteran' },
        date: '2019-11-12',
        summary: 'According to the veteran, a group of 20 could not cross unnoticed.',
        source: src('Interview', 'Asia-Plus', '2019-11-12'),
      }),
    ],
    // Named after the pack, so two sample packs loaded together do not share a publisher's name.
    publishers: [publisher(`${name}-weekly`, `Regional Weekly ${name}`, `${name}.example.org`, [`${name}-editor`])],
    authors: [author(`${name}-editor`, 'Regional Editor', `${name}-weekly`, `Regional Weekly ${name}`)],
  };
}

/** The bundle's claims, in the bundle's order. */
export const claims = (): Claim[] => bundledClaims();

/** The Global Research record. */
export const globalResearchPublisher = (): Publisher => globalResearch();

/** What a popup gets for the bundled incident: the incident and its claims, in its `claimIds` order as the background serves them. */
export function incidentView(): RecordView {
  const data = bundledDataset();
  const incident = data.incidents[0]!;
  const claims = incident.claimIds.map((id) => data.claims.find((c) => c.id === id)).filter((c): c is Claim => c !== undefined);
  return { kind: 'incident', incident, claims, authors: [] };
}

/** What a popup gets for Global Research: the publisher and the authors it lists. */
export function publisherView(): RecordView {
  const data = bundledDataset();
  const pub = data.publishers[0]!;
  const authors = pub.authorIds.map((id) => data.authors.find((a) => a.id === id)).filter((a): a is Author => a !== undefined);
  return { kind: 'publisher', publisher: pub, claims: [], authors };
}

/** A mention of the incident by name ("Ishkobod"), badged; `over` changes any field. */
export const nameMention = (over: Partial<Mention> = {}): Mention => ({
  markId: 'm1',
  kind: 'incident',
  id: INCIDENT_ID,
  text: 'Ishkobod',
  via: 'name',
  confidence: 1,
  evidence: [],
  badged: true,
  ...over,
});

/** A page's two mentions of the incident: its name (badged) and a description (not badged). */
export const mentions = (): Mention[] => [
  nameMention(),
  nameMention({
    markId: 'm2',
    text: 'attack on a border post in Tajikistan',
    via: 'description',
    confidence: 0.8,
    evidence: ['border post attack', 'Tajikistan'],
    badged: false,
  }),
];

/** What a content script reports for a page on example.com where it found nothing; `patch` changes it. */
export function findings(patch: Partial<Findings> = {}): Findings {
  return {
    url: 'https://www.example.com/news/1',
    site: 'example.com',
    state: 'done',
    mode: 'on',
    publisher: null,
    mentions: [],
    ...patch,
  };
}
