/**
 * Compiles all datasets into the detection index described in `detection-index.ts`. Runs in the
 * background only (kept apart so the code every page loads does not carry it).
 */
import type { Dataset } from './dataset-types.ts';
import { compileConcepts, contextOf } from './concept-compiler.ts';
import {
  INDEX_FORMAT,
  META_KEY,
  conceptKey,
  encodePhrase,
  hostShardKey,
  hostShardOf,
  incidentKey,
  recordShardKey,
  recordShardOf,
  tokenShardKey,
  tokenShardOf,
  type EntryRole,
  type HostShard,
  type IncidentInfo,
  type IndexMeta,
  type PhraseEntry,
  type RecordShard,
  type StoredPhrase,
} from './detection-index.ts';
import { normalizeHost } from './hostname.ts';
import { hashKey, isSoloWord, keyAt, keyOf, visibleText } from './normalize.ts';
import { TOLERANT_MIN, isRange, parseTerm } from './terms.ts';
import { buildXorFilter, bytesToBase64 } from './xor-filter.ts';

/**
 * Words so common in news text that they should not key a phrase, or every page would read shards.
 * Compared by their key (first five letters), since that is what a page's words are checked by:
 * "globalization" keys like "global", so it is common too. Folded forms.
 */
const COMMON_WORDS = (
  // English
  'the of and for on in at to by is are was were be been has have had this that these those with from as an or it its ' +
  'his her their our we you they he she them who which what when where why how not no but if than then there here ' +
  'all any some more most other such only also very can will would could should may might must one two three new ' +
  'said says say told according report reported reports news media press office agency official officials statement ' +
  'government minister ministry president state national international central committee council security ' +
  'border post outpost attack attacks attacked people group groups country countries region regional world global ' +
  'research centre center original source article articles written copyright comment comments become member page ' +
  'facebook twitter share read more about contact home responsible information inaccurate incorrect material ' +
  'publication published permission community internet sites site web online first last year years day days week ' +
  'time times after before during since between against under over into through while because however including ' +
  'public political military police forces force killed dead death deaths islamic islam muslim muslims state ' +
  'january february march april may june july august september october november december monday tuesday wednesday ' +
  'thursday friday saturday sunday morning evening night city town village district province capital ' +
  // Russian
  'в и на по с к о об от из за для не что это как был была были было быть он она они мы вы его ее их при также ' +
  'уже или но если так только после до во со же ли бы том этом этот эта эти года году год лет время ' +
  'государственн государство правительство министерство президент заявил заявила сообщил сообщает сообщили ' +
  'граница границе границы пост нападение нападения ислам исламск новости агентство центр центра ' +
  // French, German, Tajik
  'le la les de des du et une un sur pour dans par avec est au aux ce qui que pas plus ' +
  'der die das und von zu den dem des ein eine ist mit auf für im nicht sich ' +
  'дар ва бо ки аз ба барои'
).split(' ');
const COMMON_KEYS = new Set(COMMON_WORDS.map((w) => keyOf(w)));

/** Scripts whose names take case endings by default (Cyrillic, Armenian, Georgian). */
const takesEndings = (s: string): boolean => /[\u0400-\u04ff\u0530-\u058f\u10a0-\u10ff]/.test(s);

function shardCountFor(items: number, perShard: number): number {
  let n = 1;
  while (n * perShard < items && n < 8192) n *= 2;
  return n;
}

interface PhraseSource {
  words: string[];
  role: EntryRole;
  id: string;
  inflect: boolean;
  prefix: boolean;
  /** Which words touch the next one in the text (see ParsedTerm). */
  joined: boolean[];
  tolerant?: boolean;
  caseSensitive?: string;
  context?: string[];
}

/**
 * Compile every dataset into storage entries (see the layout above). Pure and deterministic for the
 * same input and `gen`.
 */
export function compileIndex(datasets: Dataset[], gen: string = Date.now().toString(36)): Record<string, unknown> {
  const phrases: PhraseSource[] = [];
  const hosts: HostShard = {};
  const incidents: IncidentInfo[] = [];
  const records = new Map<string, [string, number]>();
  const compiled = compileConcepts(datasets);
  const add = (text: string, role: EntryRole, id: string, opts: { inflect?: boolean; caseSensitive?: boolean; tolerant?: boolean; context?: string[] } = {}): void => {
    const { words, prefix, joined } = parseTerm(text);
    // A number range alone, or one CJK character alone, cannot key a phrase (see the weights below).
    if (words.length === 0 || words.every(isRange) || (words.length === 1 && isSoloWord(words[0] as string))) return;
    const single = words.length === 1;
    const inflect = opts.inflect ?? (single && takesEndings(text) && !prefix);
    phrases.push({
      words,
      role,
      id,
      inflect,
      prefix,
      joined,
      ...(opts.tolerant && single && (words[0] as string).length >= TOLERANT_MIN ? { tolerant: true } : {}),
      ...(opts.caseSensitive ? { caseSensitive: visibleText(text) } : {}),
      ...(opts.context && opts.context.length > 0 ? { context: opts.context } : {}),
    });
  };

  for (const ds of datasets) {
    for (const inc of ds.incidents) {
      const claimCount = inc.claimIds.length;
      incidents.push({ id: inc.id, title: inc.title, claimCount, rules: compiled.rules.get(inc.id) ?? [] });
      records.set(inc.id, [inc.title, claimCount]);
      for (const a of inc.aliases) {
        const context = contextOf(a).filter((c) => compiled.concepts.has(c));
        // An ambiguous alias without a context it could check would mark the other place too.
        if (a.ambiguous && context.length === 0) continue;
        add(a.text, 'incident', inc.id, { ...(a.inflect !== undefined ? { inflect: a.inflect } : {}), ...(a.caseSensitive ? { caseSensitive: true } : {}), context });
      }
    }
    for (const pub of ds.publishers) {
      records.set(pub.id, [pub.name, 0]);
      for (const a of pub.aliases) add(a.text, 'publisher', pub.id, { ...(a.inflect !== undefined ? { inflect: a.inflect } : {}), ...(a.caseSensitive ? { caseSensitive: true } : {}) });
      for (const b of pub.bylines) add(b, 'byline', pub.id, { inflect: false });
      for (const d of pub.domains) {
        // The validator's normal form, so the host the index keys is the one the validator checked.
        const host = normalizeHost(d);
        if (host) hosts[host] = pub.id;
      }
    }
  }

  // The terms of every concept a rule needs in a group (or an ambiguous alias needs near it): the
  // scanner counts them per block, so a rule is evaluated only where all its groups are.
  for (const id of compiled.scanned) {
    const concept = compiled.concepts.get(id);
    if (concept) for (const term of concept.terms) add(term, 'term', id, { inflect: false, tolerant: concept.tolerant === true });
  }

  // Document frequency of each key across phrases: the rarest word keys the phrase.
  const df = new Map<string, number>();
  for (const p of phrases) for (const k of new Set(p.words.map((_, i) => keyAt(p.words, i)))) df.set(k, (df.get(k) ?? 0) + 1);
  const weight = (w: string, i: number, p: PhraseSource): number => {
    // A number range is no word, and a lone CJK character too common: two in a row (as the page
    // writes them, with nothing between) key a phrase.
    if (isRange(w) || (isSoloWord(w) && (keyAt(p.words, i).length < 2 || !p.joined[i]))) return 1e9;
    if (isSoloWord(w)) return 20 + (df.get(keyAt(p.words, i)) ?? 0) * 4;
    if (w.length < 2) return 1e9;
    // The last word of a word-beginning or inflected phrase is keyed by its prefix: fine, keyOf() cuts it anyway.
    const common = COMMON_KEYS.has(keyOf(w)) ? 1e6 : 0;
    const shortPrefix = p.prefix && i === p.words.length - 1 && w.length < 2 ? 1e8 : 0;
    // Rare in the data and long (so rare in text, too): the fewer phrases share a word, and the longer
    // it is, the fewer pages read a shard because of it.
    // Short words ("al", "ut") are everywhere in running text whatever their language.
    const short = w.length < 4 ? 50 : 0;
    return common + shortPrefix + short + (df.get(keyOf(w)) ?? 0) * 4 - Math.min(w.length, 20);
  };

  const tokenShards = shardCountFor(phrases.length, 8);
  const shardEntries: StoredPhrase[][] = Array.from({ length: tokenShards }, () => []);
  const keyHashes: number[] = [];
  const seen = new Set<string>();
  for (const p of phrases) {
    let ki = 0;
    let best = Infinity;
    p.words.forEach((w, i) => {
      const s = weight(w, i, p);
      if (s < best) {
        best = s;
        ki = i;
      }
    });
    const k = keyAt(p.words, ki);
    const entry: PhraseEntry = { k, w: p.words, ki, r: p.role, id: p.id };
    if (p.inflect) entry.fl = 1;
    if (p.prefix) entry.px = 1;
    if (p.tolerant) entry.tl = 1;
    if (p.caseSensitive) entry.cs = p.caseSensitive;
    if (p.context) entry.cx = p.context;
    const stored = encodePhrase(entry);
    const dedupe = JSON.stringify(stored);
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const h = hashKey(k);
    keyHashes.push(h);
    shardEntries[tokenShardOf(h, tokenShards)]!.push(stored);
  }

  const hostList = Object.entries(hosts);
  const hostShards = shardCountFor(hostList.length, 4);
  const hostEntries: HostShard[] = Array.from({ length: hostShards }, () => ({}));
  for (const [host, v] of hostList) hostEntries[hostShardOf(host, hostShards)]![host] = v;

  const recordShards = shardCountFor(records.size, 16);
  const recordEntries: RecordShard[] = Array.from({ length: recordShards }, () => ({}));
  for (const [id, v] of records) recordEntries[recordShardOf(id, recordShards)]![id] = v;

  const filter = buildXorFilter(keyHashes);
  const out: Record<string, unknown> = {};
  shardEntries.forEach((e, n) => {
    if (e.length) out[tokenShardKey(gen, n)] = e;
  });
  hostEntries.forEach((e, n) => {
    if (Object.keys(e).length) out[hostShardKey(gen, n)] = e;
  });
  recordEntries.forEach((e, n) => {
    if (Object.keys(e).length) out[recordShardKey(gen, n)] = e;
  });
  for (const inc of incidents) out[incidentKey(gen, inc.id)] = inc;
  for (const concept of compiled.concepts.values()) out[conceptKey(gen, concept.id)] = concept;
  const meta: IndexMeta = {
    format: INDEX_FORMAT,
    gen,
    tokenShards,
    hostShards,
    recordShards,
    filter: { seed: filter.seed, blockLength: filter.blockLength, bytes: bytesToBase64(filter.fingerprints) },
    counts: { incidents: incidents.length, publishers: datasets.reduce((n, d) => n + d.publishers.length, 0), phrases: seen.size, hosts: hostList.length },
    versions: datasets.map((d) => ({ name: d.name, contentVersion: d.contentVersion })),
  };
  out[META_KEY] = meta;
  return out;
}

