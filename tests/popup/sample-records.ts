/** Records and findings for the panel tests, in the dataset's shape. For use in tests. */
import type { Findings, Mention } from '../../src/core/findings.ts';
import type { RecordView } from '../../src/core/messages.ts';
import type { Claim, SourceRef } from '../../src/core/dataset-types.ts';

const src = (title: string, publisher: string, date: string, url?: string): SourceRef => ({ title, publisher, date, url });

export const officialClaim: Claim = {
  id: 'scns-first-account',
  incidentId: 'ishkobod-2019',
  kind: 'official',
  claimant: { name: 'State Committee for National Security', role: 'Tajik security service' },
  date: '2019-11-06',
  summary: 'According to the committee, about twenty armed men attacked the outpost at night.',
  source: src('Statement on the Ishkobod attack', 'SCNS', '2019-11-06', 'https://example.org/scns'),
  relations: [],
};

export const doubtClaim: Claim = {
  id: 'nazirov-doubt',
  incidentId: 'ishkobod-2019',
  kind: 'doubt',
  claimant: { name: 'Davlatkhoja Nazirov', role: 'state-security veteran' },
  date: '2019-11-08',
  summary: 'Nazirov doubts that a group of twenty could cross the border unnoticed.',
  source: src('Interview', 'Asia-Plus', '2019-11', 'javascript:alert(1)'),
  relations: [{ type: 'disputes', claimId: 'scns-first-account', point: 'how the group reached the outpost' }],
};

export const incidentView: RecordView = {
  kind: 'incident',
  incident: {
    id: 'ishkobod-2019',
    title: 'Attack on the Ishkobod border outpost',
    summary: 'A night attack on a Tajik border outpost near the Uzbek border.',
    date: '2019-11-06',
    place: 'Ishkobod, Rudaki district',
    country: 'Tajikistan',
    aliases: [{ text: 'Ishkobod', lang: 'en' }],
    relatedPlaces: [],
    descriptionRules: [],
    keyFigures: [],
    claimIds: [officialClaim.id, doubtClaim.id],
    sources: [],
  },
  claims: [officialClaim, doubtClaim],
  authors: [],
};

export const publisherView: RecordView = {
  kind: 'publisher',
  publisher: {
    id: 'global-research',
    name: 'Global Research',
    aliases: [{ text: 'Global Research', lang: 'en', caseSensitive: true }],
    domains: ['globalresearch.ca'],
    bylines: ['The original source of this article is Global Research'],
    statedAffiliation: [
      {
        quote: 'The original source of this article is Global Research',
        where: 'end of each article',
        source: src('An article page', 'Global Research', '2019-11-20', 'https://www.globalresearch.ca/'),
      },
    ],
    thirdParty: [{ text: 'A government report assessed the site in 2020.', source: src('A report', 'A government body', '2020-08') }],
    authorIds: [],
  },
  claims: [],
  authors: [],
};

export const mentions: Mention[] = [
  { markId: 'm1', kind: 'incident', id: 'ishkobod-2019', text: 'Ishkobod', via: 'name', confidence: 1, evidence: [], badged: true },
  {
    markId: 'm2',
    kind: 'incident',
    id: 'ishkobod-2019',
    text: 'attack on a border post in Tajikistan',
    via: 'description',
    confidence: 0.8,
    evidence: ['border post attack', 'Tajikistan'],
    badged: false,
  },
];

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
