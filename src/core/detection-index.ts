/**
 * The detection index: everything a content script needs to find mentions, compiled once by the
 * background from all datasets (bundled and packs) and kept in `storage.local`, where a content script
 * reads it without waking the worker.
 *
 * Layout (all keys start with `idx:`; `<g>` is the generation, so a rewrite never mixes old and new):
 * - `idx:meta`          IndexMeta: the word filter (xor filter, ~10 bits per key) and shard counts.
 *                       Written last: a content script sees either the old index or the new one.
 * - `idx:<g>:t:<n>`     StoredPhrase[]: names, bylines and description anchors whose key word hashes
 *                       to shard n. Read only for words that pass the filter.
 * - `idx:<g>:h:<n>`     host → publisher id, for the domains hashing to shard n. Read only for the
 *                       page's host (and its parents) and the hosts its links point to.
 * - `idx:<g>:r:<n>`     record id → [name, claim count], for the records hashing to shard n. Read
 *                       only for records the page has a match for (a badge's accessible name).
 * - `idx:<g>:i:<id>`    IncidentInfo: title, claim count and description rules of one incident.
 *
 * Phrases are short arrays and names live apart from them, once per record: with twenty thousand
 * publishers, each repeated field costs megabytes of storage and seconds of import.
 *
 * A page with no candidate reads `idx:meta` and one host shard per distinct host, whatever the size
 * of the data: the cost of a page does not grow with the number of incidents or publishers.
 */
import type { DescriptionRule } from './dataset-types.ts';
import { hashKey, keyOf } from './normalize.ts';
import { base64ToBytes, type XorFilter } from './xor-filter.ts';

export const INDEX_FORMAT = 2;
export const META_KEY = 'idx:meta';
export const INDEX_PREFIX = 'idx:';

export type EntryRole = 'incident' | 'publisher' | 'byline' | 'anchor';

/** One phrase to look for. Short field names: there may be tens of thousands in storage. */
export interface PhraseEntry {
  /** Prefilter key of the key word (`keyOf`). */
  k: string;
  /** The phrase's folded words. */
  w: string[];
  /** Index in `w` of the key word (the phrase's rarest word). */
  ki: number;
  /** The last word may carry grammatical endings (Ишкобода, Ишқободро). */
  fl?: 1;
  /** The last word is a word beginning (a `напад*` term). */
  px?: 1;
  r: EntryRole;
  /** Record id: the incident, or the publisher (for `publisher` and `byline`). */
  id: string;
  /** For case-sensitive names: the name as written; the page text must match it (or its capitals). */
  cs?: string;
}

/** A phrase as stored: [folded words joined by spaces, key word index, flags, record id, case-sensitive text?]. */
export type StoredPhrase = [string, number, number, string] | [string, number, number, string, string];

const ROLES: readonly EntryRole[] = ['incident', 'publisher', 'byline', 'anchor'];
const FLAG_INFLECT = 4;
const FLAG_PREFIX = 8;

/** The stored form of a phrase (the key is not stored: it follows from the words). */
export function encodePhrase(e: PhraseEntry): StoredPhrase {
  const flags = ROLES.indexOf(e.r) | (e.fl ? FLAG_INFLECT : 0) | (e.px ? FLAG_PREFIX : 0);
  const words = e.w.join(' ');
  return e.cs !== undefined ? [words, e.ki, flags, e.id, e.cs] : [words, e.ki, flags, e.id];
}

/** Stored host shard: hostname → publisher id. */
export type HostShard = Record<string, string>;

/** Stored record shard: record id → [display name, number of claims]. */
export type RecordShard = Record<string, [string, number]>;

export interface IncidentInfo {
  id: string;
  title: string;
  claimCount: number;
  rules: DescriptionRule[];
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
    const entry: PhraseEntry = { k: keyOf(w[ki] as string), w, ki, r, id: e[3] };
    if (e[2] & FLAG_INFLECT) entry.fl = 1;
    if (e[2] & FLAG_PREFIX) entry.px = 1;
    if (typeof e[4] === 'string') entry.cs = e[4];
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

export function parseIncidentInfo(value: unknown): IncidentInfo | null {
  if (!isObj(value) || typeof value.id !== 'string' || typeof value.title !== 'string' || !Array.isArray(value.rules)) return null;
  return { id: value.id, title: value.title, claimCount: typeof value.claimCount === 'number' ? value.claimCount : 0, rules: value.rules as DescriptionRule[] };
}
