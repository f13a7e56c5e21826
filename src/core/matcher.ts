/**
 * Matching, in two steps, both pure (no DOM) so the benchmark measures the code that ships:
 *
 * 1. `WordScanner` reads text once, folding each code unit through a table and hashing the first
 *    KEY_PREFIX letters of each word; a word whose key passes the xor filter is a *hit*. One pass,
 *    one filter probe per word, whatever the number of names in the data.
 * 2. `verifyHit` looks at the few words around a hit and checks the phrases of its index shard
 *    exactly (all words, word beginnings, grammatical endings, letter case where it matters).
 *    `evaluateRules` checks a block of text against an incident's description rules.
 */
import type { DescriptionRule } from './dataset-types.ts';
import { INFLECTION_ENDINGS, type PhraseEntry } from './detection-index.ts';
import { FOLD_TABLE, KEY_PREFIX, SEP, foldHigh, keyOf, tokenize, visibleText, type Token } from './normalize.ts';
import { mayContain, type XorFilter } from './xor-filter.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const TABLE_LIMIT = 0x0530;

/**
 * Streams text (a page's text in document order, as one string or in pieces) and reports hits as
 * flat triples `[chunk, offset, keyHash, …]` in `hits`. A word may continue from one piece into the
 * next (`Ish<b>kobod</b>`); `breakWord()` ends the current word at a block boundary.
 */
export class WordScanner {
  private hash = FNV_OFFSET;
  private len = 0;
  private startChunk = 0;
  private startOffset = 0;
  constructor(
    private readonly filter: XorFilter,
    readonly hits: number[] = [],
  ) {}

  /** Read `text` (one piece, numbered `chunk`; hit offsets are relative to it). */
  feed(text: string, chunk: number): void {
    this.feedRange(text, 0, text.length, chunk);
  }

  /** Read `text[from, to)`; hit offsets are offsets in `text`, so a long text can be read in slices. */
  feedRange(text: string, from: number, to: number, chunk: number): void {
    const table = FOLD_TABLE;
    const filter = this.filter;
    const hits = this.hits;
    let h = this.hash;
    let len = this.len;
    let start = this.startOffset;
    let startChunk = this.startChunk;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const f = c < TABLE_LIMIT ? (table[c] as number) : foldHigh(c);
      if (f > SEP) {
        if (len === 0) {
          startChunk = chunk;
          start = i;
          h = FNV_OFFSET;
        }
        if (len < KEY_PREFIX) h = Math.imul(h ^ f, FNV_PRIME);
        len++;
      } else if (f === SEP) {
        if (len > 1 && mayContain(filter, h >>> 0)) hits.push(startChunk, start, h >>> 0);
        len = 0;
      }
    }
    this.hash = h;
    this.len = len;
    this.startOffset = start;
    this.startChunk = startChunk;
  }

  /** End the current word (block boundary or end of text). */
  breakWord(): void {
    if (this.len > 1 && mayContain(this.filter, this.hash >>> 0)) this.hits.push(this.startChunk, this.startOffset, this.hash >>> 0);
    this.len = 0;
  }
}

function wordMatches(token: string, word: string, last: boolean, entry: PhraseEntry): boolean {
  if (token === word) return true;
  if (!last || !token.startsWith(word)) return false;
  if (entry.px) return true;
  if (entry.fl) return INFLECTION_ENDINGS.includes(token.slice(word.length));
  return false;
}

/** A phrase found in a window of text: offsets are in that window. */
export interface PhraseMatch {
  entry: PhraseEntry;
  start: number;
  end: number;
}

/**
 * The phrases of `entries` that the words around `hitOffset` spell out. `window` is the text around
 * the hit (enough words before it for the longest phrase); `tokens` may be passed when the caller
 * already tokenised it.
 */
export function verifyHit(window: string, hitOffset: number, entries: readonly PhraseEntry[], tokens: Token[] = tokenize(window)): PhraseMatch[] {
  const t = tokens.findIndex((tok) => tok.start <= hitOffset && hitOffset < tok.end);
  if (t < 0) return [];
  const hitWord = tokens[t] as Token;
  const key = keyOf(hitWord.text);
  const out: PhraseMatch[] = [];
  for (const entry of entries) {
    if (entry.k !== key) continue;
    const first = t - entry.ki;
    const lastIdx = first + entry.w.length - 1;
    if (first < 0 || lastIdx >= tokens.length) continue;
    let ok = true;
    for (let j = 0; j < entry.w.length; j++) {
      if (!wordMatches((tokens[first + j] as Token).text, entry.w[j] as string, j === entry.w.length - 1, entry)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const start = (tokens[first] as Token).start;
    const end = (tokens[lastIdx] as Token).end;
    if (entry.cs !== undefined) {
      const seen = visibleText(window.slice(start, end));
      // "Global Research" as a name, or in a headline set in capitals; not "global research".
      if (seen !== entry.cs && seen !== entry.cs.toUpperCase()) continue;
      // A capitalised word right after continues another proper name ("Global Research Council").
      const next = tokens[lastIdx + 1];
      if (next && /^\s+$/.test(window.slice(end, next.start)) && isCapitalised(window, next.start)) continue;
    }
    out.push({ entry, start, end });
  }
  return out;
}

/** Occurrences of a term (`word word*`) in tokenised text, as token index ranges. */
const parsedTerms = new Map<string, { words: string[]; prefix: boolean }>();

/** A term's folded words, parsed once per term (rules are evaluated on many paragraphs). */
function parseTerm(term: string): { words: string[]; prefix: boolean } {
  let parsed = parsedTerms.get(term);
  if (!parsed) {
    const trimmed = term.trim();
    const prefix = trimmed.endsWith('*');
    parsed = { words: tokenize(prefix ? trimmed.slice(0, -1) : trimmed).map((x) => x.text), prefix };
    if (parsedTerms.size < 20_000) parsedTerms.set(term, parsed);
  }
  return parsed;
}

function findTerm(tokens: readonly Token[], term: string): { first: number; last: number } | null {
  const { words, prefix } = parseTerm(term);
  if (words.length === 0) return null;
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let j = 0; j < words.length; j++) {
      const tok = (tokens[i + j] as Token).text;
      const w = words[j] as string;
      const isLast = j === words.length - 1;
      if (!(tok === w || (isLast && prefix && tok.startsWith(w)))) continue outer;
    }
    return { first: i, last: i + words.length - 1 };
  }
  return null;
}

/** Why a block was taken for a description of an incident. */
export interface DescriptionMatch {
  /** 0..1: the summed weight of the pins found. */
  confidence: number;
  /** The page's words for each required group, then the labels of the pins found. */
  evidence: string[];
  /** Offsets (in the block text) of the words the match rests on, for highlighting. */
  spans: { start: number; end: number }[];
}

/**
 * The best description match of `text` (a paragraph or block) against `rules`, or null. A rule
 * matches when every group of `all` has a term in the text, at least `minPins` pins are present and
 * no `exclude` term is.
 */
export function evaluateRules(text: string, rules: readonly DescriptionRule[]): DescriptionMatch | null {
  const tokens = tokenize(text);
  let best: DescriptionMatch | null = null;
  for (const rule of rules) {
    if (rule.exclude.some((term) => findTerm(tokens, term))) continue;
    const evidence: string[] = [];
    const spans: { start: number; end: number }[] = [];
    let allFound = true;
    for (const group of rule.all) {
      let found: { first: number; last: number } | null = null;
      for (const term of group) if ((found = findTerm(tokens, term))) break;
      if (!found) {
        allFound = false;
        break;
      }
      const start = (tokens[found.first] as Token).start;
      const end = (tokens[found.last] as Token).end;
      spans.push({ start, end });
      evidence.push(visibleText(text.slice(start, end)));
    }
    if (!allFound) continue;
    let pins = 0;
    let weight = 0;
    for (const pin of rule.pins) {
      const hit = pin.terms.map((term) => findTerm(tokens, term)).find((x) => x);
      if (!hit) continue;
      pins++;
      weight += pin.weight;
      evidence.push(pin.label);
      spans.push({ start: (tokens[hit.first] as Token).start, end: (tokens[hit.last] as Token).end });
    }
    if (pins < rule.minPins) continue;
    const confidence = Math.min(1, Math.round(weight * 100) / 100);
    if (!best || confidence > best.confidence) best = { confidence, evidence, spans };
  }
  return best;
}

/** Whether the word at `at` starts with a capital letter (and is not all digits). */
function isCapitalised(text: string, at: number): boolean {
  const ch = text.charAt(at);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
