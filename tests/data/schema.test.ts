import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../src/core/messages.ts';
import bundled from '../../src/data/dataset.json';
import { IssueList, MAX_LISTED_ISSUES, checkShape, checkString, defineShape, fieldCheck, optional, valuesOf } from '../../src/data/schema-fields.ts';
import { MAX_PACK_BYTES } from '../../src/core/pack-size.ts';
import { parsePackJson, validateDataset } from '../../src/data/schema.ts';
import { OLDEST_SCHEMA_VERSION, SCHEMA_VERSION, type ClaimKind, type Dataset } from '../../src/core/dataset-types.ts';

/** A small valid pack: one incident with two claims, one publisher with one author. */
function minimalPack(): Dataset {
  // A fresh object per use: structuredClone keeps shared references, and tests edit one source at a time.
  const src = () => ({ title: 'Report on the Zarkhavand checkpoint', publisher: 'Dalmorish Herald', date: '2021-03-04', url: 'https://dalmorish-herald.example/zarkhavand' });
  return {
    schemaVersion: SCHEMA_VERSION,
    contentVersion: '2026.01.15',
    name: 'Test pack',
    pack: {
      id: 'test-pack',
      curator: { name: 'Velmoria Press Watch', homepage: 'https://press-watch.example/', contact: 'packs@press-watch.example' },
      version: 3,
      date: '2026-11-12',
    },
    incidents: [
      {
        id: 'zarkhavand-2021',
        title: 'Attack on the Zarkhavand checkpoint',
        summary: 'An armed group attacked the Zarkhavand checkpoint.\nAccounts differ.',
        date: '2021-03',
        place: 'Zarkhavand',
        country: 'Velmoria',
        aliases: [
          { text: 'Zarkhavand', lang: 'en' },
          { text: 'Зархаванд', lang: 'ru', inflect: true },
        ],
        relatedPlaces: ['Shotrabad'],
        descriptionRules: [
          {
            all: [['attack*', 'напад*'], ['checkpoint', 'border post']],
            pins: [{ terms: ['velmoria'], weight: 0.5, label: 'Country' }],
            minPins: 1,
            exclude: ['football'],
          },
        ],
        keyFigures: [{ label: 'Attackers', values: [{ claimId: 'zarkhavand-official', value: '12' }] }],
        claimIds: ['zarkhavand-official', 'zarkhavand-doubt'],
        sources: [src()],
      },
    ],
    claims: [
      {
        id: 'zarkhavand-official',
        incidentId: 'zarkhavand-2021',
        kind: 'official',
        claimant: { name: 'Velmorian border service' },
        date: '2021-03-04',
        summary: 'According to the border service, twelve men attacked.',
        source: src(),
        relations: [],
      },
      {
        id: 'zarkhavand-doubt',
        incidentId: 'zarkhavand-2021',
        kind: 'doubt',
        claimant: { name: 'Ola Tesh', role: 'researcher' },
        date: '2021-03-10',
        summary: 'According to Ola Tesh, the route described is implausible.',
        quote: 'Nobody crosses there unseen.',
        source: { ...src(), author: 'Ola Tesh' },
        relations: [{ type: 'disputes', claimId: 'zarkhavand-official', point: 'The route.' }],
      },
    ],
    publishers: [
      {
        id: 'dalmorish-herald',
        name: 'Dalmorish Herald',
        aliases: [{ text: 'Dalmorish Herald', lang: 'en', caseSensitive: true }],
        domains: ['dalmorish-herald.example'],
        bylines: ['The original source of this article is Dalmorish Herald'],
        statedAffiliation: [{ quote: 'An independent paper.', where: 'about page', source: src() }],
        thirdParty: [{ text: 'Registered as a newspaper.', source: src() }],
        authorIds: ['ola-tesh'],
      },
    ],
    authors: [{ id: 'ola-tesh', name: 'Ola Tesh', publisherId: 'dalmorish-herald', source: src() }],
  };
}

/** The bundled dataset as `existing`, typed after it has been checked (by the test below). */
const bundledDataset = (): Dataset => {
  const r = validateDataset(structuredClone(bundled), { bundled: true });
  if (!r.ok) throw new Error(`bundled dataset invalid: ${JSON.stringify(r.error.slice(0, 5))}`);
  return r.value;
};

function issuesOf(input: unknown, existing: Dataset[] = []): ValidationIssue[] {
  const r = validateDataset(input, { existing });
  return r.ok ? [] : r.error;
}

/** A pack as plain JSON data, so tests can put wrong types in it. */
type Loose = Record<string, unknown>;
type Mutation = (p: Loose) => void;

const keysOf = (path: string): string[] => path.match(/[^.[\]]+/g) ?? [];
function getAt(root: Loose, path: string): unknown {
  let node: unknown = root;
  for (const k of keysOf(path)) node = (node as Loose)[k];
  return node;
}
/** The object or list holding the last key of `path`, and that key. */
function parentOf(root: Loose, path: string): [Loose, string] {
  const keys = keysOf(path);
  const last = keys.pop() as string;
  return [getAt(root, keys.join('.')) as Loose, last];
}
const set =
  (path: string, value: unknown): Mutation =>
  (p) => {
    const [parent, key] = parentOf(p, path);
    parent[key] = value;
  };
const remove =
  (path: string): Mutation =>
  (p) => {
    const [parent, key] = parentOf(p, path);
    delete parent[key];
  };
const push =
  (path: string, value: unknown): Mutation =>
  (p) =>
    void (getAt(p, path) as unknown[]).push(value);
const pop =
  (path: string): Mutation =>
  (p) =>
    void (getAt(p, path) as unknown[]).pop();
const all =
  (...mutations: Mutation[]): Mutation =>
  (p) => {
    for (const m of mutations) m(p);
  };

/** A fresh minimal pack after `mutate`. */
function broken(mutate: Mutation): unknown {
  const p = minimalPack() as unknown as Loose;
  mutate(p);
  return p;
}

describe('pack identity', () => {
  it('is required of a pack, with one message saying what to add', () => {
    expect(issuesOf(broken(remove('pack')))).toEqual([
      {
        path: 'pack',
        message: `a pack must say who curates it: add "pack": { "id", "curator": { "name", "homepage", "contact" }, "version", "date" } (see the notes for pack authors) and set "schemaVersion" to ${SCHEMA_VERSION}`,
      },
    ]);
  });

  it('is refused in the bundled data, which ships with the extension', () => {
    const r = validateDataset({ ...minimalPack(), name: 'bundled' }, { bundled: true });
    expect(r.ok ? [] : r.error).toEqual([{ path: 'pack', message: 'the bundled data ships with the extension and has no pack identity' }]);
  });

  it('leaves bundled data of an older schema version readable as it is', () => {
    const { pack: _identity, ...data } = minimalPack();
    expect(validateDataset({ ...data, name: 'bundled', schemaVersion: OLDEST_SCHEMA_VERSION }, { bundled: true }).ok).toBe(true);
  });

  it('tells a pack of an older schema version to add its identity and the new version', () => {
    const { pack: _identity, ...data } = minimalPack();
    const issues = issuesOf({ ...data, schemaVersion: OLDEST_SCHEMA_VERSION });
    expect(issues.map((i) => i.path)).toEqual(['pack']);
    expect(issuesOf({ ...minimalPack(), schemaVersion: 2 })).toEqual([
      { path: 'pack', message: 'added in schema version 3, but the pack declares version 2: set "schemaVersion" to 3' },
    ]);
  });

  it.each<[string, Mutation, string, RegExp]>([
    ['no curator', remove('pack.curator'), 'pack.curator', /missing required field/],
    ['a curator without a name', set('pack.curator.name', ''), 'pack.curator.name', /empty string/],
    ['an http homepage', set('pack.curator.homepage', 'http://press-watch.example/'), 'pack.curator.homepage', /must be an https:\/\/ address/],
    ['a javascript: homepage', set('pack.curator.homepage', 'javascript:alert(1)'), 'pack.curator.homepage', /must be an http\(s\) URL/],
    ['a mailto: contact', set('pack.curator.contact', 'mailto:packs@press-watch.example'), 'pack.curator.contact', /e-mail address or an https:\/\/ page \(the address alone, without "mailto:"\)/],
    ['an http contact page', set('pack.curator.contact', 'http://press-watch.example/contact'), 'pack.curator.contact', /e-mail address or an https:\/\/ page/],
    ['a contact that is neither', set('pack.curator.contact', 'call us'), 'pack.curator.contact', /e-mail address or an https:\/\/ page/],
    ['version 0', set('pack.version', 0), 'pack.version', /whole number from 1/],
    ['a version as text', set('pack.version', '3'), 'pack.version', /whole number from 1/],
    ['a date to the month only', set('pack.date', '2026-11'), 'pack.date', /must be a full date, YYYY-MM-DD/],
    ['a date that does not exist', set('pack.date', '2026-02-30'), 'pack.date', /not a real calendar date/],
    ['a broken pack id', set('pack.id', 'Test Pack'), 'pack.id', /lower-case words joined by hyphens/],
    ['an origin given in the pack', set('claims[0].origin', 'bundled'), 'claims[0].origin', /unknown field/],
    ['an origin given for the whole pack', set('origin', { packId: 'bundled' }), 'origin', /unknown field/],
  ])('refuses %s', (_name, mutate, path, message) => {
    const issues = issuesOf(broken(mutate));
    expect(issues.find((i) => i.path === path)?.message).toMatch(message);
  });

  it('accepts an https contact page', () => {
    expect(issuesOf(broken(set('pack.curator.contact', 'https://press-watch.example/contact')))).toEqual([]);
  });

  it('refuses a pack id another loaded pack has, naming that pack', () => {
    const other = { ...minimalPack(), name: 'Other pack', incidents: [], claims: [], publishers: [], authors: [] };
    expect(issuesOf(broken(set('pack.id', 'test-pack')), [other])).toEqual([{ path: 'pack.id', message: 'the pack "Other pack" already has the id "test-pack"; a pack\'s id is its own' }]);
  });
});

describe('validateDataset accepts', () => {
  it('a domain written in capitals, with www. or a trailing dot, or as an international name', () => {
    for (const host of ['Dalmorish-Herald.example', 'www.dalmorish-herald.example', 'dalmorish-herald.example.', 'вестник.example']) {
      expect(issuesOf(broken(set('publishers[0].domains', [host])))).toEqual([]);
    }
  });


  it('a minimal valid pack, returning it as is', () => {
    const pack = minimalPack();
    const r = validateDataset(pack);
    expect(r).toEqual({ ok: true, value: pack });
  });

  it('the bundled dataset, on its own', () => {
    const r = validateDataset(structuredClone(bundled), { bundled: true });
    expect(r.ok ? [] : r.error).toEqual([]);
  });

  it('the example pack of the schema notes, against the bundled dataset', () => {
    const notes = readFileSync(fileURLToPath(new URL('../../src/data/README.md', import.meta.url)), 'utf8');
    const example = /## Example: a minimal pack[\s\S]*?```json\n([\s\S]*?)\n```/.exec(notes)?.[1];
    expect(example).toBeDefined();
    expect(issuesOf(JSON.parse(example as string), [bundledDataset()])).toEqual([]);
  });

  it('a pack that adds a claim to a bundled incident and an author to a bundled publisher', () => {
    const base = bundledDataset();
    const incident = base.incidents[0]!;
    const publisher = base.publishers[0]!;
    const own = minimalPack();
    const pack = broken(
      all(
        set('incidents', []),
        set('claims', [{ ...own.claims[1], incidentId: incident.id, relations: [{ type: 'disputes', claimId: incident.claimIds[0], point: 'Numbers.' }] }]),
        set('publishers', []),
        set('authors', [{ ...own.authors[0], publisherId: publisher.id }]),
      ),
    );
    expect(issuesOf(pack, [base])).toEqual([]);
  });

  it.each<[string, Mutation]>([
    ['a year-only date', set('incidents[0].date', '2021')],
    ['29 February in a leap year', set('claims[0].date', '2020-02-29')],
    ['a numbered content version', set('contentVersion', '2026.01.15-2')],
    ['tabs and line breaks in a summary', set('claims[0].summary', 'First line.\n\tSecond line.')],
    ['an http URL with a port, query and fragment', set('claims[0].source.url', 'http://x.example:8080/a?b=c#d')],
    ['a two-word term with a word beginning', set('incidents[0].descriptionRules[0].exclude', ['border guard*'])],
    [
      'further appearances, a source language and review dates',
      all(
        set('claims[0].source.lang', 'ru'),
        set('claims[0].appearances', [
          { title: 'Relay of the statement', publisher: 'Shotrabad Review', date: '2021-03-05', url: 'https://shotrabad.example/relay', lang: 'uz-Cyrl' },
          { title: 'Second relay', publisher: 'Dalmorish Herald', date: '2021-03' },
        ]),
        set('incidents[0].reviewed', '2026-12-01'),
        set('publishers[0].reviewed', '2026-12'),
      ),
    ],
    [
      'a claim whose primary source was not found, kept with its relay',
      set('claims[1].primarySource', { status: 'not-found', note: "Ola Tesh's own post was not found; the Herald's report is the earliest seen." }),
    ],
    [
      'concepts named by a rule and an ambiguous alias, with a number range and a distance near a direction',
      all(
        set('concepts', [
          { id: 'checkpoint', label: 'A checkpoint', labels: { ru: 'Блокпост' }, terms: { en: ['checkpoint*'], ru: ['блокпост*'], fa: ['پاسگاه*'] } },
          { id: 'velmoria', label: 'Velmoria', terms: { en: ['velmoria*'] }, tolerant: true },
          { id: 'distance', label: 'About 40 km away', terms: { en: ['<35-45> km'] } },
          { id: 'west', label: 'West of the capital', terms: { en: ['west of'] } },
        ]),
        set('incidents[0].descriptionRules[0].all', [['attack*', '@velmoria'], ['@checkpoint']]),
        push('incidents[0].descriptionRules[0].pins', { terms: ['@distance'], near: ['@west'], within: 4, weight: 0.3 }),
        push('incidents[0].aliases', { text: 'Zarkh Abad', lang: 'fa', ambiguous: true, context: ['checkpoint', 'velmoria'] }),
      ),
    ],
    [
      'an empty exclude list and no pins when all groups are given',
      all(set('incidents[0].descriptionRules[0].exclude', []), set('incidents[0].descriptionRules[0].pins', []), set('incidents[0].descriptionRules[0].minPins', 0)),
    ],
  ])('%s', (_name, mutate) => {
    expect(issuesOf(broken(mutate))).toEqual([]);
  });
});

const long = (n: number): string => 'a'.repeat(n);

describe('validateDataset reports the path and the problem', () => {
  it.each<[string, Mutation, string, RegExp]>([
    // links
    ['javascript: URL', set('claims[0].source.url', 'javascript:alert(1)'), 'claims[0].source.url', /must be an http\(s\) URL/],
    ['data: URL', set('claims[0].source.url', 'data:text/html,<b>x</b>'), 'claims[0].source.url', /must be an http\(s\) URL/],
    ['ftp URL', set('incidents[0].sources[0].url', 'ftp://files.example/a'), 'incidents[0].sources[0].url', /must be an http\(s\) URL/],
    ['URL with a leading space', set('claims[0].source.url', ' https://a.example/'), 'claims[0].source.url', /must be an http\(s\) URL/],
    ['URL with credentials', set('claims[0].source.url', 'https://user:pw@a.example/'), 'claims[0].source.url', /user name or password/],
    ['relative URL', set('claims[0].source.url', '/about'), 'claims[0].source.url', /must be an http\(s\) URL/],
    // strings
    ['empty alias', set('incidents[0].aliases[1].text', ''), 'incidents[0].aliases[1].text', /^empty string$/],
    ['blank claimant', set('claims[1].claimant.name', '   '), 'claims[1].claimant.name', /^empty string$/],
    ['number for a string', set('incidents[0].title', 42), 'incidents[0].title', /must be a string, found the number 42/],
    ['summary over 2,000 characters', set('claims[0].summary', long(2001)), 'claims[0].summary', /too long: 2,001 characters; the limit is 2,000/],
    ['name over 200 characters', set('publishers[0].name', long(201)), 'publishers[0].name', /too long: 201 characters; the limit is 200/],
    ['control character', set('claims[0].summary', 'Bell\u0007'), 'claims[0].summary', /control character U\+0007 at position 4/],
    ['carriage return', set('claims[0].summary', 'a\r\nb'), 'claims[0].summary', /control character U\+000D/],
    ['line break in a name', set('authors[0].name', 'Ola\nTesh'), 'authors[0].name', /single line/],
    ['bidirectional override', set('claims[1].claimant.name', 'Ola \u202ETesh'), 'claims[1].claimant.name', /bidirectional/],
    ['spaces around a name', set('incidents[0].place', ' Zarkhavand'), 'incidents[0].place', /spaces at the start or end/],
    // ids
    ['upper case and underscore in an id', set('publishers[0].id', 'Dalmorish_Herald'), 'publishers[0].id', /must be lower-case words joined by hyphens/],
    ['double hyphen in an id', set('authors[0].id', 'ola--tesh'), 'authors[0].id', /must be lower-case words joined by hyphens/],
    ['duplicate id in the pack', set('claims[1].id', 'zarkhavand-official'), 'claims[1].id', /duplicate id "zarkhavand-official": claims\[0\] has it too/],
    // references
    ['dangling claim.incidentId', set('claims[0].incidentId', 'nowhere-2021'), 'claims[0].incidentId', /no incident has the id "nowhere-2021"/],
    ['dangling relation', set('claims[1].relations[0].claimId', 'gone'), 'claims[1].relations[0].claimId', /no claim has the id "gone"/],
    ['dangling incident.claimIds', push('incidents[0].claimIds', 'gone'), 'incidents[0].claimIds[2]', /no claim has the id "gone"/],
    ['dangling key figure claim', set('incidents[0].keyFigures[0].values[0].claimId', 'gone'), 'incidents[0].keyFigures[0].values[0].claimId', /no claim has the id/],
    ['dangling author.publisherId', set('authors[0].publisherId', 'gone'), 'authors[0].publisherId', /no publisher has the id "gone"/],
    ['dangling publisher.authorIds', push('publishers[0].authorIds', 'gone'), 'publishers[0].authorIds[1]', /no author has the id "gone"/],
    ['claim listed twice', push('incidents[0].claimIds', 'zarkhavand-official'), 'incidents[0].claimIds[2]', /lists claim "zarkhavand-official" twice/],
    ['claim relating to itself', set('claims[1].relations[0].claimId', 'zarkhavand-doubt'), 'claims[1].relations[0].claimId', /cannot relate to itself/],
    ['claim its incident does not list', pop('incidents[0].claimIds'), 'claims[1].incidentId', /does not list this claim/],
    ['author who names another publisher', all(
      push('publishers', { ...minimalPack().publishers[0], id: 'other-paper', domains: ['other-paper.example'], authorIds: [] }),
      set('authors[0].publisherId', 'other-paper'),
    ), 'publishers[0].authorIds[0]', /author "ola-tesh" names publisher "other-paper"/],
    // dates and versions
    ['30 February', set('claims[0].date', '2021-02-30'), 'claims[0].date', /not a real calendar date: "2021-02-30"/],
    ['month 13', set('incidents[0].date', '2021-13'), 'incidents[0].date', /not a real calendar date/],
    ['day-first date', set('incidents[0].sources[0].date', '04.03.2021'), 'incidents[0].sources[0].date', /must be a date as YYYY-MM-DD, YYYY-MM or YYYY/],
    ['date as a number', set('claims[0].date', 2021), 'claims[0].date', /must be a date .* found the number 2021/],
    ['dashed content version', set('contentVersion', '2026-01-15'), 'contentVersion', /must be YYYY\.MM\.DD or YYYY\.MM\.DD-N/],
    ['impossible content version', set('contentVersion', '2026.02.30'), 'contentVersion', /not a real calendar date/],
    // shapes
    ['unknown field', set('claims[1].colour', 'red'), 'claims[1].colour', /^unknown field$/],
    ['field with the wrong case', set('incidents[0].ClaimIds', []), 'incidents[0].ClaimIds', /unknown field \(did you mean "claimIds"\?\)/],
    ['missing field', remove('claims[0].source'), 'claims[0].source', /missing required field/],
    ['object for a list', set('incidents', {}), 'incidents', /must be a list, found an object/],
    ['list for an object', set('claims[0].claimant', []), 'claims[0].claimant', /must be an object, found a list/],
    ['unknown claim kind', set('claims[0].kind', 'verdict'), 'claims[0].kind', /must be one of: official, responsibility, doubt, alternative, context/],
    ['unknown relation type', set('claims[1].relations[0].type', 'refutes'), 'claims[1].relations[0].type', /must be one of: disputes, supports/],
    ['string for a boolean', set('incidents[0].aliases[1].inflect', 'yes'), 'incidents[0].aliases[1].inflect', /must be true or false/],
    ['incident without a source', set('incidents[0].sources', []), 'incidents[0].sources', /must not be empty/],
    // appearances, the primary-source note and review dates
    ['empty list of appearances', set('claims[0].appearances', []), 'claims[0].appearances', /must not be empty/],
    ['appearance for a list', set('claims[0].appearances', { title: 'Relay' }), 'claims[0].appearances', /must be a list, found an object/],
    ['appearance with a javascript: link', set('claims[0].appearances', [{ title: 'Relay', publisher: 'Review', date: '2021-03', url: 'javascript:alert(1)' }]), 'claims[0].appearances[0].url', /must be an http\(s\) URL/],
    ['appearance without a publisher', set('claims[0].appearances', [{ title: 'Relay', date: '2021-03' }]), 'claims[0].appearances[0].publisher', /missing required field/],
    ['appearance repeating the source', set('claims[0].appearances', [{ title: 'Copy', publisher: 'Review', date: '2021-03', url: 'https://dalmorish-herald.example/zarkhavand' }]), 'claims[0].appearances[0].url', /^repeats the link of claims\[0\]\.source$/],
    ['appearance listed twice', set('claims[0].appearances', [
      { title: 'Relay', publisher: 'Review', date: '2021-03', url: 'https://shotrabad.example/relay' },
      { title: 'Relay again', publisher: 'Review', date: '2021-03', url: 'https://shotrabad.example/relay' },
    ]), 'claims[0].appearances[1].url', /^repeats the link of claims\[0\]\.appearances\[0\]$/],
    ['language name for a source language', set('claims[0].source.lang', 'Russian'), 'claims[0].source.lang', /language code such as en, ru or tg/],
    ['a primary-source status that is a verdict', set('claims[1].primarySource', { status: 'unreliable', note: 'x' }), 'claims[1].primarySource.status', /must be one of: not-found; found "unreliable"/],
    ['a primary-source note without its note', set('claims[1].primarySource', { status: 'not-found' }), 'claims[1].primarySource.note', /missing required field/],
    ['a primary-source marker as a bare string', set('claims[1].primarySource', 'not-found'), 'claims[1].primarySource', /must be an object, found a string/],
    ['impossible review date', set('incidents[0].reviewed', '2026-11-31'), 'incidents[0].reviewed', /not a real calendar date/],
    ['review date as text', set('publishers[0].reviewed', '1 Dec 2026'), 'publishers[0].reviewed', /must be a date as YYYY-MM-DD/],
    ['a field of version 2 in a pack that declares version 1', all(set('schemaVersion', 1), set('claims[0].appearances', [{ title: 'Relay', publisher: 'Review', date: '2021-03' }])), 'claims[0].appearances', /added in schema version 2, but the pack declares version 1: set "schemaVersion" to 2/],
    ['a review date in a pack that declares version 1', all(set('schemaVersion', 1), set('publishers[0].reviewed', '2026-12-01')), 'publishers[0].reviewed', /added in schema version 2/],
    // limits
    ['51 aliases', set('incidents[0].aliases', Array.from({ length: 51 }, (_, i) => ({ text: `Zarkhavand ${i}`, lang: 'en' }))), 'incidents[0].aliases', /too many items: 51; the limit is 50/],
    // aliases
    ['alias of two letters', set('incidents[0].aliases[0].text', 'ZK'), 'incidents[0].aliases[0].text', /too short to match safely/],
    ['alias of punctuation', set('incidents[0].aliases[0].text', '—!—'), 'incidents[0].aliases[0].text', /no letters or digits/],
    ['repeated alias', push('incidents[0].aliases', { text: 'zarkhavand', lang: 'en' }), 'incidents[0].aliases[2].text', /repeats incidents\[0\]\.aliases\[0\]\.text/],
    ['language name instead of code', set('incidents[0].aliases[0].lang', 'English'), 'incidents[0].aliases[0].lang', /language code/],
    // description rules
    ['empty term', set('incidents[0].descriptionRules[0].all[0][1]', ''), 'incidents[0].descriptionRules[0].all[0][1]', /^empty string$/],
    ['empty group', set('incidents[0].descriptionRules[0].all[1]', []), 'incidents[0].descriptionRules[0].all[1]', /must not be empty/],
    ['star inside a term', set('incidents[0].descriptionRules[0].exclude', ['foot*ball']), 'incidents[0].descriptionRules[0].exclude[0]', /may only end a term/],
    ['too short a word beginning', set('incidents[0].descriptionRules[0].exclude', ['at*']), 'incidents[0].descriptionRules[0].exclude[0]', /at least 3 letters/],
    ['weight above 1', set('incidents[0].descriptionRules[0].pins[0].weight', 1.5), 'incidents[0].descriptionRules[0].pins[0].weight', /number from 0 to 1, found the number 1.5/],
    ['negative weight', set('incidents[0].descriptionRules[0].pins[0].weight', -0.1), 'incidents[0].descriptionRules[0].pins[0].weight', /number from 0 to 1/],
    ['fractional minPins', set('incidents[0].descriptionRules[0].minPins', 1.5), 'incidents[0].descriptionRules[0].minPins', /whole number 0 or more/],
    ['negative minPins', set('incidents[0].descriptionRules[0].minPins', -1), 'incidents[0].descriptionRules[0].minPins', /whole number 0 or more/],
    ['minPins above the pins', set('incidents[0].descriptionRules[0].minPins', 2), 'incidents[0].descriptionRules[0].minPins', /more than the 1 pins given/],
    ['rule that matches everything', all(set('incidents[0].descriptionRules[0].all', []), set('incidents[0].descriptionRules[0].minPins', 0)), 'incidents[0].descriptionRules[0]', /would match every paragraph/],
    // concepts (version 3)
    ['a rule naming an unknown concept', set('incidents[0].descriptionRules[0].all[1]', ['@nowhere']), 'incidents[0].descriptionRules[0].all[1][0]', /no concept has the id "nowhere"/],
    ['a concept in a pack of version 2', all(set('schemaVersion', 2), set('incidents[0].descriptionRules[0].exclude', ['@football'])), 'incidents[0].descriptionRules[0].exclude[0]', /concepts were added in schema version 3, but the pack declares version 2/],
    ['concepts in a pack of version 2', all(set('schemaVersion', 2), set('concepts', [{ id: 'x-words', label: 'X', terms: { en: ['x-ray'] } }])), 'concepts', /added in schema version 3/],
    ['a concept term naming another concept', set('concepts', [{ id: 'loop', label: 'Loop', terms: { en: ['@loop'] } }]), 'concepts[0].terms.en[0]', /a concept's terms are words, not references/],
    ['a concept with no languages', set('concepts', [{ id: 'empty', label: 'Empty', terms: {} }]), 'concepts[0].terms', /at least one language/],
    ['a concept keyed by a language name', set('concepts', [{ id: 'named', label: 'Named', terms: { English: ['checkpoint'] } }]), 'concepts[0].terms.English', /language code/],
    ['a concept with an empty term list', set('concepts', [{ id: 'bare', label: 'Bare', terms: { en: [] } }]), 'concepts[0].terms.en', /must not be empty/],
    ['two concepts with one id', set('concepts', [{ id: 'twin', label: 'A', terms: { en: ['a-one'] } }, { id: 'twin', label: 'B', terms: { en: ['b-two'] } }]), 'concepts[1].id', /duplicate id "twin"/],
    ['a number range written backwards', set('incidents[0].descriptionRules[0].pins[0].terms', ['<60-50> km']), 'incidents[0].descriptionRules[0].pins[0].terms[0]', /from the smaller number to the larger/],
    ['a number range that is not one', set('incidents[0].descriptionRules[0].pins[0].terms', ['<fifty> km']), 'incidents[0].descriptionRules[0].pins[0].terms[0]', /written <min-max> with whole numbers/],
    ['a pin without a label or a concept', remove('incidents[0].descriptionRules[0].pins[0].label'), 'incidents[0].descriptionRules[0].pins[0].label', /a pin needs a label unless its first term names a concept/],
    ['a distance without near', set('incidents[0].descriptionRules[0].pins[0].within', 3), 'incidents[0].descriptionRules[0].pins[0].within', /only a pin with "near" has a distance/],
    ['an ambiguous alias without its context', set('incidents[0].aliases[0].ambiguous', true), 'incidents[0].aliases[0].context', /an ambiguous alias needs the concepts that must be near it/],
    ['a context on an alias that is not ambiguous', all(set('concepts', [{ id: 'near-words', label: 'Near', terms: { en: ['nearby'] } }]), set('incidents[0].aliases[0].context', ['near-words'])), 'incidents[0].aliases[0].context', /only an ambiguous alias has a context/],
    ['a context naming an unknown concept', all(set('incidents[0].aliases[0].ambiguous', true), set('incidents[0].aliases[0].context', ['nowhere'])), 'incidents[0].aliases[0].context[0]', /no concept has the id "nowhere"/],
    // domains
    ['URL for a domain', set('publishers[0].domains', ['https://dalmorish-herald.example/']), 'publishers[0].domains[0]', /hostname like example\.org \(no scheme, port or path\)/],
    ['domain given twice', push('publishers[0].domains', 'dalmorish-herald.example'), 'publishers[0].domains[1]', /already given at publishers\[0\]\.domains\[0\]/],
    ['domain given twice, once with www.', push('publishers[0].domains', 'WWW.Dalmorish-Herald.example.'), 'publishers[0].domains[1]', /"WWW.Dalmorish-Herald.example." \(the host dalmorish-herald.example\) is already given at publishers\[0\]\.domains\[0\]/],
    ['a public suffix as a domain', set('publishers[0].domains', ['co.uk']), 'publishers[0].domains[0]', /"co.uk" is a public suffix/],
    ['a private public suffix as a domain', set('publishers[0].domains', ['github.io']), 'publishers[0].domains[0]', /"github.io" is a public suffix/],
    ['a platform as a domain', set('publishers[0].domains', ['google.com']), 'publishers[0].domains[0]', /"google.com" is a platform/],
    ['a common word as an alias', set('publishers[0].aliases', [{ text: 'the', lang: 'en' }]), 'publishers[0].aliases[0].text', /made only of common words of English/],
    ['a common word as a byline', set('publishers[0].bylines', ['of']), 'publishers[0].bylines[0]', /at least 3 words/],
    ['a byline that does not name its publisher', set('publishers[0].bylines', ['This article first appeared elsewhere']), 'publishers[0].bylines[0]', /must name its publisher/],
  ])('%s', (_name, mutate, path, message) => {
    const issues = issuesOf(broken(mutate));
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)?.message).toMatch(message);
  });

  it('lists every problem, each with its own path, in document order', () => {
    const issues = issuesOf(
      broken(all(set('claims[0].source.url', 'javascript:void(0)'), set('incidents[0].aliases[1].text', ''), set('publishers[0].id', 'Bad Id'))),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'incidents[0].aliases[1].text',
      'claims[0].source.url',
      'publishers[0].id',
      // The author's publisher is now missing, since the publisher's id was refused.
      'authors[0].publisherId',
    ]);
  });

  it('stops at a wrong schema version, saying what to do', () => {
    const newer = issuesOf(broken(set('schemaVersion', SCHEMA_VERSION + 1)));
    expect(newer).toEqual([{ path: 'schemaVersion', message: expect.stringMatching(new RegExp(`uses schema version ${SCHEMA_VERSION + 1}.*reads versions 1 to ${SCHEMA_VERSION}; update the extension`)) }]);
    const older = issuesOf(broken(set('schemaVersion', 0)));
    expect(older).toEqual([{ path: 'schemaVersion', message: expect.stringMatching(/older schema version 0.*convert the pack/) }]);
    expect(issuesOf(broken(set('schemaVersion', '1')))[0]).toEqual({ path: 'schemaVersion', message: `must be the number ${SCHEMA_VERSION} (or an older version down to 1), found a string` });
  });

  it('refuses a document that is not an object', () => {
    expect(issuesOf([])).toEqual([{ path: '(pack)', message: expect.stringMatching(/must be a JSON object.*found a list/) }]);
    expect(issuesOf(null)[0]?.path).toBe('(pack)');
  });

  it('keeps a "__proto__" field as an unknown field without touching prototypes', () => {
    const input: unknown = JSON.parse(JSON.stringify(minimalPack()).replace('"name":"Test pack"', '"name":"Test pack","__proto__":{"polluted":true}'));
    expect(issuesOf(input)).toEqual([{ path: '__proto__', message: 'unknown field' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(`lists the first ${MAX_LISTED_ISSUES} problems and counts the rest`, () => {
    // 12 incidents × 100 empty place names = 1,200 problems.
    const incidents = Array.from({ length: 12 }, (_, i) => ({
      ...minimalPack().incidents[0],
      id: `copy-${i}`,
      claimIds: [],
      keyFigures: [],
      relatedPlaces: Array.from({ length: 100 }, () => ''),
    }));
    const pack = broken(all(set('incidents', incidents), set('claims', [])));
    const issues = issuesOf(pack);
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues.at(-1)).toEqual({ path: '(pack)', message: '200 more problems not listed; fix the ones above and check again' });
  });
});

describe('validateDataset against loaded datasets', () => {
  const base = bundledDataset();

  it.each<[string, Mutation, string, RegExp]>([
    ['a pack redefining a bundled publisher', all(
      set('publishers[0].id', base.publishers[0]!.id),
      set('authors[0].publisherId', base.publishers[0]!.id),
      set('publishers[0].authorIds', []),
    ), 'publishers[0].id', new RegExp(`"${base.publishers[0]!.id}" is already defined by the dataset "bundled"`)],
    ['a pack redefining a bundled incident', set('incidents[0].id', base.incidents[0]!.id), 'incidents[0].id', /already defined by the dataset "bundled"; a pack may not redefine a record/],
    ['a pack claiming a bundled publisher\'s domain', set('publishers[0].domains', [base.publishers[0]!.domains[0]]), 'publishers[0].domains[0]', /already belongs to publisher/],
    ['a pack claiming a bundled publisher\'s domain with www.', set('publishers[0].domains', ['www.globalresearch.ca']), 'publishers[0].domains[0]',
      /^"www.globalresearch.ca" is the host globalresearch.ca, which already belongs to publisher "global-research" of the bundled data; this pack's publisher "dalmorish-herald" cannot claim it$/],
    ['a pack claiming a bundled publisher\'s domain in capitals with a trailing dot', set('publishers[0].domains', ['GlobalResearch.CA.']), 'publishers[0].domains[0]', /is the host globalresearch.ca, which already belongs to publisher "global-research"/],
    ['a pack publisher taking a bundled publisher\'s alias', set('publishers[0].aliases', [{ text: 'GLOBAL RESEARCH', lang: 'en' }]), 'publishers[0].aliases[0].text',
      /^"GLOBAL RESEARCH" is how publisher "global-research" of the bundled data is found on pages; this pack's publisher "dalmorish-herald" cannot take it$/],
    ['a pack incident taking the bundled incident\'s alias', set('incidents[0].aliases', [{ text: 'Ishkobod', lang: 'en' }]), 'incidents[0].aliases[0].text', /is how incident "ishkobod-2019" of the bundled data is found on pages; this pack's incident "zarkhavand-2021" cannot take it/],
    ['a pack claiming a host under a bundled publisher\'s domain', set('publishers[0].domains', ['news.globalresearch.ca']), 'publishers[0].domains[0]',
      /^"news.globalresearch.ca" is under globalresearch.ca, which already belongs to publisher "global-research" of the bundled data; this pack's publisher "dalmorish-herald" cannot claim it$/],
    ['a pack with the bundled data\'s name', set('name', base.name), 'name', /^"bundled" is the name of the data that ships with the extension; give the pack another name$/],
    ['a pack listing a bundled claim under its own incident', push('incidents[0].claimIds', base.claims[0]!.id), 'incidents[0].claimIds[2]', /is about incident "ishkobod-2019", not "zarkhavand-2021"/],
  ])('%s', (_name, mutate, path, message) => {
    const issues = issuesOf(broken(mutate), [base]);
    expect(issues.find((i) => i.path === path)?.message).toMatch(message);
  });
});

describe('names another dataset has', () => {
  it('refuses a byline a bundled publisher has, naming its owner (besides it not naming this publisher)', () => {
    const issues = issuesOf(broken(push('publishers[0].bylines', 'The original source of this article is Global Research')), [bundledDataset()]);
    expect(issues.filter((i) => i.path === 'publishers[0].bylines[1]').map((i) => i.message)).toEqual([
      "must name its publisher: contain the publisher's name or one of its aliases, so it cannot be read as any other site's",
      '"The original source of this article is Global Research" is how publisher "global-research" of the bundled data is found on pages; this pack\'s publisher "dalmorish-herald" cannot take it',
    ]);
  });
});

describe('parsePackJson', () => {
  const existing: Dataset[] = [];

  it('reads a valid pack, with or without a byte-order mark', () => {
    const text = JSON.stringify(minimalPack(), null, 2);
    expect(parsePackJson(text, existing)).toEqual({ ok: true, value: minimalPack() });
    expect(parsePackJson(`\uFEFF${text}`, existing).ok).toBe(true);
  });

  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 'line 3, column 1'],
    ['a misspelt literal (no position from the engine)', '{\n  "a": tru\n}', 'line 2, column 8'],
    ['a missing colon', '{"a" 1}', 'line 1, column 6'],
    ['an unterminated string', '{"a": "b', 'line 1, column 9'],
    ['text after the document', '{}\nx', 'line 2, column 1'],
    ['a raw line break in a string', '{"a": "b\nc"}', 'line 1, column 9'],
  ])('says where JSON breaks: %s', (_name, text, where) => {
    const r = parsePackJson(text, existing);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(1);
    expect(r.error[0]?.path).toBe('(file)');
    expect(r.error[0]?.message).toContain(`not valid JSON at ${where}`);
  });

  it('says an empty file is empty', () => {
    expect(parsePackJson('  \n', existing)).toEqual({ ok: false, error: [{ path: '(file)', message: 'the file is empty' }] });
  });

  // A text of tens of millions of characters: the time allowed is for a busy machine, not a measure.
  it('refuses a text above the size limit, counted as sent, without parsing it', { timeout: 60_000 }, () => {
    // Fewer characters than the limit, but three bytes each.
    const r = parsePackJson('€'.repeat(MAX_PACK_BYTES / 3 + 1), existing);
    expect(r).toEqual({
      ok: false,
      error: [{ path: '(file)', message: 'too large: 64.0 MiB as sent, with quotes, backslashes and line breaks escaped; packs are limited to 64 MiB' }],
    });
  });

  it('runs the schema checks on parsed JSON', () => {
    const text = JSON.stringify({ ...minimalPack(), contentVersion: 'v2' });
    const r = parsePackJson(text, existing);
    expect(r.ok ? [] : r.error.map((i) => i.path)).toEqual(['contentVersion']);
  });
});

describe('field shapes answer to the types', () => {
  // The lines under @ts-expect-error are compile errors, so `npx tsc --noEmit` fails if any of them
  // stops being one: the guarantee that a type's field cannot go without its check, or get the wrong one.
  type Ctx = { list: IssueList };
  const name = fieldCheck<Ctx, string>((c, v, b, k) => checkString(c.list, v, b, k, 20));
  const count = fieldCheck<Ctx, number>((c, v, b, k) => {
    if (typeof v !== 'number') c.list.add(b, k, 'must be a number');
  });
  interface Item {
    name: string;
    count: number;
    note?: string;
  }
  const issuesFor = (value: unknown): string[] => {
    const ctx = { list: new IssueList() };
    checkShape(ctx, value, 'items', 0, defineShape<Ctx, Item>({ name, count, note: optional(name) }));
    return ctx.list.finish().map((i) => `${i.path}: ${i.message}`);
  };

  it('checks required fields, optional ones when present, and no others', () => {
    expect(issuesFor({ name: 'a', count: 1 })).toEqual([]);
    expect(issuesFor({ name: 'a', count: 1, note: 'b' })).toEqual([]);
    expect(issuesFor({ name: 'a', note: 7 })).toEqual(['items[0].count: missing required field', 'items[0].note: must be a string, found the number 7']);
    expect(issuesFor({ name: 'a', count: 1, Note: 'b' })).toEqual(['items[0].Note: unknown field (did you mean "note"?)']);
  });

  it('refuses, at compile time, a table that does not match its type', () => {
    // @ts-expect-error -- a required field of the type has no check
    defineShape<Ctx, Item>({ name, note: optional(name) });
    // @ts-expect-error -- a check for a field the type does not have
    defineShape<Ctx, Item>({ name, count, note: optional(name), colour: name });
    // @ts-expect-error -- a check for another type (a string check for a number)
    defineShape<Ctx, Item>({ name, count: name, note: optional(name) });
    // @ts-expect-error -- an optional field checked as required
    defineShape<Ctx, Item>({ name, count, note: name });
    // @ts-expect-error -- a required field checked as optional
    defineShape<Ctx, Item>({ name, count: optional(count), note: optional(name) });
    // @ts-expect-error -- a table with no type to answer to
    defineShape({ name, count });
    // @ts-expect-error -- a list of claim kinds that leaves one out
    valuesOf<ClaimKind>({ official: true, responsibility: true, doubt: true, alternative: true });
    // @ts-expect-error -- a list of claim kinds with one the type does not have
    valuesOf<ClaimKind>({ official: true, responsibility: true, doubt: true, alternative: true, context: true, verdict: true });
    expect(valuesOf<ClaimKind>({ official: true, responsibility: true, doubt: true, alternative: true, context: true })).toHaveLength(5);
  });
});
