/**
 * A large, valid, deterministic pack for load and speed tests: 1,000 invented incidents (10 claims
 * each, with relations) and 20,000 invented publishers. Every name is built from syllables, written
 * in parallel in Latin and Cyrillic ("Varkhoshtab" / "Вархоштаб"), three or more syllables long so
 * it is not a word a real page would carry; every hostname ends in a reserved test TLD (.example,
 * .test), so no record can point at a real site. The same seed gives the same pack, byte for byte.
 *
 * CLI: `npm run pack:generate -- [OUT.json] [--seed N]` (default tools/pack/out/big-pack.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SCHEMA_VERSION } from '../../src/core/dataset-types.ts';
import type { Alias, Author, Claim, ClaimKind, Dataset, DescriptionRule, Incident, Publisher, RelationType, SourceRef } from '../../src/core/dataset-types.ts';

export const BIG_PACK_SIZE = { incidents: 1_000, claimsPerIncident: 10, publishers: 20_000 } as const;
export const DEFAULT_OUT = 'tools/pack/out/big-pack.json';

/** xorshift32 over a mixed seed: small, fast, and the same on every engine. Returns [0, 1). */
export function createRandom(seed: number): () => number {
  // Spread the seed's bits so seeds 1, 2, 3 do not start with near-identical states.
  let x = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 0x6d2b79f5;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

type Pair = readonly [latin: string, cyrillic: string];
const ONSETS: readonly Pair[] = [
  ['b', 'б'], ['d', 'д'], ['g', 'г'], ['k', 'к'], ['kh', 'х'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['r', 'р'],
  ['s', 'с'], ['sh', 'ш'], ['t', 'т'], ['v', 'в'], ['z', 'з'], ['zh', 'ж'], ['ch', 'ч'], ['', ''],
];
const VOWELS: readonly Pair[] = [['a', 'а'], ['o', 'о'], ['u', 'у'], ['i', 'и'], ['e', 'е']];
const CODAS: readonly Pair[] = [
  ['', ''], ['r', 'р'], ['sh', 'ш'], ['n', 'н'], ['b', 'б'], ['t', 'т'], ['kh', 'х'], ['z', 'з'], ['m', 'м'], ['l', 'л'], ['sht', 'шт'], ['nd', 'нд'],
];

const MONTHS: readonly Pair[] = [
  ['january', 'январ*'], ['february', 'феврал*'], ['march', 'март*'], ['april', 'апрел*'], ['may', 'мая'], ['june', 'июн*'],
  ['july', 'июл*'], ['august', 'август*'], ['september', 'сентябр*'], ['october', 'октябр*'], ['november', 'ноябр*'], ['december', 'декабр*'],
];
const OUTLETS: readonly Pair[] = [
  ['news', 'Новости'], ['herald', 'Вестник'], ['daily', 'Ежедневник'], ['observer', 'Обозреватель'], ['monitor', 'Монитор'], ['review', 'Обзор'],
];
const ROLES = ['researcher', 'border service spokesperson', 'regional analyst', 'former security officer', 'local journalist', 'member of parliament'];
const KINDS: readonly ClaimKind[] = ['official', 'official', 'responsibility', 'doubt', 'doubt', 'alternative', 'doubt', 'alternative', 'context', 'doubt'];
const RELATION_FOR: Record<ClaimKind, RelationType> = {
  official: 'supports',
  responsibility: 'supports',
  doubt: 'disputes',
  alternative: 'alternative-to',
  context: 'responds-to',
};

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Builds names and picks from one stream of random numbers; each name is handed out once. */
class Maker {
  private readonly used = new Set<string>();
  constructor(readonly rand: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)] as T;
  }

  /** A fresh name of `min`–`max` syllables: [latin lower case, cyrillic lower case]. */
  name(min: number, max: number): [string, string] {
    for (;;) {
      let latin = '';
      let cyr = '';
      const n = this.int(min, max);
      for (let i = 0; i < n; i++) {
        const [lo, co] = this.pick(ONSETS);
        const [lv, cv] = this.pick(VOWELS);
        const [lc, cc] = i === n - 1 || this.rand() < 0.4 ? this.pick(CODAS) : ['', ''];
        latin += lo + lv + lc;
        cyr += co + cv + cc;
      }
      if (!this.used.has(latin)) {
        this.used.add(latin);
        return [latin, cyr];
      }
    }
  }

  /** A date between `fromYear` and `toYear`, day ≤ 28 so every month has it. */
  date(fromYear: number, toYear: number): string {
    return isoDay(this.int(fromYear, toYear), this.int(1, 12), this.int(1, 28));
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
function addDays(iso: string, days: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return isoDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

interface PublisherStub {
  id: string;
  name: string;
  domain: string;
}

function makePublishers(m: Maker, count: number): { publishers: Publisher[]; authors: Author[] } {
  const publishers: Publisher[] = [];
  const authors: Author[] = [];
  for (let i = 0; i < count; i++) {
    const [latin, cyr] = m.name(3, 3);
    const [outlet, outletRu] = m.pick(OUTLETS);
    const id = `${latin}-${outlet}`;
    const name = `${cap(latin)} ${cap(outlet)}`;
    const domain = `${id}.example`;
    const since = m.date(1995, 2020);
    const about: SourceRef = { title: `About ${name}`, publisher: name, date: since, url: `https://${domain}/about` };
    const aliases: Alias[] = [
      { text: name, lang: 'en', ...(i % 7 === 0 ? { caseSensitive: true } : {}) },
      { text: `${outletRu} ${cap(cyr)}`, lang: 'ru' },
    ];
    if (i % 3 === 0) aliases.push({ text: `${cap(latin)}${cap(outlet)}`, lang: 'en' });
    const publisher: Publisher = {
      id,
      name,
      aliases,
      domains: i % 4 === 0 ? [domain, `${latin}${outlet}.test`] : [domain],
      bylines: [`The original source of this article is ${name}`],
      statedAffiliation: [{ quote: `${name} is an independent outlet founded in ${since.slice(0, 4)}.`, where: 'about page', source: about }],
      thirdParty: [],
      authorIds: [],
    };
    const notes = m.int(0, 2);
    for (let k = 0; k < notes; k++) {
      const [reg] = m.name(3, 3);
      publisher.thirdParty.push({
        text: `Listed in the ${cap(reg)} media register as a ${k === 0 ? 'news outlet' : 'foreign-funded outlet'}.`,
        source: { title: `${cap(reg)} media register`, publisher: `${cap(reg)} Registry Office`, date: m.date(2015, 2024), url: `https://register.${reg}.test/entry/${id}` },
      });
    }
    // Every other publisher has a bylined author, so author references are exercised at scale.
    if (i % 2 === 0) {
      const [first] = m.name(2, 2);
      const [last] = m.name(3, 3);
      const author: Author = {
        id: `${id}-${first}-${last}`,
        name: `${cap(first)} ${cap(last)}`,
        publisherId: id,
        ...(i % 4 === 0 ? { description: 'staff correspondent' } : {}),
        source: { ...about, title: `Authors of ${name}`, url: `https://${domain}/authors/${first}-${last}` },
      };
      authors.push(author);
      publisher.authorIds.push(author.id);
    }
    publishers.push(publisher);
  }
  return { publishers, authors };
}

function incidentAliases(m: Maker, latin: string, cyr: string): Alias[] {
  const Name = cap(latin);
  const Cyr = cap(cyr);
  const tajik = Cyr.replaceAll('к', 'қ').replaceAll('х', 'ҳ');
  const variants: Alias[] = [
    { text: Name, lang: 'en' },
    { text: Cyr, lang: 'ru', inflect: true },
    { text: `${Name} checkpoint`, lang: 'en' },
    { text: `${Name} border post`, lang: 'en' },
    { text: `застава ${Cyr}`, lang: 'ru' },
    { text: latin.includes('kh') ? cap(latin.replaceAll('kh', 'x')) : `${Name} outpost`, lang: 'en' },
    { text: tajik !== Cyr ? tajik : `посгоҳи ${Cyr}`, lang: 'tg' },
    { text: `${Name} attack`, lang: 'en' },
  ];
  const count = m.int(3, 8);
  return variants.slice(0, count);
}

function descriptionRule(region: Pair, country: Pair, month: Pair, other: string): DescriptionRule {
  return {
    // The place comes first: it is the rule's anchor (src/data/README.md), the one group a page's
    // words are checked against; the common words of the other groups are read only in paragraphs
    // that name the place.
    all: [
      [country[0], `${country[1]}*`, region[0], `${region[1]}*`],
      ['attack*', 'assault*', 'raid*', 'напад*', 'штурм*'],
      ['checkpoint*', 'outpost*', 'border post*', 'застав*', 'блокпост*'],
    ],
    pins: [
      { terms: [region[0], `${region[1]}*`], weight: 0.5, label: 'Region' },
      { terms: [month[0], month[1]], weight: 0.3, label: 'Month' },
    ],
    minPins: 1,
    exclude: [other],
  };
}

function makeIncident(m: Maker, n: number, outlets: readonly PublisherStub[]): { incident: Incident; claims: Claim[] } {
  const [latin, cyr] = m.name(3, 4);
  const region: Pair = m.name(3, 3);
  const countryBase = m.name(3, 3);
  const country: Pair = [`${countryBase[0]}ia`, `${countryBase[1]}ия`];
  const [otherRegion] = m.name(3, 3);
  const date = m.date(2000, 2024);
  const month = MONTHS[Number(date.slice(5, 7)) - 1] as Pair;
  const id = `${latin}-${date.slice(0, 4)}`;
  const Place = cap(latin);

  const sourceFrom = (outlet: PublisherStub, day: string, slug: string, author?: string): SourceRef => ({
    title: `${cap(slug.replaceAll('-', ' '))}: ${Place}`,
    publisher: outlet.name,
    ...(author !== undefined ? { author } : {}),
    date: day,
    url: `https://${outlet.domain}/${day.slice(0, 4)}/${day.slice(5, 7)}/${id}-${slug}`,
  });

  const claims: Claim[] = [];
  const attackers = m.int(5, 40);
  for (let k = 0; k < BIG_PACK_SIZE.claimsPerIncident; k++) {
    const kind = KINDS[k] as ClaimKind;
    const [first] = m.name(2, 2);
    const [last] = m.name(3, 3);
    const claimant = { name: `${cap(first)} ${cap(last)}`, role: m.pick(ROLES) };
    const day = addDays(date, k === 0 ? 0 : m.int(0, 30));
    const outlet = m.pick(outlets);
    const claim: Claim = {
      id: `${id}-c${pad(k + 1)}`,
      incidentId: id,
      kind,
      claimant,
      date: day,
      summary: `According to ${claimant.name} (${claimant.role}), ${claimSentence(kind, attackers + k, Place)}`,
      source: sourceFrom(outlet, day, `report-${k + 1}`, k % 3 === 0 ? claimant.name : undefined),
      relations: [],
    };
    if (k % 4 === 1) claim.quote = `We saw ${attackers + k} of them near ${Place}.`;
    if (k % 5 === 2) claim.source.via = m.pick(outlets).name;
    // Each later claim answers one to three earlier ones, each relation on its own point.
    const answers = k === 0 ? 0 : Math.min(k, m.int(1, 3));
    for (let r = 0; r < answers; r++) {
      const target = k - 1 - r;
      claim.relations.push({ type: RELATION_FOR[kind], claimId: `${id}-c${pad(target + 1)}`, point: `The number of attackers and the route to ${Place}.` });
    }
    claims.push(claim);
  }

  const incident: Incident = {
    id,
    title: `Attack on the ${Place} border checkpoint, ${cap(region[0])} district, ${cap(country[0])} (${date.slice(0, 7)})`,
    summary: `An armed group attacked the ${Place} checkpoint in ${cap(region[0])} district of ${cap(country[0])} on ${date}. Accounts of who the attackers were and how many died differ.`,
    date,
    place: `${Place}, ${cap(region[0])} district`,
    country: cap(country[0]),
    aliases: incidentAliases(m, latin, cyr),
    relatedPlaces: [cap(region[0]), cap(m.name(3, 3)[0]), cap(m.name(3, 4)[0])],
    descriptionRules: [descriptionRule(region, country, month, otherRegion)],
    keyFigures: [
      { label: 'Attackers', values: [{ claimId: claims[0]?.id ?? '', value: `${attackers}` }, { claimId: claims[3]?.id ?? '', value: `${attackers + 3}` }] },
      { label: 'Killed among the attackers', values: [{ claimId: claims[1]?.id ?? '', value: `${Math.floor(attackers / 2)}` }] },
    ],
    claimIds: claims.map((c) => c.id),
    sources: [sourceFrom(m.pick(outlets), date, 'first-report')],
  };
  if (n % 2 === 0) incident.sources.push(sourceFrom(m.pick(outlets), addDays(date, 1), 'follow-up'));
  return { incident, claims };
}

function claimSentence(kind: ClaimKind, count: number, place: string): string {
  switch (kind) {
    case 'official':
      return `${count} armed men attacked the ${place} checkpoint at night and were stopped by the border guard.`;
    case 'responsibility':
      return `an armed movement said its fighters carried out the attack on ${place}.`;
    case 'doubt':
      return `the official account of the attack on ${place} leaves open how the group travelled unnoticed.`;
    case 'alternative':
      return `the group at ${place} may have been smugglers rather than fighters.`;
    case 'context':
      return `warnings of border threats near ${place} had been growing for a year.`;
  }
}

/** The pack for a seed: the same seed always gives the same records in the same order. */
export function generatePack(seed = 1): Dataset {
  const m = new Maker(createRandom(seed));
  const { publishers, authors } = makePublishers(m, BIG_PACK_SIZE.publishers);
  const outlets: PublisherStub[] = publishers.map((p) => ({ id: p.id, name: p.name, domain: p.domains[0] ?? `${p.id}.example` }));
  const incidents: Incident[] = [];
  const claims: Claim[] = [];
  for (let n = 0; n < BIG_PACK_SIZE.incidents; n++) {
    const made = makeIncident(m, n, outlets);
    incidents.push(made.incident);
    claims.push(...made.claims);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    contentVersion: '2026.01.15',
    name: `Generated test pack (seed ${seed})`,
    pack: {
      id: `generated-test-pack-${seed}`,
      curator: { name: 'Source Context tests', homepage: 'https://source-context.example/', contact: 'packs@source-context.example' },
      version: 1,
      date: '2026-01-15',
    },
    incidents,
    claims,
    publishers,
    authors,
  };
}

/** CLI: writes the pack as JSON; returns the exit code. */
export function main(args: readonly string[]): number {
  let out = DEFAULT_OUT;
  let seed = 1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--seed') seed = Number(args[++i]);
    else out = a;
  }
  if (!Number.isInteger(seed)) {
    console.error('usage: npm run pack:generate -- [OUT.json] [--seed N]   (N: an integer)');
    return 2;
  }
  const started = performance.now();
  const pack = generatePack(seed);
  const json = JSON.stringify(pack);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json);
  const ms = Math.round(performance.now() - started);
  console.log(
    `Wrote ${out}: ${pack.incidents.length} incidents, ${pack.claims.length} claims, ${pack.publishers.length} publishers, ` +
      `${pack.authors.length} authors; ${(json.length / 1e6).toFixed(1)} million characters, ${ms} ms (seed ${seed})`,
  );
  return 0;
}
