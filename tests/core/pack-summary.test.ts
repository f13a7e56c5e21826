import { describe, expect, it } from 'vitest';
import { parseOrigins, parsePackOrigin } from '../../src/core/origin.ts';
import { summarizePack } from '../../src/core/pack-summary.ts';
import { parsePackPreview } from '../../src/core/replies.ts';
import { bundledDataset, samplePack } from '../sample-data.ts';

describe('summarizePack: what the reader is asked to trust', () => {
  it('names the curator, counts the records, lists the hosts in normal form and the bundled incident it extends', () => {
    const pack = samplePack();
    pack.publishers[0]!.domains = ['WWW.Regional.example.', 'regional.example', 'вестник.example'];
    const s = summarizePack(pack, [bundledDataset()]);
    expect(s.origin).toEqual({ packId: 'regional-press', packName: 'regional-press', curator: pack.pack!.curator, version: 2, date: '2026-02-01' });
    expect(s.counts).toEqual({ incidents: 0, claims: 1, publishers: 1, authors: 1 });
    expect(s.domains).toEqual(['regional.example', 'xn--b1agjinxh.example']);
    expect(s.extends).toEqual([{ id: 'ishkobod-2019', title: bundledDataset().incidents[0]!.title, dataset: 'bundled', claims: 1 }]);
  });

  it('lists no incident it only adds to itself', () => {
    const pack = samplePack();
    pack.claims = [];
    expect(summarizePack(pack, [bundledDataset()]).extends).toEqual([]);
  });

  it('survives a reply: the preview read back is the summary', () => {
    const s = summarizePack(samplePack(), [bundledDataset()]);
    expect(parsePackPreview(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});

describe('origins from a reply', () => {
  it('keeps well-formed origins and drops the rest', () => {
    const good = { packId: 'p', packName: 'P', curator: { name: 'C', homepage: 'https://c.example/', contact: 'c@c.example' }, version: 1, date: '2026-01-01' };
    expect(parseOrigins({ 'claim:a-b': good, 'claim:Bad Key': good, 'author:x': { packName: '' }, 'incident:i': 'bundled' })).toEqual({ 'claim:a-b': good });
    expect(parsePackOrigin({ packName: 'Old pack', curator: { name: 'no page' }, version: -1 })).toEqual({ packId: '', packName: 'Old pack' });
  });
});
