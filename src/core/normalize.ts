/**
 * Text folding for matching: one table lookup per UTF-16 code unit, so the scanner can fold and
 * tokenise a page's text in a single pass without building normalised copies of it.
 *
 * Folding: NFKD then base letter (diacritics dropped: Ishqóbod → ishqobod, ё → е, й → и), lower case,
 * Tajik letters to their Russian look-alikes (қ→к, ғ→г, ҳ→х, ҷ→ч, ӯ→у, ӣ→и), fullwidth ASCII to
 * ASCII, every script's digits to ASCII digits (۱۵ → 15). Soft hyphens, zero-width characters and
 * combining marks are ignored inside words; every other non-letter, non-digit (spaces of all kinds,
 * hyphens, dashes, apostrophes, quotes) separates words, so "Qala-i-Zal", "Qala i Zal" and
 * "Qala‑i‑Zal" are the same three words.
 *
 * What the scripts of the coverage need on top of that:
 * - Turkic Latin: ş and ç are one letter each for "sh" and "ch", so they fold to two letters
 *   (İşkobod, Işqobod → ishkobod, ishqobod, the Uzbek and English spellings); dotless ı and dotted İ
 *   both fold to i, whatever the case rules of the language would say. The Uzbek ʻ (oʻ, gʻ) is
 *   ignored, so Oʻzbekiston → ozbekiston.
 * - Arabic script: the letter variants Arabic, Persian, Urdu and Pashto write for one sound fold to
 *   one letter (ي/ی/ى/ے → ي, ك/ک → ك, ه/ە/ہ/ھ/ة → ه, أ/إ/آ/ٱ → ا, ؤ → و); tatweel and harakat are
 *   ignored. The zero-width non-joiner separates words, as a space does: Persian writes
 *   عشق‌آباد, عشق آباد and (less often) عشقآباد for one name, and the first two are then the same
 *   two words.
 * - Greek: accents dropped, final ς → σ. Hebrew: final letters → their ordinary forms.
 *   Devanagari and Bengali: virama and nukta ignored (इश्कोबोद = इशकोबोद).
 * - Scripts written without spaces (Chinese, Japanese kana, and Korean, whose particles attach to
 *   the word): each character is a word of its own (`isSolo`), and a phrase is a run of them; the
 *   scanner keys them by two characters at a time (see `keyAt`).
 *
 * Longer than most files (about 320 lines) because the folding of every script sits in one place,
 * next to the table and the tokeniser that apply it, so the two sides of a match cannot drift apart.
 */

/** Fold result for a code unit that separates words. */
export const SEP = 1;
/** Fold result for a code unit that is ignored (inside or between words). */
export const IGNORE = 0;

/**
 * Fold results 2..EXPAND_LIMIT-1 stand for a letter that folds to two letters (ş → sh): the table
 * stays one 16-bit value per code unit, and the scanner pays one comparison per letter for it.
 */
export const EXPAND_LIMIT = 6;
const EXPANSIONS: readonly string[] = ['', '', 'sh', 'ch', 'ss', 'եւ'];
const EXP_SH = 2;
const EXP_CH = 3;
const EXP_SS = 4;
const EXP_EW = 5;
/** The two letters a fold result below EXPAND_LIMIT stands for. */
export const EXPAND_FIRST: readonly number[] = EXPANSIONS.map((s) => s.charCodeAt(0) || 0);
export const EXPAND_SECOND: readonly number[] = EXPANSIONS.map((s) => s.charCodeAt(1) || 0);

/** Folded value for code units below this bound comes from the table; above it, from `foldHigh`. */
export const TABLE_SIZE = 0x0700;

/** Russian look-alikes for Tajik (and other Cyrillic-script) letters without an NFKD decomposition. */
const CYRILLIC_EXTRA: Record<string, string> = {
  қ: 'к', ғ: 'г', ҳ: 'х', ҷ: 'ч', ӯ: 'у', ӣ: 'и', ҝ: 'к', ҡ: 'к', ң: 'н', ү: 'у', ұ: 'у', һ: 'х', ө: 'о', ә: 'а', і: 'и', ї: 'и', є: 'е', ў: 'у',
};

/** Code units whose fold the generic rule (NFKD, base letter, lower case) gets wrong for matching. */
function overrides(): [number[], number][] {
  const A = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));
  const digits = (from: number): [number[], number][] => Array.from({ length: 10 }, (_, d) => [[from + d], 0x30 + d]);
  return [
    [A('ı'), 0x69], // Turkish dotless i: folded with i, as İ is
    [A('ςϲ'), 0x03c3], // Greek final and lunate sigma
    [A('şŞșȘ'), EXP_SH],
    [A('çÇ'), EXP_CH],
    [A('ß'), EXP_SS],
    [A('և'), EXP_EW], // the Armenian ligature of ե and ւ
    [A('ʹʻʼʾʿ'), IGNORE], // modifier letters written as apostrophes inside words (Oʻzbekiston)
    [A('՛՜՞'), IGNORE], // Armenian stress, exclamation and question marks sit on a letter inside the word
    [A('ـ'), IGNORE], // Arabic tatweel (kashida), drawn-out letters
    [A('آأإٱٲٳٵ'), 0x0627], // alef with madda, hamza or wasla → alef
    [A('ىیێېۍےۓئ'), 0x064a], // the yeh forms → Arabic yeh
    [A('کڪ'), 0x0643], // Persian and swash kaf → Arabic kaf
    [A('ةۀہۂۃھە'), 0x0647], // teh marbuta, Urdu and Kurdish heh forms → heh
    [A('ؤ'), 0x0648],
    [A('٪٫٬۔'), SEP], // Arabic percent, decimal and thousands signs, Urdu full stop
    [A('ךםןףץ'), -1], // Hebrew final letters: handled below (each to the letter after it)
    ...digits(0x0660), // Arabic-Indic digits
    ...digits(0x06f0), // Persian (Extended Arabic-Indic) digits
  ];
}

function buildTable(): Uint16Array {
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
    table[c] = code >= EXPAND_LIMIT ? code : SEP;
  }
  for (const [codes, value] of overrides()) {
    // Hebrew final forms (ך ם ן ף ץ) each come right before their ordinary form in Unicode.
    for (const c of codes) table[c] = value === -1 ? c + 1 : value;
  }
  return table;
}

/** Folded code units for U+0000–U+06FF (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic). */
export const FOLD_TABLE: Uint16Array = buildTable();

/** The lowest code a solo character (see `isSolo`) can have: the scanner checks this bound first. */
export const SOLO_MIN = 0x3005;

/**
 * Characters of scripts written without spaces between words (Han, kana, Hangul): each is a word
 * of its own for matching. Takes a folded code (at least SOLO_MIN to be worth calling).
 */
export function isSolo(f: number): boolean {
  return (
    (f >= 0x4e00 && f <= 0x9fff) || // CJK unified ideographs
    (f >= 0xac00 && f <= 0xd7af) || // Hangul syllables
    (f >= 0x3040 && f <= 0x30ff) || // Hiragana, Katakana (the middle dot folds to SEP before this)
    (f >= 0x3400 && f <= 0x4dbf) || // CJK extension A
    (f >= 0xf900 && f <= 0xfaff) || // CJK compatibility ideographs
    (f >= 0x3131 && f <= 0x318e) || // Hangul compatibility jamo
    (f >= 0x31f0 && f <= 0x31ff) || // Katakana phonetic extensions
    (f >= 0xff66 && f <= 0xff9f) || // halfwidth Katakana
    (f >= 0x3005 && f <= 0x3007) // 々 〆 〇
  );
}

/** Whether a folded word is one solo character (a CJK "word" in a phrase). */
export function isSoloWord(w: string): boolean {
  return w.length === 1 && w.charCodeAt(0) >= SOLO_MIN && isSolo(w.charCodeAt(0));
}

/** NFKD base of `c`, folded through the table; SEP when it has none there. */
function foldViaNfkd(c: number): number {
  const base = String.fromCharCode(c).normalize('NFKD').charCodeAt(0);
  return base < TABLE_SIZE ? (FOLD_TABLE[base] as number) : SEP;
}

/**
 * Fold a code unit at or above U+0700. Written as range checks so it allocates nothing; the common
 * case on the pages this extension is for (punctuation in U+2000–U+206F) is checked early.
 */
export function foldHigh(c: number): number {
  // Zero-width space and joiner, word joiner, BOM: ignored (pages use them to hint line breaks).
  if (c === 0x200b || c === 0x200d || c === 0x2060 || c === 0xfeff) return IGNORE;
  // The zero-width non-joiner separates words (Persian عشق‌آباد = عشق آباد); other general
  // punctuation and spaces (U+2000–U+206F), supplemental punctuation.
  if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x2e00 && c <= 0x2e7f)) return SEP;
  // CJK symbols and punctuation (、。「」 and the ideographic space), except 々 〆 〇, which are letters.
  if (c >= 0x3000 && c <= 0x303f) return c >= 0x3005 && c <= 0x3007 ? c : SEP;
  if (c === 0x30fb || c === 0x30a0) return SEP; // katakana middle dot and double hyphen: ヒズブ・ウッ・タフリール
  // Fullwidth ASCII letters and digits → ASCII.
  if (c >= 0xff01 && c <= 0xff5e) {
    const a = c - 0xfee0;
    if ((a >= 0x30 && a <= 0x39) || (a >= 0x61 && a <= 0x7a)) return a;
    if (a >= 0x41 && a <= 0x5a) return a + 32;
    return SEP;
  }
  if (c >= 0xff5f && c <= 0xff65) return SEP; // fullwidth and halfwidth brackets and punctuation
  // Devanagari: virama and nukta ignored, danda separates, digits → ASCII.
  if (c >= 0x0900 && c <= 0x097f) {
    if (c === 0x094d || c === 0x093c) return IGNORE;
    if (c === 0x0964 || c === 0x0965) return SEP;
    if (c >= 0x0966 && c <= 0x096f) return c - 0x0966 + 0x30;
    return c;
  }
  // Bengali: the same.
  if (c >= 0x0980 && c <= 0x09ff) {
    if (c === 0x09cd || c === 0x09bc) return IGNORE;
    if (c >= 0x09e6 && c <= 0x09ef) return c - 0x09e6 + 0x30;
    return c;
  }
  // Combining mark blocks beyond the table.
  if ((c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f)) return IGNORE;
  // Latin Extended Additional (Vietnamese and others) and Greek Extended: fold through NFKD.
  if (c >= 0x1e00 && c <= 0x1fff) return c === 0x1e9e ? EXP_SS : foldViaNfkd(c);
  // Georgian Mtavruli capitals → Mkhedruli.
  if (c >= 0x1c90 && c <= 0x1cbf) return c - 0x1c90 + 0x10d0;
  // Arabic presentation forms (old PDFs and some fonts' copy-paste): their base letters.
  if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) return foldViaNfkd(c);
  return c; // letters of other scripts, and surrogate halves (part of a word in another script)
}

/** The folded value of one code unit: IGNORE, SEP, an expansion (< EXPAND_LIMIT), or the folded character code. */
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

const isDigitCode = (f: number): boolean => f >= 0x30 && f <= 0x39;

/**
 * The words of `text`, folded, with original offsets. A number glued to a word is two words
 * ("60km", "۵۰کیلومتری", "7نومبر"), and each solo character is a word of its own.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let word = '';
  let start = -1;
  let end = -1;
  let digits = false;
  const flush = (): void => {
    if (start >= 0) out.push({ text: word, start, end });
    word = '';
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f > SEP) {
      if (f >= SOLO_MIN && isSolo(f)) {
        flush();
        out.push({ text: String.fromCharCode(f), start: i, end: i + 1 });
        continue;
      }
      const digit = isDigitCode(f);
      if (start >= 0 && digit !== digits) flush();
      if (start < 0) start = i;
      digits = digit;
      word += f < EXPAND_LIMIT ? (EXPANSIONS[f] as string) : String.fromCharCode(f);
      end = i + 1;
    } else if (f === SEP) flush();
  }
  flush();
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

/**
 * The key of the word at `i` of a phrase's (or a text's) folded words: `keyOf` of it, or for a solo
 * character followed by another, the two of them (one CJK character alone is too common to key
 * anything: 哨 is in every other border story).
 */
export function keyAt(words: readonly string[], i: number): string {
  const w = words[i] as string;
  const next = words[i + 1];
  if (next !== undefined && isSoloWord(w) && isSoloWord(next)) return w + next;
  return keyOf(w);
}

/** FNV-1a over folded code units, the same hash the scanner computes while it reads the page. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The folded word starting at texts[chunk][at], continuing into the next pieces if it runs on (a
 * word split by inline markup). For a solo character, the two characters the scanner keyed.
 */
export function foldedWordAt(texts: readonly string[], chunk: number, at: number): string {
  let word = '';
  let solo = false;
  for (let c = chunk; c < texts.length && word.length < 64; c++, at = 0) {
    const t = texts[c] as string;
    for (let i = at; i < t.length; i++) {
      const f = foldCode(t.charCodeAt(i));
      if (f === SEP) return word;
      if (f === IGNORE) continue;
      const isSoloChar = f >= SOLO_MIN && isSolo(f);
      if (word === '') solo = isSoloChar;
      else if (solo !== isSoloChar) return word;
      word += f < EXPAND_LIMIT ? (EXPANSIONS[f] as string) : String.fromCharCode(f);
      if (solo && word.length === 2) return word;
    }
  }
  return word;
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
