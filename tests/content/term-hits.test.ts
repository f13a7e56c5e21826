import { describe, expect, it } from 'vitest';
import type { PhraseEntry } from '../../src/core/detection-index.ts';
import { hashKey, keyAt } from '../../src/core/normalize.ts';
import { HitPhrases, mayBeName, verifyTermHits } from '../../src/content/descriptions.ts';
import type { PageText } from '../../src/content/page-text.ts';
import { Slices } from '../../src/content/slices.ts';

/** A term entry keyed by its word `ki`, as the index compiler writes it. */
function term(id: string, words: string[], ki: number, extra: Partial<PhraseEntry> = {}): PhraseEntry {
  return { k: keyAt(words, ki), w: words, ki, r: 'term', id, ...extra };
}

/** The terms of `entries` found in `texts` (one piece each, one run each), through the real word filter. */
async function termsIn(texts: string[], entries: PhraseEntry[], edges = new Map<number, number[]>()): Promise<{ piece: number; text: string; concept: string }[]> {
  const byHash = new Map<number, PhraseEntry[]>();
  for (const e of entries) byHash.set(hashKey(e.k), [...(byHash.get(hashKey(e.k)) ?? []), e]);
  // Every word start whose key is a term's, as the word filter passes them on.
  const hits: number[] = [];
  texts.forEach((text, piece) => {
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const hash = hashKey(keyAt([m[0].toLowerCase()], 0));
      if (byHash.has(hash)) hits.push(piece, m.index, hash);
    }
  });
  const page: PageText = { pieces: [], texts, edges, runs: texts.map((_, i) => i), hits };
  return ((await verifyTermHits(page, hits, byHash, new Slices())) ?? []).map((t) => ({ piece: t.piece, text: (texts[t.piece] as string).slice(t.at, t.at + 24), concept: t.concept }));
}

describe('term hits', () => {
  const entries = [
    term('border', ['border'], 0),
    term('attack', ['напад'], 0, { px: 1 }),
    // Keyed by a word in the middle and by the last one: the words before the key word count too.
    term('forces', ['security', 'forces', 'of'], 1),
    term('post', ['border', 'guard', 'post'], 2),
  ];

  it('finds one-word terms, a word beginning, and terms whose key word is not their first', async () => {
    const found = await termsIn(['Guards at the border.', 'После нападения на заставу', 'The security forces of the republic', 'a border guard post nearby'], entries);
    expect(found).toEqual([
      { piece: 0, text: 'border.', concept: 'border' },
      { piece: 1, text: 'нападения на заставу', concept: 'attack' },
      { piece: 2, text: 'security forces of the r', concept: 'forces' },
      { piece: 3, text: 'border guard post nearby', concept: 'border' },
      { piece: 3, text: 'border guard post nearby', concept: 'post' },
    ]);
  });

  it('does not take a word that only begins like a one-word term, nor a phrase cut by a block edge', async () => {
    // "borderline" is not "border"; in piece 1 a block edge (offset 9) stands between "security" and "forces of".
    const found = await termsIn(['a borderline case', 'security forces of them'], entries, new Map([[1, [9]]]));
    expect(found).toEqual([]);
  });
});

describe('name hits on the text already read', () => {
  // A long incident name keyed by a word that is common on regional news.
  const name: PhraseEntry = { k: keyAt(['tajik', 'uzbek', 'border', 'post'], 1), w: ['tajik', 'uzbek', 'border', 'post'], ki: 1, r: 'incident', id: 'x' };
  const names = new HitPhrases(new Map([[hashKey(name.k), [name]]]));
  const page = (texts: string[], runs: number[]): PageText => ({ pieces: [], texts, edges: new Map(), runs, hits: [] });
  const may = (p: PageText, piece: number, word: string): boolean => mayBeName(p, piece, (p.texts[piece] as string).indexOf(word), hashKey(name.k), names);

  it('drops a hit whose words spell no name, and keeps one that may', () => {
    const p = page(['Uzbek traders crossed at Oybek.', 'the Tajik-Uzbek border post was closed'], [0, 1]);
    expect(may(p, 0, 'Uzbek')).toBe(false);
    expect(may(p, 1, 'Uzbek')).toBe(true);
  });

  it('keeps a hit whose name may continue in the next piece of the same run of text', () => {
    // "<p>the Tajik-Uzbek <b>border post</b></p>": the pieces are read apart but are one run.
    expect(may(page(['the Tajik-Uzbek', ' border post'], [0, 0]), 0, 'Uzbek')).toBe(true);
    // The same words with a block edge between the pieces: not one name.
    expect(may(page(['the Tajik-Uzbek', ' border post'], [0, 1]), 0, 'Uzbek')).toBe(false);
  });
});
