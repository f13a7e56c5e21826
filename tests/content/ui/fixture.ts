/**
 * A small record set for the in-page UI tests, in the dataset's shape: one incident with claims of
 * several kinds (listed out of kind order), key figures, and a publisher with its own words kept
 * apart from third-party context. Written for these tests; `view()` returns fresh copies.
 */
import type { Mention } from '../../../src/core/findings.ts';
import type { RecordView } from '../../../src/core/messages.ts';
import type { Claim, Publisher, SourceRef } from '../../../src/core/dataset-types.ts';

const src = (title: string, publisher: string, date: string, url?: string, via?: string): SourceRef => ({
  title,
  publisher,
  date,
  ...(url ? { url } : {}),
  ...(via ? { via } : {}),
});

export const claims = (): Claim[] => [
  {
    id: 'doubt-analyst',
    incidentId: 'ishkobod-2019',
    kind: 'doubt',
    claimant: { name: 'A regional analyst', role: 'researcher' },
    date: '2019-11-09',
    summary: 'According to the analyst, the claim of responsibility should be read with caution.',
    source: src('Analysis of the outpost attack', 'Example Review', '2019-11-09', 'https://review.example/analysis'),
    relations: [{ type: 'disputes', claimId: 'resp-claim', point: 'who carried out the attack' }],
  },
  {
    id: 'official-scns',
    incidentId: 'ishkobod-2019',
    kind: 'official',
    claimant: { name: 'State Committee for National Security' },
    date: '2019-11-06',
    summary: 'According to the committee, about 20 armed men attacked the outpost at night.',
    quote: 'a group of about twenty armed people',
    source: src('Statement on the border attack', 'Example Agency', '2019-11-06', 'https://agency.example/statement'),
    relations: [],
  },
  {
    id: 'resp-claim',
    incidentId: 'ishkobod-2019',
    kind: 'responsibility',
    claimant: { name: 'Amaq' },
    date: '2019-11-08',
    summary: 'A claim of responsibility was published through a news agency.',
    source: src('Report on the claim', 'Example Research', '2019-11-10', 'javascript:alert(1)', 'Example Research'),
    relations: [],
  },
  {
    id: 'official-mvd',
    incidentId: 'ishkobod-2019',
    kind: 'official',
    claimant: { name: 'Ministry of Internal Affairs' },
    date: '2019-11-06',
    summary: 'According to the ministry, 15 attackers and 2 members of the security forces died.',
    source: src('First statement', 'Example Ministry', '2019-11-06'),
    relations: [{ type: 'supports', claimId: 'official-scns', point: 'the number of attackers killed' }],
  },
];

export const incidentView = (): RecordView => ({
  kind: 'incident',
  incident: {
    id: 'ishkobod-2019',
    title: 'Attack on the Ishkobod border outpost, Tajikistan, 6 November 2019',
    summary: 'A night attack on a border outpost on the Tajik–Uzbek border.',
    date: '2019-11-06',
    place: 'Ishkobod, Rudaki district',
    country: 'Tajikistan',
    aliases: [],
    relatedPlaces: [],
    descriptionRules: [],
    keyFigures: [
      {
        label: 'Killed among the security forces',
        values: [
          { claimId: 'official-scns', value: '2' },
          { claimId: 'official-mvd', value: '2' },
        ],
      },
      { label: 'Attackers', values: [{ claimId: 'official-scns', value: 'about 20' }] },
    ],
    claimIds: ['official-scns', 'official-mvd', 'resp-claim', 'doubt-analyst'],
    sources: [],
  },
  claims: claims(),
  authors: [],
});

export const publisher = (): Publisher => ({
  id: 'global-research',
  name: 'Global Research',
  aliases: [],
  domains: ['globalresearch.ca'],
  bylines: [],
  statedAffiliation: [
    {
      quote: 'The original source of this article is Global Research',
      where: 'closing line of each article',
      source: src('An article page', 'Global Research', '2019-11-20', 'https://www.globalresearch.ca/example'),
    },
  ],
  thirdParty: [
    { text: 'A reference work carries an assessment of the site.', source: src('Reference entry', 'Example Encyclopedia', '2024', 'https://encyclopedia.example/gr') },
  ],
  authorIds: ['omid-rahimi'],
});

export const publisherView = (): RecordView => ({
  kind: 'publisher',
  claims: [],
  publisher: publisher(),
  authors: [
    {
      id: 'omid-rahimi',
      name: 'Omid Rahimi',
      publisherId: 'global-research',
      description: 'Fellow at a research institute',
      source: src('Author page', 'Global Research', '2019-11'),
    },
  ],
});

export const nameMention = (over: Partial<Mention> = {}): Mention => ({
  markId: 'm1',
  kind: 'incident',
  id: 'ishkobod-2019',
  text: 'Ishkobod',
  via: 'name',
  confidence: 1,
  evidence: [],
  badged: true,
  ...over,
});
