/**
 * Field-level checks for `validateDataset` (schema.ts): each takes a value and where it sits, and
 * adds an issue to the list instead of stopping, so a pack author sees every problem at once.
 *
 * A location is passed as the parent's path and the field's key (or item index) and joined into
 * `claims[3].source.url` only when there is something to report: a large pack has about a million
 * fields, and building a path string for each valid one was most of the validator's time.
 *
 * Over 300 lines because the shape machinery (`defineShape`, `Fields`: what ties a shape to its type)
 * sits with the checks it composes; both are small and read together.
 */
import { normalizeHost } from '../core/hostname.ts';
import type { ValidationIssue } from '../core/messages.ts';

/** Issues kept in full; past this a pack is broken throughout and one more line says how many more. */
export const MAX_LISTED_ISSUES = 1000;

/** Path shown for problems with the document as a whole. */
export const ROOT = '(pack)';

export class IssueList {
  readonly issues: ValidationIssue[] = [];
  /** Problems found past MAX_LISTED_ISSUES, counted but not kept. */
  unlisted = 0;

  /** Adds the problem at `pathOf(base, key)`. */
  add(base: string, key: string | number, message: string): void {
    if (this.issues.length < MAX_LISTED_ISSUES) this.issues.push({ path: pathOf(base, key), message });
    else this.unlisted++;
  }

  get count(): number {
    return this.issues.length + this.unlisted;
  }

  /** The list to hand back: every kept issue, and a closing line when some were only counted. */
  finish(): ValidationIssue[] {
    if (this.unlisted === 0) return this.issues;
    return [...this.issues, { path: ROOT, message: `${fmt(this.unlisted)} more problems not listed; fix the ones above and check again` }];
  }
}

/** `claims[3]` + `source` → `claims[3].source`; `aliases` + 2 → `aliases[2]`; the root is `(pack)`. */
export function pathOf(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (base === '') return key === '' ? ROOT : key;
  return key === '' ? base : `${base}.${key}`;
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a value is described in "must be a string, found a number". */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${String(v)}`;
    case 'boolean':
      return String(v);
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

const fmt = (n: number): string => n.toLocaleString('en');

/** A value quoted for a message, cut short so one bad field cannot flood the report. */
export function quoteShort(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);
}

/** Length limits, in UTF-16 units (what `String.length` counts; a Cyrillic letter is one). */
export const LIMITS = {
  id: 120,
  /** Names, labels, places, aliases. */
  name: 200,
  /** Titles of incidents and sources, bylines; article titles run longer than names. */
  title: 500,
  /** Summaries, quotes, points, descriptions. */
  text: 2000,
  /** Description-rule terms. */
  term: 100,
  url: 2000,
  hostname: 253,
} as const;

/** `line` strings (names, titles, aliases) may not contain line breaks or tabs; `text` strings may. */
export type StringKind = 'line' | 'text';

// Anything the detailed checks below look at; most strings have none of it and skip them.
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const SUSPECT = /[\u0000-\u001F\u202A-\u202E\u2066-\u2069]/;
// C0 controls except tab (09) and line feed (0A). Carriage return is refused too: a pack saved with
// \r\n line ends would render differently from one with \n.
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\u0000-\u0008\u000B-\u001F]/;
// Bidirectional embeddings, overrides and isolates can make text display in another order than it
// is stored (a name that reads as a different one); no dataset string needs them.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** A required, non-blank string within `max`, free of control characters. */
export function checkString(list: IssueList, v: unknown, base: string, key: string | number, max: number, kind: StringKind = 'line'): v is string {
  if (typeof v !== 'string') {
    list.add(base, key, `must be a string, found ${describe(v)}`);
    return false;
  }
  const trimmed = v.trim();
  if (trimmed === '') {
    list.add(base, key, 'empty string');
    return false;
  }
  let good = true;
  if (v.length > max) {
    list.add(base, key, `too long: ${fmt(v.length)} characters; the limit is ${fmt(max)}`);
    good = false;
  }
  if (SUSPECT.test(v)) {
    const control = CONTROL.exec(v);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      list.add(base, key, `contains the control character U+${code} at position ${control.index}`);
      good = false;
    } else if (kind === 'line' && /[\t\n]/.test(v)) {
      list.add(base, key, 'must be a single line (no line breaks or tabs)');
      good = false;
    }
    if (BIDI.test(v)) {
      list.add(base, key, 'contains a bidirectional override or isolate character (U+202A–U+202E, U+2066–U+2069)');
      good = false;
    }
  }
  if (good && kind === 'line' && trimmed.length !== v.length) {
    list.add(base, key, 'has spaces at the start or end');
    good = false;
  }
  return good;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkId(list: IssueList, v: unknown, base: string, key: string | number): v is string {
  if (typeof v !== 'string') {
    list.add(base, key, `must be an id (a string), found ${describe(v)}`);
    return false;
  }
  if (v.length > LIMITS.id) {
    list.add(base, key, `too long: ${fmt(v.length)} characters; ids are at most ${LIMITS.id}`);
    return false;
  }
  if (!ID.test(v)) {
    list.add(base, key, `must be lower-case words joined by hyphens (a-z, 0-9, single "-"), found ${quoteShort(v)}`);
    return false;
  }
  return true;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** True when year/month/day name a real calendar day (month and day may be absent). */
export function isRealDate(y: number, m?: number, d?: number): boolean {
  if (y < 1000) return false;
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const max = m === 2 && !isLeap(y) ? 28 : (DAYS_IN_MONTH[m - 1] ?? 0);
  return d >= 1 && d <= max;
}

/** Digits of `s` from `from` to `to` (exclusive) as a number, or -1 if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real day (or month, or year); read by hand, as packs hold tens of thousands. */
export function isIsoDate(v: string): boolean {
  const len = v.length;
  if (len !== 4 && len !== 7 && len !== 10) return false;
  const y = digits(v, 0, 4);
  if (y < 0) return false;
  if (len === 4) return isRealDate(y);
  if (v.charCodeAt(4) !== 45) return false;
  const m = digits(v, 5, 7);
  if (m < 0) return false;
  if (len === 7) return isRealDate(y, m);
  if (v.charCodeAt(7) !== 45) return false;
  const d = digits(v, 8, 10);
  return d >= 0 && isRealDate(y, m, d);
}

/** An ISO 8601 calendar date at year, month or day precision: `2019`, `2019-11`, `2019-11-06`. */
export function checkDate(list: IssueList, v: unknown, base: string, key: string | number): v is string {
  if (typeof v === 'string' && isIsoDate(v)) return true;
  if (typeof v === 'string' && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(v)) list.add(base, key, `not a real calendar date: ${quoteShort(v)}`);
  else list.add(base, key, `must be a date as YYYY-MM-DD, YYYY-MM or YYYY, found ${typeof v === 'string' ? quoteShort(v) : describe(v)}`);
  return false;
}

// scheme :// host [:port] [path, query, fragment]. The host is a name (letters, digits, hyphens,
// dots) or a bracketed IPv6 address; nothing before it (no user:password@). Checked by pattern
// rather than with URL(), whose leniency differs between engines: a pack that passes
// `npm run pack:check` in Node must pass in every browser too. The ASCII pattern answers almost
// every link; the Unicode one (several times slower) only sees internationalised host names.
// eslint-disable-next-line no-control-regex -- control characters are refused in the path
const HTTP_URL_ASCII = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(?:[/?#][^\s\x00-\x1f\x7f]*)?$/i;
// eslint-disable-next-line no-control-regex -- as above
const HTTP_URL = /^https?:\/\/(?:[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(?:[/?#][^\s\u0000-\u001F\u007F]*)?$/iu;

/** An absolute http or https URL without a user name or password in it. */
export function checkUrl(list: IssueList, v: unknown, base: string, key: string | number): v is string {
  if (typeof v !== 'string') {
    list.add(base, key, `must be an http(s) URL (a string), found ${describe(v)}`);
    return false;
  }
  if (v.length > LIMITS.url) {
    list.add(base, key, `too long: ${fmt(v.length)} characters; URLs are at most ${fmt(LIMITS.url)}`);
    return false;
  }
  const m = HTTP_URL_ASCII.exec(v) ?? HTTP_URL.exec(v);
  if (m && (m[1] === undefined || Number(m[1]) <= 65535)) return true;
  const authority = /^https?:\/\/([^/?#]*)/i.exec(v)?.[1] ?? '';
  if (authority.includes('@')) list.add(base, key, 'must be an http(s) URL without a user name or password in it');
  else list.add(base, key, `must be an http(s) URL, found ${quoteShort(v)}`);
  return false;
}

// Dot-separated labels of a-z, 0-9 and inner hyphens, at least two of them, the last not all digits.
const HOSTNAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?=[a-z0-9-]*[a-z-])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A bare hostname, `globalresearch.ca`, not `https://www.globalresearch.ca/`; returned in normal
 * form (`normalizeHost`: case, `www.`, trailing dot, punycode), the form every comparison uses, or
 * null when it is not one.
 */
export function checkHostname(list: IssueList, v: unknown, base: string, key: string | number): string | null {
  if (typeof v !== 'string') {
    list.add(base, key, `must be a hostname (a string), found ${describe(v)}`);
    return null;
  }
  const host = normalizeHost(v);
  if (host === null || host.length > LIMITS.hostname || !HOSTNAME.test(host)) {
    const hint = /[/:]/.test(v) ? ' (no scheme, port or path)' : '';
    list.add(base, key, `must be a hostname like example.org${hint}, found ${quoteShort(v)}`);
    return null;
  }
  return host;
}

// A BCP 47 language tag as the dataset uses it: a primary language subtag, then optional subtags.
const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export function checkLang(list: IssueList, v: unknown, base: string, key: string | number): v is string {
  if (typeof v !== 'string' || !LANG.test(v)) {
    list.add(base, key, `must be a language code such as en, ru or tg (BCP 47), found ${typeof v === 'string' ? quoteShort(v) : describe(v)}`);
    return false;
  }
  return true;
}

export function checkBoolean(list: IssueList, v: unknown, base: string, key: string | number): v is boolean {
  if (typeof v !== 'boolean') {
    list.add(base, key, `must be true or false, found ${describe(v)}`);
    return false;
  }
  return true;
}

export function checkEnum<T extends string>(list: IssueList, v: unknown, base: string, key: string | number, allowed: readonly T[]): v is T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    list.add(base, key, `must be one of: ${allowed.join(', ')}; found ${typeof v === 'string' ? quoteShort(v) : describe(v)}`);
    return false;
  }
  return true;
}

/** A list of `min`..`max` items; returns it so the caller can check each item, `null` if not a list. */
export function checkArray(list: IssueList, v: unknown, base: string, key: string | number, max: number, min = 0): unknown[] | null {
  if (!Array.isArray(v)) {
    list.add(base, key, `must be a list, found ${describe(v)}`);
    return null;
  }
  if (v.length > max) list.add(base, key, `too many items: ${fmt(v.length)}; the limit is ${fmt(max)}`);
  if (v.length < min) list.add(base, key, min === 1 ? 'must not be empty' : `needs at least ${min} items`);
  return v;
}

// Compile-time only: the type a value has once its check passes. Never present at run time.
declare const passes: unique symbol;

/** What a field check does at run time, whatever it checks for. */
type Check<C> = (ctx: C, value: unknown, base: string, key: string | number) => void;

/**
 * Checks one field's value at `pathOf(base, key)`; `ctx` carries the issue list and what the caller
 * collects. `V` is what the value is once the check passes: shapes are declared against the types of
 * `core/dataset-types.ts` (see `Fields`), so a field with no check, or with a check for another type, does
 * not compile. Build one with `fieldCheck`.
 */
export interface FieldCheck<C, V> extends Check<C> {
  /** A function type both ways round keeps `V` exact: a check for `string` cannot stand for `string[]`. */
  readonly [passes]: (v: V) => V;
}

/** Declares that `check` reports every value that is not a `V` (the claim the types rely on). */
export const fieldCheck = <C, V>(check: Check<C>): FieldCheck<C, V> =>
  check as FieldCheck<C, V>;

/** An optional field's check, as written in a `Fields` table. */
export interface Optional<C, V> {
  readonly optional: FieldCheck<C, V>;
}
export const optional = <C, V>(check: FieldCheck<C, V>): Optional<C, V> => ({ optional: check });

type RequiredKey<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/**
 * The check of every field of `T`, and of nothing else: a required field of `T` takes a check of
 * its type, an optional one `optional(check)`.
 */
export type Fields<C, T> = {
  [K in keyof T]-?: K extends RequiredKey<T> ? FieldCheck<C, T[K]> : Optional<C, Exclude<T[K], undefined>>;
};

/** The fields an object of type `T` must have and may have, each with its check; build with `defineShape`. */
export interface Shape<C, T> {
  readonly requiredKeys: readonly string[];
  readonly checks: ReadonlyMap<string, Check<C>>;
  readonly [passes]: (v: T) => T;
}

/** `T` is given, never inferred (it defaults to `never`, which no table fits): the table answers to the type, not the other way round. */
export function defineShape<C, T = never>(fields: NoInfer<Fields<C, T>>): Shape<C, T> {
  const requiredKeys: string[] = [];
  const checks = new Map<string, Check<C>>();
  for (const [key, entry] of Object.entries(fields) as [string, Check<C> | { optional: Check<C> }][]) {
    if (typeof entry === 'function') {
      requiredKeys.push(key);
      checks.set(key, entry);
    } else checks.set(key, entry.optional);
  }
  return { requiredKeys, checks } as unknown as Shape<C, T>;
}

/** The values of a string union, listed once each: a value missing from `table` or foreign to `T` does not compile. */
export const valuesOf = <T extends string>(table: Record<T, true>): readonly T[] => Object.keys(table) as T[];

/**
 * An object with exactly the fields of `shape`: reports missing required fields and fields the
 * schema does not have, and runs each present field's check with the object's path as base.
 * Returns the object's path, or `null` when the value is not an object.
 */
export function checkShape<C extends { list: IssueList }, T>(ctx: C, v: unknown, base: string, key: string | number, shape: Shape<C, T>): string | null {
  if (!isPlainObject(v)) {
    ctx.list.add(base, key, `must be an object, found ${describe(v)}`);
    return null;
  }
  const path = base === '' && key === '' ? '' : pathOf(base, key);
  for (const k of shape.requiredKeys) {
    if (!Object.hasOwn(v, k)) ctx.list.add(path, k, 'missing required field');
  }
  // A Map, not an object, looks the keys up: a pack field named "constructor" or "__proto__" must
  // not find anything on Object.prototype.
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const check = shape.checks.get(k);
    if (check) check(ctx, v[k], path, k);
    else unknownField(ctx.list, path, k, shape);
  }
  return path;
}

function unknownField<C, T>(list: IssueList, path: string, k: string, shape: Shape<C, T>): void {
  const near = [...shape.checks.keys()].find((known) => known.toLowerCase() === k.toLowerCase());
  list.add(path, k, near ? `unknown field (did you mean "${near}"?)` : 'unknown field');
}
