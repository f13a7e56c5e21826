/**
 * The index reader's phrase shards: each read once while a page needs it, and no more of them kept
 * after a scan than KEEP_TOKEN_SHARDS, whatever the size of the data (a big pack has thousands; a
 * page's chance hits on common words read dozens).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INDEX_FORMAT, META_KEY, encodePhrase, tokenShardKey } from '../../src/core/detection-index.ts';
import { bytesToBase64 } from '../../src/core/xor-filter-build.ts';

const SHARDS = 64;
const storage: Record<string, unknown> = {
  [META_KEY]: {
    format: INDEX_FORMAT,
    gen: 'g',
    tokenShards: SHARDS,
    hostShards: 1,
    recordShards: 1,
    filter: { seed: 0, blockLength: 0, bytes: bytesToBase64(new Uint8Array(0)) },
    counts: { incidents: 0, publishers: SHARDS, phrases: SHARDS, hosts: 0 },
    versions: [],
  },
};
// One phrase per shard; shard n is what key hash n maps to (hash & (SHARDS - 1)).
for (let n = 0; n < SHARDS; n++) storage[tokenShardKey('g', n)] = [encodePhrase({ k: `w${n}`, w: [`word${n}`], ki: 0, r: 'publisher', id: `p${n}` })];

const reads: string[][] = [];
vi.mock('../../src/content/ext.ts', () => ({
  storageLocalGet: async (keys: string[]) => {
    reads.push(keys);
    return Object.fromEntries(keys.filter((k) => k in storage).map((k) => [k, structuredClone(storage[k])]));
  },
}));

const { IndexReader, KEEP_TOKEN_SHARDS } = await import('../../src/content/index-reader.ts');

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('phrase shards', () => {
  beforeEach(() => {
    reads.length = 0;
  });

  it('reads the shards a scan needs in one call and keeps only the most recently used between scans', async () => {
    const reader = await IndexReader.open();
    if (!reader) throw new Error('no index');
    reads.length = 0;
    const first = await reader.phrasesFor(range(0, 20));
    expect(first.map((e) => e.id)).toEqual(range(0, 20).map((n) => `p${n}`));
    expect(reads).toEqual([range(0, 20).map((n) => tokenShardKey('g', n))]);
    // The last ones used are still held; the others are read again, once.
    const again = await reader.phrasesFor(range(0, 20));
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(reads[1]).toEqual(range(0, 20 - KEEP_TOKEN_SHARDS).map((n) => tokenShardKey('g', n)));
    await reader.phrasesFor(range(20 - KEEP_TOKEN_SHARDS, 20));
    expect(reads).toHaveLength(2);
  });
});
