/**
 * What a reader relies on in the bundled dataset: the fixed ids are there, every claim says who, when
 * and where, every reference resolves, quotes are the source's own words, and the description rules
 * recognise coverage of the attack without firing on other Tajik border incidents.
 *
 * Reads the JSON as a pack author would ship it (text → unknown), and the seed articles beside the
 * repository (`../shared/seeds/`), which only tests may read.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileConcepts } from '../../src/core/concept-compiler.ts';
import { RuleWindow, evaluateRules } from '../../src/core/rules.ts';
import { foldText } from '../../src/core/normalize.ts';
import { SCHEMA_VERSION, type Claim, type Dataset, type SourceRef } from '../../src/core/dataset-types.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Enough shape to index into safely; the field-by-field check is the schema validator's job. */
function parseDataset(text: string): Dataset {
  const v: unknown = JSON.parse(text);
  const lists = ['incidents', 'claims', 'publishers', 'authors'];
  if (!isRecord(v) || !lists.every((k) => Array.isArray(v[k]) && (v[k] as unknown[]).every(isRecord))) {
    throw new Error('dataset.json is not a Dataset document');
  }
  return v as unknown as Dataset;
}

const data = parseDataset(readFileSync(fileURLToPath(new URL('../../src/data/dataset.json', import.meta.url)), 'utf8'));
const seedText = (file: string): string => readFileSync(fileURLToPath(new URL(`../../../shared/seeds/${file}`, import.meta.url)), 'utf8');

/** Seed articles by the title the dataset cites them under (file names are for tests only). */
const SEEDS: Record<string, string> = {
  '"I do not believe!": Assault on a Border Post in Tajikistan': '000_7255844b80746e1b.txt',
  'Breakthrough of Militants from Afghanistan to Tajikistan: Myth or Reality?': '002_d97785b48bdaeb61.txt',
  'Did the US-funded Afghan Border Outpost Help Tajikistan in Neutralizing ISIS Terrorists?': '003_c4ae75bdcb7a8ecf.txt',
};

/** Seed text as a reader sees it rendered: markdown links, emphasis and tags dropped, spaces collapsed. */
function visibleSeed(file: string): string {
  return seedText(file)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[a-z]+>/g, '')
    .replace(/[*#]/g, '')
    .replace(/\s+/g, ' ');
}

const incident = data.incidents.find((i) => i.id === 'ishkobod-2019');
const claimById = new Map(data.claims.map((c) => [c.id, c]));
const OFFICIAL_AND_IS = ['scns-attack-account', 'mvd-first-statement', 'scns-islamic-state-origin', 'is-amaq-claim'];
const DOUBTS_AND_ALTERNATIVES = [
  'lemon-caution',
  'dubnov-doubts',
  'knyazev-staged',
  'nazirov-implausible-route',
  'afghan-border-source',
  'hut-article-doubts',
  'gr-okultun-theory',
];
const CONTEXT = ['shohiyon-threat-growing', 'hut-threat-exaggerated'];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Where a claim was published: its source (the first appearance) and the outlets that carried it too. */
const publicationsOf = (c: Claim): SourceRef[] => [c.source, ...(c.appearances ?? [])];
/** Seed articles are cited by title, without a link (DATASET.md: links are real or absent, and none is stored for them). */
const isSeed = (s: SourceRef): boolean => SEEDS[s.title] !== undefined;
/** The publishers the extension labels: a claim sourced to one of their articles is sourced to a labelled page. */
const LABELLED = new Set(data.publishers.map((p) => p.name));
/** The claim is the source's own author's: the seed articles' own arguments, a researcher's own paper. */
const byItsAuthor = (c: Claim): boolean => c.source.author === c.claimant.name || c.source.publisher === c.claimant.name;
/** Whether ISO date `a` is not after `b`, compared at the precision both have ("2019-11" is not after "2019-11-06"). */
const notAfter = (a: string, b: string): boolean => {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) <= b.slice(0, n);
};

function allSources(): SourceRef[] {
  return [
    ...data.incidents.flatMap((i) => i.sources),
    ...data.claims.flatMap(publicationsOf),
    ...data.publishers.flatMap((p) => [...p.statedAffiliation.map((s) => s.source), ...p.thirdParty.map((t) => t.source)]),
    ...data.authors.map((a) => a.source),
  ];
}

/** Every `url` anywhere in the document, however deep. */
function allUrls(v: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) for (const x of v) allUrls(x, out);
  else if (isRecord(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'url') out.push(x);
      else allUrls(x, out);
    }
  }
  return out;
}

describe('bundled dataset: identity', () => {
  it('declares the schema version, a dated content version and the bundled name', () => {
    expect(data.schemaVersion).toBe(SCHEMA_VERSION);
    expect(data.contentVersion).toMatch(/^\d{4}\.\d{2}\.\d{2}(-\d+)?$/);
    expect(data.name).toBe('bundled');
  });

  it('holds the records badges, packs and settings refer to by id', () => {
    expect(incident).toBeDefined();
    expect(data.publishers.map((p) => p.id)).toEqual(expect.arrayContaining(['hizb-ut-tahrir-cmo', 'global-research']));
    expect(data.authors.map((a) => a.id)).toEqual(expect.arrayContaining(['muhammad-mansour', 'umar-farsi', 'omid-rahimi', 'aveek-sen']));
    expect([...claimById.keys()]).toEqual(expect.arrayContaining([...OFFICIAL_AND_IS, ...DOUBTS_AND_ALTERNATIVES, ...CONTEXT]));
  });

  it('uses lower-case hyphenated ids, each once per kind of record', () => {
    for (const list of [data.incidents, data.claims, data.publishers, data.authors]) {
      const ids = list.map((r) => r.id);
      for (const id of ids) expect(id).toMatch(ID);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('bundled dataset: claims are attributed, dated and sourced', () => {
  it.each(data.claims.map((c): [string, Claim] => [c.id, c]))('%s names its claimant, date and source', (_id, claim) => {
    expect(claim.incidentId).toBe('ishkobod-2019');
    expect(claim.claimant.name.trim()).not.toBe('');
    expect(claim.date).toMatch(ISO_DATE);
    expect(claim.summary.trim().length).toBeGreaterThan(40);
    expect(claim.source.title.trim()).not.toBe('');
    expect(claim.source.publisher.trim()).not.toBe('');
    expect(claim.source.date).toMatch(ISO_DATE);
  });

  it('gives every source a title, publisher and date, and only http(s) links', () => {
    for (const s of allSources()) {
      expect(s.title.trim()).not.toBe('');
      expect(s.publisher.trim()).not.toBe('');
      expect(s.date).toMatch(ISO_DATE);
    }
    const urls = allUrls(data);
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u).toMatch(/^https?:\/\/[^\s]+$/);
  });

  it('quotes a seed article only with words that article contains', () => {
    const quoted = data.claims.filter((c) => c.quote !== undefined && SEEDS[c.source.title] !== undefined);
    expect(quoted.length).toBeGreaterThanOrEqual(7);
    for (const c of quoted) expect(visibleSeed(SEEDS[c.source.title] as string), c.id).toContain(c.quote);
  });

  it('resolves every claim id the incident, relations and key figures refer to', () => {
    const inc = incident as NonNullable<typeof incident>;
    const referenced = [
      ...inc.claimIds,
      ...data.claims.flatMap((c) => c.relations.map((r) => r.claimId)),
      ...inc.keyFigures.flatMap((k) => k.values.map((v) => v.claimId)),
    ];
    for (const id of referenced) expect(claimById.has(id), id).toBe(true);
    // Display order lists each of the incident's claims exactly once.
    expect([...inc.claimIds].sort()).toEqual(data.claims.filter((c) => c.incidentId === inc.id).map((c) => c.id).sort());
  });

  it('ties each doubt or alternative (claims 5-11) to a specific official or responsibility claim', () => {
    for (const id of DOUBTS_AND_ALTERNATIVES) {
      const claim = claimById.get(id);
      const links = claim?.relations.filter((r) => OFFICIAL_AND_IS.includes(r.claimId)) ?? [];
      expect(links.length, id).toBeGreaterThan(0);
      for (const r of links) expect(r.point.trim().length, `${id} → ${r.claimId}`).toBeGreaterThan(15);
    }
  });

  it('links the October 2019 commentary to the Border Troops statement it answers', () => {
    const relation = claimById.get('hut-threat-exaggerated')?.relations.find((r) => r.type === 'responds-to');
    expect(relation?.claimId).toBe('shohiyon-threat-growing');
  });

  it('ties every doubt and alternative account to a claim it supports, disputes or offers an alternative to', () => {
    for (const c of data.claims.filter((x) => x.kind === 'doubt' || x.kind === 'alternative')) {
      expect(c.relations.length, c.id).toBeGreaterThan(0);
    }
  });

  it('shows side-by-side figures from more than one claim where sources differ', () => {
    const figures = incident?.keyFigures ?? [];
    expect(figures.length).toBeGreaterThanOrEqual(3);
    for (const f of figures) expect(new Set(f.values.map((v) => v.claimId)).size, f.label).toBeGreaterThan(1);
  });
});

describe('bundled dataset: primary sources and appearances', () => {
  it('links every claim to a publication, except claims known only from the seed articles, which are cited without links', () => {
    // The rule, stated: a claim with no link anywhere is one whose every publication is a seed article. Of
    // those, the seed authors' own arguments are their primary sources; any other claimant's must say that
    // no primary publication was found.
    const unlinked = data.claims.filter((c) => !publicationsOf(c).some((s) => s.url !== undefined));
    for (const c of unlinked) {
      expect(publicationsOf(c).every(isSeed), `${c.id} has no link, but cites a publication that is not a seed article`).toBe(true);
      if (!byItsAuthor(c)) expect(c.primarySource?.status, `${c.id} is a third party's claim known only from a seed`).toBe('not-found');
    }
    // Most of the record is linked: the seeds' own arguments and the claims no primary was found for are the exception.
    expect(unlinked.length).toBeLessThan(data.claims.length / 4);
    // A claim whose primary source was found links to it, unless the claimant wrote it in a seed article.
    for (const c of data.claims.filter((x) => x.primarySource === undefined && !(isSeed(x.source) && byItsAuthor(x)))) {
      expect(c.source.url, c.id).toMatch(/^https?:\/\//);
    }
  });

  it("never sources a third party's claim to a labelled publisher's article unless it says no primary source was found", () => {
    const relayed = data.claims.filter((c) => LABELLED.has(c.source.publisher) && !byItsAuthor(c));
    expect(relayed.length).toBeGreaterThan(0);
    for (const c of relayed) {
      expect(c.primarySource?.status, `${c.id}: its source is a ${c.source.publisher} article`).toBe('not-found');
      expect(c.primarySource?.note.trim().length, c.id).toBeGreaterThan(30);
    }
    // Nor is a labelled publisher's article the only publication of a third party's claim, whatever its source.
    for (const c of data.claims.filter((x) => !byItsAuthor(x) && publicationsOf(x).every((s) => LABELLED.has(s.publisher)))) {
      expect(c.primarySource?.status, c.id).toBe('not-found');
    }
  });

  it('keeps the seed articles that carried a claim as its further appearances once the primary source is found', () => {
    for (const id of ['mvd-first-statement', 'is-amaq-claim', 'shohiyon-threat-growing']) {
      const c = claimById.get(id) as Claim;
      expect(isSeed(c.source), id).toBe(false);
      expect(c.primarySource, id).toBeUndefined();
      expect((c.appearances ?? []).some(isSeed), id).toBe(true);
    }
  });

  it('lists appearances earliest first, none before the first appearance', () => {
    for (const c of data.claims) {
      const list = c.appearances ?? [];
      for (let i = 1; i < list.length; i++) expect(notAfter((list[i - 1] as SourceRef).date, (list[i] as SourceRef).date), `${c.id} appearance ${i}`).toBe(true);
      if (c.primarySource === undefined) for (const a of list) expect(notAfter(c.source.date, a.date), `${c.id}: ${a.title}`).toBe(true);
    }
  });

  it('gives every source and appearance of a claim its language', () => {
    for (const c of data.claims) for (const s of publicationsOf(c)) expect(s.lang, `${c.id}: ${s.title}`).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
  });

  it('points every key-figure value at an existing claim about the incident that states the figure', () => {
    const inc = incident as NonNullable<typeof incident>;
    const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    const values = inc.keyFigures.flatMap((f) => f.values.map((v) => ({ label: f.label, ...v })));
    expect(values.length).toBeGreaterThan(20);
    for (const v of values) {
      const claim = claimById.get(v.claimId);
      expect(claim, `${v.label}: ${v.claimId}`).toBeDefined();
      expect(claim?.incidentId).toBe(inc.id);
      const said = ` ${claim?.summary ?? ''} ${claim?.quote ?? ''} `.toLowerCase();
      for (const n of v.value.match(/\d+/g) ?? []) {
        const word = WORDS[Number(n)];
        const stated = new RegExp(`\\D${n}\\D`).test(said) || (word !== undefined && said.includes(` ${word} `));
        expect(stated, `${v.label}: "${v.value}" gives ${n}, which ${v.claimId} does not state`).toBe(true);
      }
    }
  });

  it('gives the figures the later claims add beside the first official ones', () => {
    const figure = (label: string) => new Map((incident?.keyFigures.find((f) => f.label === label)?.values ?? []).map((v) => [v.claimId, v.value]));
    expect(figure('Attackers killed, detained and sentenced').get('mvd-first-statement')).toMatch(/\b4 detained/);
    expect(figure('Attackers killed, detained and sentenced').get('scns-attack-account')).toMatch(/\b5 detained/);
    expect(figure('Number of attackers').get('sattarov-women-children')).toMatch(/^33\b/);
    expect(figure('Security forces killed').get('rferl-higher-security-toll')).toMatch(/^7\b/);
    expect(figure('Security forces killed').get('is-amaq-claim')).toMatch(/^10\b/);
  });
});

describe('bundled dataset: review dates', () => {
  it('says when the incident and each publisher were last reviewed', () => {
    for (const r of [...data.incidents, ...data.publishers]) expect(r.reviewed, r.id).toBe('2026-12-01');
  });
});

describe('bundled dataset: publishers', () => {
  it.each(['hizb-ut-tahrir-cmo', 'global-research'])('%s has its own words and, apart, sourced third-party context', (id) => {
    const pub = data.publishers.find((p) => p.id === id);
    expect(pub?.statedAffiliation.length).toBeGreaterThan(0);
    expect(pub?.thirdParty.length).toBeGreaterThan(0);
    for (const t of pub?.thirdParty ?? []) expect(t.source.date).toMatch(ISO_DATE);
  });

  it('quotes stated affiliations and bylines exactly as the publisher’s own page prints them', () => {
    for (const pub of data.publishers) {
      for (const s of pub.statedAffiliation) {
        const file = SEEDS[s.source.title];
        expect(file, s.source.title).toBeDefined();
        expect(visibleSeed(file as string)).toContain(s.quote);
      }
      const ownPages = pub.statedAffiliation.map((s) => visibleSeed(SEEDS[s.source.title] as string)).join(' ');
      for (const b of pub.bylines) expect(ownPages, b).toContain(b);
    }
  });

  it('keeps lower-case "global research" from counting as a mention of Global Research', () => {
    const alias = data.publishers.find((p) => p.id === 'global-research')?.aliases.find((a) => a.text === 'Global Research');
    expect(alias?.caseSensitive).toBe(true);
  });

  it('lists authors under the publisher they write for, described as the page describes them', () => {
    for (const pub of data.publishers) {
      const authors = data.authors.filter((a) => a.publisherId === pub.id).map((a) => a.id);
      expect([...pub.authorIds].sort()).toEqual(authors.sort());
    }
    for (const a of data.authors.filter((x) => x.description !== undefined)) {
      expect(visibleSeed(SEEDS[a.source.title] as string), a.id).toContain(a.description);
    }
  });
});

describe('bundled dataset: recognising the incident', () => {
  const aliases = incident?.aliases ?? [];
  /** Whether a folded alias occurs in text as whole words (inflected Cyrillic endings aside). */
  const names = (text: string): boolean => aliases.some((a) => ` ${foldText(text)} `.includes(` ${foldText(a.text)} `));

  it('knows the outpost by its Latin, Russian and Tajik names', () => {
    const byText = new Map(aliases.map((a) => [a.text, a]));
    for (const t of ['Ishkobod', 'Ishqobod', 'Ishkobod border post', 'Ishkobod outpost', 'Ishqobod outpost']) expect(byText.has(t), t).toBe(true);
    expect(byText.get('Ишкобод')).toMatchObject({ lang: 'ru', inflect: true });
    expect(byText.get('Ишқобод')).toMatchObject({ lang: 'tg', inflect: true });
  });

  it('has no alias that names a different place', () => {
    for (const a of aliases) expect(foldText(a.text)).not.toMatch(/ishk[ao]shim|ishkashim|ashgabat|ashkhabad|ашхабад|ишкашим/);
  });

  it('names the incident in the two seeds about it and not in the October 2019 article', () => {
    expect(names(seedText('000_7255844b80746e1b.txt'))).toBe(true);
    expect(names(seedText('003_c4ae75bdcb7a8ecf.txt'))).toBe(true);
    expect(names(seedText('002_d97785b48bdaeb61.txt'))).toBe(false);
  });

  const compiled = compileConcepts([data]);
  const rules = compiled.rules.get('ishkobod-2019') ?? [];
  /** The bundled rules on one paragraph, as a page's block is evaluated. */
  const describes = (text: string): boolean => evaluateRules(new RuleWindow(text, compiled.concepts), rules) !== null;
  const termsOf = (id: string): string[] => compiled.concepts.get(id)?.terms ?? [];
  const paragraphs = (file: string): string[] => seedText(file).split(/\n\s*\n/);

  it('has description rules whose place group has words in English, Russian and Tajik, none excluding Afghanistan', () => {
    const anchors = rules.map((r) => foldText((r.all[0] ?? []).flatMap(termsOf).join(' ')));
    expect(anchors.some((a) => a.includes('tajik'))).toBe(true);
    expect(anchors.some((a) => a.includes('таджик'))).toBe(true);
    expect(anchors.some((a) => a.includes('точик'))).toBe(true);
    for (const r of rules) expect(r.exclude.flatMap(termsOf).some((t) => /afghan|афган/i.test(t))).toBe(false);
  });

  it('recognises the seed coverage of the attack but not the October 2019 article', () => {
    expect(paragraphs('000_7255844b80746e1b.txt').some((p) => describes(p))).toBe(true);
    expect(paragraphs('003_c4ae75bdcb7a8ecf.txt').some((p) => describes(p))).toBe(true);
    expect(paragraphs('002_d97785b48bdaeb61.txt').filter((p) => describes(p))).toEqual([]);
  });

  it.each([
    'Twenty masked gunmen attacked a Tajik border post near the Uzbek border early on 6 November 2019, officials in Dushanbe said.',
    'According to the security committee, the assailants hit the post on the border with Uzbekistan in the Rudaki district, some 60 kilometers from Dushanbe.',
    'Islamic State said it was behind the raid on the Tajik outpost, which lies on the frontier with Uzbekistan.',
    'В ночь на 6 ноября 2019 года боевики напали на погранзаставу на таджикско-узбекской границе в Рудакинском районе.',
    'Шаби 6 ноябри соли 2019 ба заставаи сарҳадӣ дар ноҳияи Рӯдакӣ ҳамла шуд, хабар дод Кумитаи амнияти миллии Тоҷикистон.',
    'Bei dem Angriff auf einen tadschikischen Grenzposten an der Grenze zu Usbekistan am 6. November 2019 starben 17 Menschen.',
  ])('matches a description of the attack: %s', (text) => {
    expect(describes(text)).toBe(true);
  });

  it.each([
    'In September 2022 fighting flared again on the Kyrgyz-Tajik border, with both sides attacking border outposts around Batken.',
    'Tajik border guards came under attack at an outpost on the Afghan frontier; officials blamed drug smugglers crossing the Panj river.',
    'Militants linked to Islamic State fired on a Tajik border post from Afghanistan, the border troops said.',
    'In 2015 a mutiny near Dushanbe began with attacks on police posts in Vahdat.',
    'Tajikistan marks Constitution Day on 6 November with concerts on Rudaki Avenue in Dushanbe.',
    'В 2021 году у села Ворух на кыргызско-таджикской границе произошло нападение на заставу.',
    'Боевики атаковали таджикскую заставу на границе с Афганистаном, сообщили пограничники.',
  ])('does not take another event for it: %s', (text) => {
    expect(describes(text)).toBe(false);
  });
});
