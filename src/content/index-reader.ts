/**
 * Reads the detection index from `storage.local` for this page: the meta record (with the word
 * filter) once, then only the shards that the page's words and hosts need, each once. Never wakes the
 * background: storage is read directly.
 */
import { normalizeHost } from '../core/hostname.ts';
import {
  META_KEY,
  conceptKey,
  hostShardKey,
  hostShardOf,
  incidentKey,
  parseHostShard,
  parseConceptInfo,
  parseIncidentInfo,
  parseMeta,
  parsePhraseShard,
  parseRecordShard,
  recordShardKey,
  recordShardOf,
  tokenShardKey,
  tokenShardOf,
  type ConceptInfo,
  type IncidentInfo,
  type IndexMeta,
  type PhraseEntry,
} from '../core/detection-index.ts';
import type { XorFilter } from '../core/xor-filter.ts';
import { storageLocalGet } from './ext.ts';

export class IndexReader {
  private tokenShards = new Map<number, PhraseEntry[]>();
  private hostShards = new Map<number, Record<string, string>>();
  private recordShards = new Map<number, Map<string, { name: string; claimCount: number }>>();
  private incidents = new Map<string, IncidentInfo | null>();
  private conceptInfos = new Map<string, ConceptInfo | null>();
  /**
   * Characters of JSON read from storage so far, counted only when `countBytes` is set (for the
   * benchmark: counting means serialising what was read, which a reader's page should not pay for).
   */
  bytesRead = 0;
  static countBytes = false;
  private count(raw: unknown): void {
    if (IndexReader.countBytes && raw !== undefined) this.bytesRead += JSON.stringify(raw).length;
  }

  private constructor(
    readonly meta: IndexMeta,
    readonly filter: XorFilter,
  ) {}

  /** The index, or null while none is stored (first install still writing it). */
  static async open(): Promise<IndexReader | null> {
    const got = await storageLocalGet([META_KEY]);
    const parsed = parseMeta(got[META_KEY]);
    if (!parsed) return null;
    const reader = new IndexReader(parsed.meta, parsed.filter);
    reader.bytesRead += parsed.meta.filter.bytes.length + 300;
    return reader;
  }

  /** Read into `cache` the shards of `wanted` it does not hold yet, in one storage call. */
  private async readShards<T>(wanted: Iterable<number>, cache: Map<number, T>, keyOf: (gen: string, n: number) => string, parse: (raw: unknown) => T): Promise<void> {
    const missing = [...wanted].filter((n) => !cache.has(n));
    if (!missing.length) return;
    const keys = missing.map((n) => keyOf(this.meta.gen, n));
    const got = await storageLocalGet(keys);
    missing.forEach((n, i) => {
      const raw = got[keys[i] as string];
      this.count(raw);
      cache.set(n, parse(raw));
    });
  }

  /** Phrase entries for the given key hashes (reads the shards not read yet, in one call). */
  async phrasesFor(keyHashes: Iterable<number>): Promise<PhraseEntry[]> {
    const want = new Set<number>();
    for (const h of keyHashes) want.add(tokenShardOf(h, this.meta.tokenShards));
    await this.readShards(want, this.tokenShards, tokenShardKey, parsePhraseShard);
    return [...want].flatMap((n) => this.tokenShards.get(n) ?? []);
  }

  /** The publisher a hostname belongs to (its own entry or the nearest parent domain's). */
  async publisherForHosts(hosts: Iterable<string>): Promise<Map<string, { id: string; nm: string }>> {
    const candidates = new Map<string, string[]>();
    for (const raw of hosts) {
      // The validator's and the compiler's normal form (a link's address may spell the host in
      // capitals or in Unicode); an address the parser refuses (an IPv6 literal) is looked up as written.
      const host = normalizeHost(raw) ?? raw.toLowerCase().replace(/\.$/, '');
      const parts = host.split('.');
      const chain: string[] = [];
      for (let i = 0; i < parts.length - 1; i++) chain.push(parts.slice(i).join('.'));
      candidates.set(raw, chain);
    }
    const shards = new Set<number>();
    for (const chain of candidates.values()) for (const h of chain) shards.add(hostShardOf(h, this.meta.hostShards));
    await this.readShards(shards, this.hostShards, hostShardKey, parseHostShard);
    const ids = new Map<string, string>();
    for (const [raw, chain] of candidates) {
      for (const h of chain) {
        const found = this.hostShards.get(hostShardOf(h, this.meta.hostShards))?.[h];
        if (found) {
          ids.set(raw, found);
          break;
        }
      }
    }
    const names = await this.records(ids.values());
    const out = new Map<string, { id: string; nm: string }>();
    for (const [raw, id] of ids) out.set(raw, { id, nm: names.get(id)?.name ?? id });
    return out;
  }

  /** Display name and claim count of records (read from their shards, once each). */
  async records(ids: Iterable<string>): Promise<Map<string, { name: string; claimCount: number }>> {
    const list = [...new Set(ids)];
    const shards = new Set(list.map((id) => recordShardOf(id, this.meta.recordShards)));
    await this.readShards(shards, this.recordShards, recordShardKey, parseRecordShard);
    const out = new Map<string, { name: string; claimCount: number }>();
    for (const id of list) {
      const r = this.recordShards.get(recordShardOf(id, this.meta.recordShards))?.get(id);
      if (r) out.set(id, r);
    }
    return out;
  }

  async incident(id: string): Promise<IncidentInfo | null> {
    if (!this.incidents.has(id)) {
      const key = incidentKey(this.meta.gen, id);
      const got = await storageLocalGet([key]);
      this.count(got[key]);
      this.incidents.set(id, parseIncidentInfo(got[key]));
    }
    return this.incidents.get(id) ?? null;
  }

  /** Concepts by id (those a page's words or a rule name), read once each, in one call. */
  async concepts(ids: Iterable<string>): Promise<Map<string, ConceptInfo>> {
    const want = [...new Set(ids)];
    const missing = want.filter((id) => !this.conceptInfos.has(id));
    if (missing.length) {
      const keys = missing.map((id) => conceptKey(this.meta.gen, id));
      const got = await storageLocalGet(keys);
      missing.forEach((id, i) => {
        const raw = got[keys[i] as string];
        this.count(raw);
        this.conceptInfos.set(id, parseConceptInfo(raw));
      });
    }
    const out = new Map<string, ConceptInfo>();
    for (const id of want) {
      const c = this.conceptInfos.get(id);
      if (c) out.set(id, c);
    }
    return out;
  }
}
