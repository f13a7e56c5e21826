/**
 * Phrase lookup in a short string that is not page prose (og:site_name, a JSON-LD publisher name):
 * the same filter and verification the scanner uses, on one string.
 */
import type { PhraseEntry } from '../core/detection-index.ts';
import { WordScanner, verifyHit } from '../core/matcher.ts';
import type { IndexReader } from './index-reader.ts';

export async function findPhrasesInText(text: string, reader: IndexReader): Promise<PhraseEntry[]> {
  const words = new WordScanner(reader.filter);
  words.feed(text, 0);
  words.breakWord();
  const hits = words.hits;
  if (!hits.length) return [];
  const hashes: number[] = [];
  for (let h = 2; h < hits.length; h += 3) hashes.push(hits[h] as number);
  const entries = await reader.phrasesFor(hashes);
  const out: PhraseEntry[] = [];
  for (let h = 0; h < hits.length; h += 3) for (const m of verifyHit(text, hits[h + 1] as number, entries)) out.push(m.entry);
  return out;
}
