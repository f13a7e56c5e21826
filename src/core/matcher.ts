/**
 * Matching, in two steps, both pure (no DOM) so the benchmark measures the code that ships:
 *
 * 1. `WordScanner` reads text once, folding each code unit through a table and hashing the first
 *    KEY_PREFIX letters of each word (or, in scripts without spaces, each pair of characters); a
 *    word whose key passes the xor filter is a *hit*. One pass, one filter probe per word, whatever
 *    the number of names in the data.
 * 2. `verifyHit` looks at the few words around a hit and checks the phrases of its index shard
 *    exactly (all words, word beginnings, grammatical endings, letter case where it matters, and
 *    for an organisation's name, the words around it). Description rules are evaluated in `rules.ts`.
 */
import { endingsFor, type PhraseEntry } from './detection-index.ts';
import { EXPAND_FIRST, EXPAND_LIMIT, EXPAND_SECOND, FOLD_TABLE, KEY_PREFIX, SEP, SOLO_MIN, TABLE_SIZE, foldHigh, isSolo, keyAt, tokenize, visibleText, type Token } from './normalize.ts';
import { wordMatches } from './terms.ts';
import { mayContain, type XorFilter } from './xor-filter.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

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
  /** The previous solo character (0 when the last letter was not one), where it was. */
  private solo = 0;
  private soloChunk = 0;
  private soloOffset = 0;
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
    let solo = this.solo;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const f = c < TABLE_SIZE ? (table[c] as number) : foldHigh(c);
      if (f > SEP) {
        if (f >= SOLO_MIN && isSolo(f)) {
          // A character of a script without spaces: a word of its own, keyed with the one before.
          if (len > 1 && mayContain(filter, h >>> 0)) hits.push(startChunk, start, h >>> 0);
          len = 0;
          if (solo !== 0) {
            const pair = Math.imul(Math.imul(FNV_OFFSET ^ solo, FNV_PRIME) ^ f, FNV_PRIME) >>> 0;
            if (mayContain(filter, pair)) hits.push(this.soloChunk, this.soloOffset, pair);
          }
          solo = f;
          this.soloChunk = chunk;
          this.soloOffset = i;
          continue;
        }
        solo = 0;
        if (len === 0) {
          startChunk = chunk;
          start = i;
          h = FNV_OFFSET;
        }
        if (f < EXPAND_LIMIT) {
          // One letter that folds to two (ş → sh).
          if (len < KEY_PREFIX) h = Math.imul(h ^ (EXPAND_FIRST[f] as number), FNV_PRIME);
          if (len + 1 < KEY_PREFIX) h = Math.imul(h ^ (EXPAND_SECOND[f] as number), FNV_PRIME);
          len += 2;
        } else {
          if (len < KEY_PREFIX) h = Math.imul(h ^ f, FNV_PRIME);
          len++;
        }
      } else if (f === SEP) {
        if (len > 1 && mayContain(filter, h >>> 0)) hits.push(startChunk, start, h >>> 0);
        len = 0;
        solo = 0;
      }
    }
    this.hash = h;
    this.len = len;
    this.startOffset = start;
    this.startChunk = startChunk;
    this.solo = solo;
  }

  /** End the current word (block boundary or end of text). */
  breakWord(): void {
    if (this.len > 1 && mayContain(this.filter, this.hash >>> 0)) this.hits.push(this.startChunk, this.startOffset, this.hash >>> 0);
    this.len = 0;
    this.solo = 0;
  }
}

/** A phrase found in a window of text: offsets are in that window. */
export interface PhraseMatch {
  entry: PhraseEntry;
  start: number;
  end: number;
  /** Token indices of its first and last word in the window's tokens. */
  first: number;
  last: number;
}

/** Whether the phrase `entry` is spelt by the tokens starting at `first`. */
export function phraseAt(tokens: readonly Token[], first: number, entry: PhraseEntry): boolean {
  const n = entry.w.length;
  if (first < 0 || first + n > tokens.length) return false;
  for (let j = 0; j < n; j++) {
    const w = entry.w[j] as string;
    const last = j === n - 1;
    const endings = last && entry.fl ? endingsFor(w) : null;
    if (!wordMatches((tokens[first + j] as Token).text, w, last, entry.px === 1, endings, entry.tl === 1 && j === entry.ki)) return false;
  }
  return true;
}

/**
 * The phrases of `entries` that the words around `hitOffset` spell out. `window` is the text around
 * the hit (enough words before it for the longest phrase); `tokens` may be passed when the caller
 * already tokenised it.
 */
export function verifyHit(window: string, hitOffset: number, entries: readonly PhraseEntry[], tokens: Token[] = tokenize(window)): PhraseMatch[] {
  const t = tokens.findIndex((tok) => tok.start <= hitOffset && hitOffset < tok.end);
  if (t < 0) return [];
  const hit = tokens[t] as Token;
  const next = tokens[t + 1];
  const key = keyAt(next && next.start === hit.end ? [hit.text, next.text] : [hit.text], 0);
  const out: PhraseMatch[] = [];
  for (const entry of entries) {
    if (entry.k !== key) continue;
    const first = t - entry.ki;
    if (!phraseAt(tokens, first, entry)) continue;
    const lastIdx = first + entry.w.length - 1;
    const start = (tokens[first] as Token).start;
    const end = (tokens[lastIdx] as Token).end;
    // A phrase never runs across a block's edge or a line break.
    if (lastIdx > first && window.slice(start, end).includes(BLOCK_EDGE)) continue;
    if (entry.cs !== undefined) {
      const seen = visibleText(window.slice(start, end));
      // "Global Research" as a name, or in a headline set in capitals; not "global research".
      if (seen !== entry.cs && seen !== entry.cs.toUpperCase()) continue;
    }
    if (entry.r === 'publisher' && !standsAlone(window, tokens, first, lastIdx, entry)) continue;
    out.push({ entry, start, end, first, last: lastIdx });
  }
  return out;
}

/** Block and line edges in a window of page text (see text windows in the content script). */
export const BLOCK_EDGE = '\u2029';

/**
 * Whether only spaces lie between two words: no punctuation, and no block edge or `<br>` (which the
 * content script's windows mark with BLOCK_EDGE; a newline of the page's source is only a space).
 */
function spaceOnly(gap: string): boolean {
  return gap.length > 0 && /^[\s\u00a0\u200b\u00ad]+$/.test(gap) && !gap.includes(BLOCK_EDGE);
}

/** Words that join an organisation's name to what it is of or for ("Institute for", "Centre of"). */
const CONNECTORS = new Set('for of on and de du des la le di del della per sulla sur sobre para do da van von für zur'.split(' '));
/** Words that make a longer organisation's name of the words before them ("… Research Council"). */
const ORG_NOUNS = new Set(
  'council forum institute institution centre center foundation network group initiative society association programme program project agency fund trust alliance unit office laboratory lab labs department school journal review consortium committee board academy university college partners partnership services corporation company award awards conference summit fellowship prize centro instituto institut'.split(' '),
);
/** Month names after a publisher's name: a dateline, not the rest of another name. */
const MONTHS = new Set('january february march april may june july august september october november december'.split(' '));

/**
 * Whether a publisher's name found at tokens[first..last] is the publisher's and not part of a
 * longer name of another body: the words before it count ("Halvorsen Institute for Global
 * Research", "European Centre for Research on Globalization"), and for a name in ordinary words,
 * the words after ("Global Research Council"), except a dateline or a place that closes the phrase
 * ("Global Research Montreal”"). A line or block edge always ends a name.
 */
function standsAlone(window: string, tokens: readonly Token[], first: number, last: number, entry: PhraseEntry): boolean {
  const generic = entry.cs !== undefined || ORG_NOUNS.has(entry.w[0] as string);
  if (!generic) return true;
  const prev = tokens[first - 1];
  let titleCase = false;
  if (prev && spaceOnly(window.slice(prev.end, (tokens[first] as Token).start))) {
    const before = tokens[first - 2];
    const sentenceStart = !before || !spaceOnly(window.slice(before.end, prev.start));
    if (isCapitalised(window, prev.start)) {
      if (!sentenceStart) return false;
      titleCase = true;
    } else if (CONNECTORS.has(prev.text) && before && !sentenceStart && isCapitalised(window, before.start)) return false;
  }
  if (entry.cs === undefined) return true;
  const next = tokens[last + 1];
  if (!next || !spaceOnly(window.slice((tokens[last] as Token).end, next.start)) || !isCapitalised(window, next.start)) return true;
  if (MONTHS.has(next.text)) return true;
  if (titleCase || ORG_NOUNS.has(next.text)) return false;
  // One capitalised word that closes the phrase is a place ("Global Research Montreal”").
  const after = tokens[last + 2];
  return !after || !spaceOnly(window.slice(next.end, after.start));
}

/** Whether the word at `at` starts with a capital letter (and is not all digits). */
function isCapitalised(text: string, at: number): boolean {
  const ch = text.charAt(at);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
