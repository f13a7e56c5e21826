/**
 * The detection index: everything a content script needs to find mentions, compiled once by the
 * background from all datasets (bundled and packs) and kept in `storage.local`, where a content script
 * reads it without waking the worker.
 *
 * Layout (all keys start with `idx:`; `<g>` is the generation, so a rewrite never mixes old and new):
 * - `idx:meta`          IndexMeta: the word filter (xor filter, ~10 bits per key) and shard counts.
 *                       Written last: a content script sees either the old index or the new one.
 * - `idx:<g>:t:<n>`     PhraseEntry[]: names, bylines and description anchors whose key word hashes
 *                       to shard n. Read only for words that pass the filter.
 * - `idx:<g>:h:<n>`     HostShard: publisher domains hashing to shard n. Read only for the page's
 *                       host (and its parents) and the hosts its links point to.
 * - `idx:<g>:i:<id>`    IncidentInfo: title, claim count and description rules of one incident.
 *
 * A page with no candidate reads `idx:meta` and one host shard per distinct host, whatever the size
 * of the data: the cost of a page does not grow with the number of incidents or publishers.
 */
import type { DescriptionRule } from '../data/schema-types.ts';
import { hashKey } from './normalize.ts';
import { base64ToBytes, type XorFilter } from './xor-filter.ts';

export const INDEX_FORMAT = 1;
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
  /** Display name of the record. */
  nm: string;
  /** For case-sensitive names: the name as written; the page text must match it (or its capitals). */
  cs?: string;
}

export type HostShard = Record<string, { id: string; nm: string }>;

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
  if (typeof value.tokenShards !== 'number' || typeof value.hostShards !== 'number') return null;
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
  return value.filter(
    (e): e is PhraseEntry =>
      isObj(e) && typeof e.k === 'string' && Array.isArray(e.w) && e.w.every((w) => typeof w === 'string') && typeof e.ki === 'number' && typeof e.id === 'string' && typeof e.r === 'string' && typeof e.nm === 'string',
  );
}

export function parseHostShard(value: unknown): HostShard {
  if (!isObj(value)) return {};
  const out: HostShard = {};
  for (const [h, v] of Object.entries(value)) if (isObj(v) && typeof v.id === 'string' && typeof v.nm === 'string') out[h] = { id: v.id, nm: v.nm };
  return out;
}

export function parseIncidentInfo(value: unknown): IncidentInfo | null {
  if (!isObj(value) || typeof value.id !== 'string' || typeof value.title !== 'string' || !Array.isArray(value.rules)) return null;
  return { id: value.id, title: value.title, claimCount: typeof value.claimCount === 'number' ? value.claimCount : 0, rules: value.rules as DescriptionRule[] };
}
