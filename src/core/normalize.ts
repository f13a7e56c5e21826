/**
 * Text folding for matching: one table lookup per UTF-16 code unit, so the scanner can fold and
 * tokenise a page's text in a single pass without building normalised copies of it.
 *
 * Folding: NFKD then base letter (diacritics dropped: Ishqóbod → ishqobod, ё → е, й → и), lower case,
 * Tajik letters to their Russian look-alikes (қ→к, ғ→г, ҳ→х, ҷ→ч, ӯ→у, ӣ→и), fullwidth ASCII to
 * ASCII. Soft hyphens, zero-width characters and combining marks are ignored inside words; every
 * other non-letter, non-digit (spaces of all kinds, hyphens, dashes, apostrophes, quotes) separates
 * words, so "Qala-i-Zal", "Qala i Zal" and "Qala‑i‑Zal" are the same three words.
 */

/** Fold result for a code unit that separates words. */
export const SEP = 1;
/** Fold result for a code unit that is ignored (inside or between words). */
export const IGNORE = 0;

/** Folded value for code units below this bound comes from the table; above it, from `foldHigh`. */
const TABLE_SIZE = 0x0530;

/** Russian look-alikes for Tajik (and other Cyrillic-script) letters without an NFKD decomposition. */
const CYRILLIC_EXTRA: Record<string, string> = {
  қ: 'к', ғ: 'г', ҳ: 'х', ҷ: 'ч', ӯ: 'у', ӣ: 'и', ҝ: 'к', ҡ: 'к', ң: 'н', ү: 'у', ұ: 'у', һ: 'х', ө: 'о', ә: 'а', і: 'и', ї: 'и', є: 'е', ў: 'у',
};

/** The fold table computed from the engine's Unicode data (what FOLD_TABLE holds, wherever it comes from). */
export function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(TABLE_SIZE);
  const letterOrDigit = /[\p{L}\p{N}]/u;
  const mark = /\p{M}/u;
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    if (mark.test(ch) || c === 0xad) {
      table[c] = IGNORE;
      continue;
    }
    if (!letterOrDigit.test(ch)) {
      table[c] = SEP;
      continue;
    }
    let base = ch.normalize('NFKD').charAt(0).toLowerCase();
    base = CYRILLIC_EXTRA[base] ?? base;
    // A decomposition that starts with something that is not a letter (rare compatibility forms):
    // keep the lower-cased character itself.
    if (!letterOrDigit.test(base)) base = ch.toLowerCase();
    const code = base.charCodeAt(0);
    table[c] = code > SEP ? code : SEP;
  }
  return table;
}

/**
 * The fold table as the build ships it: set by vite.config.ts (`define`) to the table computed once
 * at build time (`foldTableText`). Undefined in tests and tools, which compute it.
 */
declare const __SC_FOLD_TABLE__: string | undefined;

/** Where `foldTableText` puts a zero difference between a code unit and its folded value. */
const DELTA_ZERO = 0x600;

/**
 * The table as text, one character per code unit: a space for SEP, `!` for IGNORE, otherwise the
 * difference between the folded value and the code unit, offset by DELTA_ZERO (a letter that is its
 * own fold is one character repeated, which keeps the bundle small; every difference is under 0x530).
 */
export function foldTableText(table: Uint16Array): string {
  let text = '';
  table.forEach((v, c) => {
    text += v === SEP ? ' ' : v === IGNORE ? '!' : String.fromCharCode(DELTA_ZERO + v - c);
  });
  return text;
}

/** The table from `foldTableText`'s form. */
export function foldTableFrom(text: string): Uint16Array {
  const table = new Uint16Array(TABLE_SIZE);
  for (let c = 0; c < TABLE_SIZE; c++) {
    const v = text.charCodeAt(c);
    table[c] = v === 32 ? SEP : v === 33 ? IGNORE : c + v - DELTA_ZERO;
  }
  return table;
}

/**
 * Folded code units for U+0000–U+052F (Latin, Greek, Cyrillic and their supplements). Computing
 * it takes a page about 2 ms of its main thread (a Unicode normalisation and two property tests per
 * code unit), so the built extension carries it precomputed.
 */
export const FOLD_TABLE: Uint16Array =
  typeof __SC_FOLD_TABLE__ === 'string' ? foldTableFrom(__SC_FOLD_TABLE__) : buildFoldTable();

/**
 * Fold a code unit at or above U+0530. Called rarely on the pages this extension is for; written as
 * range checks so it allocates nothing.
 */
export function foldHigh(c: number): number {
  // Zero-width space/joiners, word joiner, BOM: ignored (pages use them to hint line breaks).
  if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff) return IGNORE;
  // General punctuation and spaces (U+2000–U+206F), CJK symbols, and other separators.
  if ((c >= 0x2000 && c <= 0x206f) || c === 0x3000 || (c >= 0x2e00 && c <= 0x2e7f)) return SEP;
  // Fullwidth ASCII letters and digits → ASCII.
  if (c >= 0xff01 && c <= 0xff5e) {
    const a = c - 0xfee0;
    if ((a >= 0x30 && a <= 0x39) || (a >= 0x61 && a <= 0x7a)) return a;
    if (a >= 0x41 && a <= 0x5a) return a + 32;
    return SEP;
  }
  // Combining mark blocks beyond the table.
  if ((c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f)) return IGNORE;
  // Latin Extended Additional (Vietnamese and others): fold through NFKD.
  if (c >= 0x1e00 && c <= 0x1eff) {
    const base = String.fromCharCode(c).normalize('NFKD').charCodeAt(0);
    return base < TABLE_SIZE ? (FOLD_TABLE[base] ?? SEP) : SEP;
  }
  // Arabic-script punctuation and digits separators; Arabic letters are word characters.
  if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4) return SEP;
  if (c >= 0xd800 && c <= 0xdfff) return c; // surrogate halves: part of a word in another script
  return c;
}

/** The folded value of one code unit: IGNORE, SEP, or the folded character code (> 1). */
export function foldCode(c: number): number {
  return c < TABLE_SIZE ? (FOLD_TABLE[c] as number) : foldHigh(c);
}

/** A word of a text, folded, with its place in the original string. */
export interface Token {
  /** Folded word. */
  text: string;
  /** Offset of its first code unit in the original text. */
  start: number;
  /** Offset just past its last code unit. */
  end: number;
}

/** The words of `text`, folded, with original offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let word = '';
  let start = -1;
  let end = -1;
  for (let i = 0; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f > SEP) {
      if (start < 0) start = i;
      word += String.fromCharCode(f);
      end = i + 1;
    } else if (f === SEP && start >= 0) {
      out.push({ text: word, start, end });
      word = '';
      start = -1;
    }
  }
  if (start >= 0) out.push({ text: word, start, end });
  return out;
}

/** The folded words of `text` joined by single spaces ("Ish­kobod  Outpost" → "ishkobod outpost"). */
export function foldText(text: string): string {
  return tokenize(text)
    .map((t) => t.text)
    .join(' ');
}

/** Length of the word prefix that keys the prefilter (see `keyOf`). */
export const KEY_PREFIX = 5;

/**
 * The prefilter key of a folded word: its first KEY_PREFIX characters (the whole word if shorter).
 * One lookup per word then covers whole words, inflected forms and word-beginning terms alike.
 */
export function keyOf(word: string): string {
  return word.length > KEY_PREFIX ? word.slice(0, KEY_PREFIX) : word;
}

/** FNV-1a over folded code units, the same hash the scanner computes while it reads the page. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Text as written, with ignorable code units removed and every run of separators turned into one
 * space: how case-sensitive names are compared ("Mondialisation.ca" and "Mondialisation ca" agree).
 */
export function visibleText(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = foldCode(c);
    if (f === IGNORE) continue;
    if (f === SEP) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += text[i];
  }
  return out;
}

