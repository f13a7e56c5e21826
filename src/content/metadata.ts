/**
 * What a page says about its own publisher outside its prose (og:site_name, a JSON-LD publisher,
 * application-name), and phrase lookup in such a short string: the same filter and verification
 * the scanner uses, on one string.
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

/** Page statements about its publisher: og:site_name, application-name, publisher and author meta, JSON-LD publisher. */
export function metadataNames(): string[] {
  const names: string[] = [];
  for (const sel of ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]', 'meta[name="author"]']) {
    const v = document.querySelector(sel)?.getAttribute('content');
    if (v) names.push(v.slice(0, 200));
  }
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > 100_000) continue;
    try {
      collectPublisherNames(JSON.parse(text), names, 0);
    } catch {
      // The page's own malformed JSON-LD: nothing to learn from it.
    }
  }
  return names;
}

function collectPublisherNames(v: unknown, out: string[], depth: number): void {
  if (depth > 6 || out.length > 20 || typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) collectPublisherNames(x, out, depth + 1);
    return;
  }
  const o = v as Record<string, unknown>;
  for (const key of ['publisher', 'sourceOrganization', 'provider']) {
    const p = o[key];
    if (typeof p === 'string') out.push(p.slice(0, 200));
    else if (p && typeof p === 'object' && typeof (p as Record<string, unknown>).name === 'string') out.push(((p as Record<string, unknown>).name as string).slice(0, 200));
  }
  if (Array.isArray(o['@graph'])) collectPublisherNames(o['@graph'], out, depth + 1);
}
