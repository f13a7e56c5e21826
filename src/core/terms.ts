/**
 * Terms as the matcher reads them: the words of a name, a rule term or a concept term, folded like
 * page text, and how one word of a term is compared with one word of the page. Shared by the index
 * compiler (which keys terms), the scanner (which checks hits) and the rule evaluator.
 *
 * A term is a few words; the last may end in `*` (a word beginning: `напад*`); a word written
 * `<50-60>` is any number from 50 to 60 (in any script's digits, which fold to ASCII).
 */
import { tokenize } from './normalize.ts';

export interface ParsedTerm {
  /** Folded words; a number range stays written as `<min-max>`. */
  words: string[];
  /** The last word is a word beginning. */
  prefix: boolean;
  /** joined[i]: words i and i+1 touch in the text, with nothing between (two CJK characters in a row). */
  joined: boolean[];
}

const RANGE = /<(\d{1,9})-(\d{1,9})>/;

/** The words of a term (see the file comment). */
export function parseTerm(term: string): ParsedTerm {
  const trimmed = term.trim();
  const prefix = trimmed.endsWith('*');
  const body = prefix ? trimmed.slice(0, -1) : trimmed;
  const words: string[] = [];
  const joined: boolean[] = [];
  for (const part of body.split(/(<\d{1,9}-\d{1,9}>)/)) {
    if (RANGE.test(part)) {
      words.push(part);
      joined.push(false);
      continue;
    }
    const tokens = tokenize(part);
    tokens.forEach((t, i) => {
      words.push(t.text);
      joined.push(i + 1 < tokens.length && (tokens[i + 1] as { start: number }).start === t.end);
    });
  }
  return { words, prefix, joined };
}

/** Whether a term word is a number range (`<50-60>`). Folded words never start with "<". */
export const isRange = (w: string): boolean => w.charCodeAt(0) === 0x3c;

/** Whether the page word `token` is a number inside the range word `w`. */
export function inRange(w: string, token: string): boolean {
  const m = RANGE.exec(w);
  if (!m || !/^\d{1,9}$/.test(token)) return false;
  const n = Number(token);
  return n >= Number(m[1]) && n <= Number(m[2]);
}

/** Words this long or longer may match with one edit where a concept is tolerant. */
export const TOLERANT_MIN = 7;

/** Whether `a` and `b` are at most one edit apart (a letter changed, added, removed, or two swapped). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Whether page word `token` matches term word `w`. `last`: w is the term's last word, which may be
 * a word beginning (`prefix`) or take `endings`; `tolerant`: one edit allowed on a long word.
 */
export function wordMatches(token: string, w: string, last: boolean, prefix: boolean, endings: readonly string[] | null, tolerant: boolean): boolean {
  if (token === w) return true;
  if (isRange(w)) return inRange(w, token);
  if (last && token.startsWith(w)) {
    if (prefix) return true;
    if (endings && endings.includes(token.slice(w.length))) return true;
  }
  if (!tolerant || w.length < TOLERANT_MIN) return false;
  if (withinOneEdit(token, w)) return true;
  // A tolerant word beginning: the page word's first letters are one edit from it.
  if (last && prefix && token.length >= w.length) return withinOneEdit(token.slice(0, w.length), w) || withinOneEdit(token.slice(0, w.length + 1), w) || withinOneEdit(token.slice(0, w.length - 1), w);
  return false;
}
