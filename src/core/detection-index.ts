/**
 * The detection index: everything a content script needs to find mentions, compiled once by the
 * background from all datasets (bundled and packs) and kept in `storage.local`, where a content script
 * reads it without waking the worker.
 *
 * Layout (all keys start with `idx:`; `<g>` is the generation, so a rewrite never mixes old and new):
 * - `idx:meta`          IndexMeta: the word filter (xor filter, ~10 bits per key) and shard counts.
 *                       Written last: a content script sees either the old index or the new one.
 * - `idx:<g>:t:<n>`     StoredPhrase[]: names, bylines and concept terms whose key word hashes
 *                       to shard n. Read only for words that pass the filter.
 * - `idx:<g>:h:<n>`     host → publisher id, for the domains hashing to shard n. Read only for the
 *                       page's host (and its parents) and the hosts its links point to.
 * - `idx:<g>:r:<n>`     record id → [name, claim count], for the records hashing to shard n. Read
 *                       only for records the page has a match for (a badge's accessible name).
 * - `idx:<g>:i:<id>`    IncidentInfo: title, claim count and description rules of one incident, the
 *                       rules naming concepts by id.
 * - `idx:<g>:c:<id>`    ConceptInfo: a concept's label and its terms in every language, and the rules
 *                       that need it in a group. Read only when one of its terms is on the page.
 *
 * Every term of a concept that a rule needs in a group (or an ambiguous name needs near it) is a
 * phrase of its own (role `term`, id the concept's): the scanner finds them with the same word
 * filter as names, counts which concepts each block has, and evaluates a rule only on a block that
 * has every group of it. A page full of "Tajikistan" and "border" but no attack word costs what a
 * page of other news costs: a filter probe per word, and a check of the few words that pass.
 *
 * Phrases are short arrays and names live apart from them, once per record: with twenty thousand
 * publishers, each repeated field costs megabytes of storage and seconds of import.
 *
 * A page with no candidate reads `idx:meta` and one host shard per distinct host, whatever the size
 * of the data: the cost of a page does not grow with the number of incidents or publishers.
 */
import { hashKey, keyAt } from './normalize.ts';
import { base64ToBytes, type XorFilter } from './xor-filter.ts';

export const INDEX_FORMAT = 3;
export const META_KEY = 'idx:meta';
export const INDEX_PREFIX = 'idx:';

export type EntryRole = 'incident' | 'publisher' | 'byline' | 'term';

/** One phrase to look for. Short field names: there may be tens of thousands in storage. */
export interface PhraseEntry {
  /** Prefilter key of the key word (`keyAt`: its first letters, or two CJK characters). */
  k: string;
  /** The phrase's folded words. */
  w: string[];
  /** Index in `w` of the key word (the phrase's rarest word). */
  ki: number;
  /** The last word may carry grammatical endings (Ишкобода, Ишқободро). */
  fl?: 1;
  /** The last word is a word beginning (a `напад*` term). */
  px?: 1;
  /** A long place name: the key word may have one letter wrong, added or missing (Dushambe). */
  tl?: 1;
  r: EntryRole;
  /** Record id: the incident, the publisher (for `publisher` and `byline`), or the concept (`term`). */
  id: string;
  /** For case-sensitive names: the name as written; the page text must match it (or its capitals). */
  cs?: string;
  /** An ambiguous name: the concepts (ids) that must all be near it for it to count. */
  cx?: string[];
}

/**
 * A phrase as stored: [folded words joined by spaces, key word index, flags, record id,
 * case-sensitive text or 0, context concept ids joined by spaces]; the last two only when needed.
 */
export type StoredPhrase = [string, number, number, string] | [string, number, number, string, string | 0] | [string, number, number, string, string | 0, string];

const ROLES: readonly EntryRole[] = ['incident', 'publisher', 'byline', 'term'];
const FLAG_INFLECT = 4;
const FLAG_PREFIX = 8;
const FLAG_TOLERANT = 16;

/** The stored form of a phrase (the key is not stored: it follows from the words). */
export function encodePhrase(e: PhraseEntry): StoredPhrase {
  const flags = ROLES.indexOf(e.r) | (e.fl ? FLAG_INFLECT : 0) | (e.px ? FLAG_PREFIX : 0) | (e.tl ? FLAG_TOLERANT : 0);
  const words = e.w.join(' ');
  if (e.cx) return [words, e.ki, flags, e.id, e.cs ?? 0, e.cx.join(' ')];
  return e.cs !== undefined ? [words, e.ki, flags, e.id, e.cs] : [words, e.ki, flags, e.id];
}

/** Stored host shard: hostname → publisher id. */
export type HostShard = Record<string, string>;

/** Stored record shard: record id → [display name, number of claims]. */
export type RecordShard = Record<string, [string, number]>;

/** A pin of a compiled rule: a term of any of `any` (concept ids), with one of `near` within `within` words if given. */
export interface CompiledPin {
  any: string[];
  near?: string[];
  within?: number;
  weight: number;
  /** Shown in "why this is marked"; `labels` by language, when the concept has them. */
  label: string;
  labels?: Record<string, string>;
}

/** A description rule as the content script evaluates it: every name is a concept id. */
export interface CompiledRule {
  /** Groups; each is a list of alternative concepts, one of which must be present. */
  all: string[][];
  pins: CompiledPin[];
  minPins: number;
  exclude: string[];
}

export interface IncidentInfo {
  id: string;
  title: string;
  claimCount: number;
  rules: CompiledRule[];
}

/** A concept as stored: its terms of every language in one list. */
export interface ConceptInfo {
  id: string;
  label: string;
  labels?: Record<string, string>;
  terms: string[];
  tolerant?: boolean;
  /** The rules that need this concept in a group: [incident id, rule index, the rule's groups]. */
  uses: [string, number, string[][]][];
}

export interface IndexMeta {
  format: number;
  gen: string;
  tokenShards: number;
  hostShards: number;
  recordShards: number;
  filter: { seed: number; blockLength: number; bytes: string };
  counts: { incidents: number; publishers: number; phrases: number; hosts: number };
  versions: { name: string; contentVersion: string }[];
}

/**
 * Endings a Russian or Tajik noun takes after a name (case endings; Tajik -ро, -и, -ҳо folded).
 * Longest first, so the longest ending is tried first.
 */
export const INFLECTION_ENDINGS = ['ами', 'ях', 'ом', 'ой', 'ов', 'ам', 'ах', 'ро', 'хо', 'а', 'у', 'е', 'ы', 'и', 'я', 'ю'];

/**
 * Case endings written onto a name in the Turkic Latin alphabets (Uzbek Ishqobodga, Ishqoboddagi,
 * ISHQOBODNING; Turkmen Işkoboddaky; Kazakh Işqobodğa; Azerbaijani İşkoboda), folded (ğ → g,
 * ı → i, ñ → n). Not the bare -i, which would take "Ishkobodi" for the name.
 */
export const LATIN_ENDINGS = ['gacha', 'dagi', 'daki', 'daky', 'dagy', 'ning', 'nin', 'nyn', 'dan', 'den', 'ga', 'ge', 'ka', 'qa', 'da', 'de', 'ta', 'te', 'ni', 'ny', 'a', 'e'];
/** Georgian case endings (იშქობოდის, იშქობოდზე, იშქობოდში, იშქობოდიდან). */
export const GEORGIAN_ENDINGS = ['იდან', 'ისთვის', 'ის', 'ში', 'ზე', 'თან', 'მა', 'ს', 'ი', 'ო'];
/** Armenian case endings and articles (Իշկոբոդի, Իշկոբոդում, Իշկոբոդից, Իշկոբոդը). */
export const ARMENIAN_ENDINGS = ['ում', 'ից', 'ով', 'ին', 'ի', 'ը', 'ն'];

/** The endings a name's last word may take, by the script it is written in. */
export function endingsFor(word: string): readonly string[] {
  const c = word.charCodeAt(word.length - 1);
  if (c >= 0x0400 && c <= 0x04ff) return INFLECTION_ENDINGS;
  if (c >= 0x10a0 && c <= 0x10ff) return GEORGIAN_ENDINGS;
  if (c >= 0x0530 && c <= 0x058f) return ARMENIAN_ENDINGS;
  if (c < 0x0250) return LATIN_ENDINGS;
  return [];
}

export function tokenShardOf(keyHash: number, shards: number): number {
  return keyHash & (shards - 1);
}

/** Shard of a hostname (already lower case, no trailing dot). */
export function hostShardOf(host: string, shards: number): number {
  return hashKey(host) & (shards - 1);
}

export const tokenShardKey = (gen: string, n: number): string => `idx:${gen}:t:${n}`;
export const hostShardKey = (gen: string, n: number): string => `idx:${gen}:h:${n}`;
export const incidentKey = (gen: string, id: string): string => `idx:${gen}:i:${id}`;
export const conceptKey = (gen: string, id: string): string => `idx:${gen}:c:${id}`;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The meta record and its decoded filter, or null when storage holds no index (or another format). */
export function parseMeta(value: unknown): { meta: IndexMeta; filter: XorFilter } | null {
  if (!isObj(value) || value.format !== INDEX_FORMAT || typeof value.gen !== 'string') return null;
  const f = value.filter;
  if (!isObj(f) || typeof f.bytes !== 'string' || typeof f.seed !== 'number' || typeof f.blockLength !== 'number') return null;
  if (typeof value.tokenShards !== 'number' || typeof value.hostShards !== 'number' || typeof value.recordShards !== 'number') return null;
  try {
    const meta = value as unknown as IndexMeta;
    return { meta, filter: { seed: f.seed, blockLength: f.blockLength, fingerprints: base64ToBytes(f.bytes) } };
  } catch {
    return null;
  }
}

/** Phrase entries from a stored shard; malformed entries are skipped, never trusted. */
export function parsePhraseShard(value: unknown): PhraseEntry[] {
  if (!Array.isArray(value)) return [];
  const out: PhraseEntry[] = [];
  for (const e of value) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'number' || typeof e[2] !== 'number' || typeof e[3] !== 'string') continue;
    const w = e[0].split(' ');
    const ki = e[1];
    const r = ROLES[e[2] & 3];
    if (!r || ki < 0 || ki >= w.length) continue;
    const entry: PhraseEntry = { k: keyAt(w, ki), w, ki, r, id: e[3] };
    if (e[2] & FLAG_INFLECT) entry.fl = 1;
    if (e[2] & FLAG_PREFIX) entry.px = 1;
    if (e[2] & FLAG_TOLERANT) entry.tl = 1;
    if (typeof e[4] === 'string') entry.cs = e[4];
    if (typeof e[5] === 'string' && e[5] !== '') entry.cx = e[5].split(' ');
    out.push(entry);
  }
  return out;
}

export function parseHostShard(value: unknown): Record<string, string> {
  if (!isObj(value)) return {};
  const out: Record<string, string> = {};
  for (const [h, v] of Object.entries(value)) if (typeof v === 'string') out[h] = v;
  return out;
}

export function parseRecordShard(value: unknown): Map<string, { name: string; claimCount: number }> {
  const out = new Map<string, { name: string; claimCount: number }>();
  if (!isObj(value)) return out;
  for (const [id, v] of Object.entries(value)) if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number') out.set(id, { name: v[0], claimCount: v[1] });
  return out;
}

export const recordShardKey = (gen: string, n: number): string => `idx:${gen}:r:${n}`;

export function recordShardOf(id: string, shards: number): number {
  return hashKey(id) & (shards - 1);
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isLabels = (v: unknown): v is Record<string, string> => isObj(v) && Object.values(v).every((x) => typeof x === 'string');

function parsePin(v: unknown): CompiledPin | null {
  if (!isObj(v) || !isStrings(v.any) || typeof v.weight !== 'number' || typeof v.label !== 'string') return null;
  const pin: CompiledPin = { any: v.any, weight: v.weight, label: v.label };
  if (isStrings(v.near)) pin.near = v.near;
  if (typeof v.within === 'number') pin.within = v.within;
  if (isLabels(v.labels)) pin.labels = v.labels;
  return pin;
}

function parseRule(v: unknown): CompiledRule | null {
  if (!isObj(v) || !Array.isArray(v.all) || !v.all.every(isStrings) || !Array.isArray(v.pins) || typeof v.minPins !== 'number' || !isStrings(v.exclude)) return null;
  const pins = v.pins.map(parsePin);
  if (pins.some((p) => p === null)) return null;
  return { all: v.all, pins: pins as CompiledPin[], minPins: v.minPins, exclude: v.exclude };
}

/** An incident's stored info; a rule that is not well formed is left out, never trusted. */
export function parseIncidentInfo(value: unknown): IncidentInfo | null {
  if (!isObj(value) || typeof value.id !== 'string' || typeof value.title !== 'string' || !Array.isArray(value.rules)) return null;
  const rules = value.rules.map(parseRule).filter((r): r is CompiledRule => r !== null);
  return { id: value.id, title: value.title, claimCount: typeof value.claimCount === 'number' ? value.claimCount : 0, rules };
}

export function parseConceptInfo(value: unknown): ConceptInfo | null {
  if (!isObj(value) || typeof value.id !== 'string' || typeof value.label !== 'string' || !isStrings(value.terms) || !Array.isArray(value.uses)) return null;
  const uses = value.uses.filter((u): u is [string, number, string[][]] => Array.isArray(u) && typeof u[0] === 'string' && typeof u[1] === 'number' && Array.isArray(u[2]) && u[2].every(isStrings));
  const info: ConceptInfo = { id: value.id, label: value.label, terms: value.terms, uses };
  if (isLabels(value.labels)) info.labels = value.labels;
  if (value.tolerant === true) info.tolerant = true;
  return info;
}
