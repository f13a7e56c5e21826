/**
 * What the browser's `Intl` really knows about a UI locale. Browsers ship trimmed locale data:
 * Chromium 156 has no Tajik at all (its `Intl` answers Tajik questions in en-US: "Nov 6, 2019") and
 * only the bare bones of Uzbek (month names come out as "M11"), while Firefox and Node carry both.
 * Each helper here asks `Intl` and falls back to something neutral when the answer is not in the
 * requested language, instead of showing English conventions inside a Tajik sentence.
 */

/** The language subtag of a BCP 47 tag: `fa-IR` → `fa`. */
const languageOf = (tag: string): string => tag.toLowerCase().split('-')[0] ?? '';

/** Whether an `Intl` object's resolved locale is in the language asked for (not a fallback). */
function resolvesTo(resolved: string, locale: string): boolean {
  return languageOf(resolved) === languageOf(locale);
}

const monthNamesCache = new Map<string, boolean>();

/**
 * Whether `Intl.DateTimeFormat` has the locale's own month names. A locale can resolve yet carry
 * only the root data, whose "month names" are numbers ("M11"): any digit in a long month name
 * gives that away (real month names are words in every script we ship).
 */
export function hasIntlDates(locale: string): boolean {
  let known = monthNamesCache.get(locale);
  if (known === undefined) {
    try {
      const f = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC', calendar: 'gregory' });
      known = resolvesTo(f.resolvedOptions().locale, locale) && !/\p{Nd}/u.test(f.format(Date.UTC(2019, 10, 6)));
    } catch {
      known = false;
    }
    monthNamesCache.set(locale, known);
  }
  return known;
}

/**
 * The plural categories `pluralForm` can return for `locale`: the locale's own when `Intl` has its
 * rules, otherwise only `other` (a fallback's rules belong to another language; `other` is the
 * one form every language's messages carry).
 */
export function pluralCategories(locale: string): string[] {
  try {
    const rules = new Intl.PluralRules(locale).resolvedOptions();
    return resolvesTo(rules.locale, locale) ? [...rules.pluralCategories] : ['other'];
  } catch {
    return ['other'];
  }
}

/** The plural category of `n` in `locale` ("one", "few", …), `other` when `Intl` lacks the locale's rules. */
export function pluralForm(locale: string, n: number): string {
  try {
    const rules = new Intl.PluralRules(locale);
    return resolvesTo(rules.resolvedOptions().locale, locale) ? rules.select(n) : 'other';
  } catch {
    return 'other';
  }
}

/**
 * `n` written for `locale`: Persian digits in Persian, the locale's grouping elsewhere. When `Intl`
 * lacks the locale's data (it would answer with another language's separators, and "1,234" reads
 * as a decimal in Russian, Tajik and Uzbek) digits are not grouped at all, which no reader misreads.
 */
export function formatNumberIn(locale: string, n: number, options: Intl.NumberFormatOptions = {}): string {
  try {
    const known = hasIntlDates(locale);
    return new Intl.NumberFormat(locale, known ? options : { ...options, useGrouping: false }).format(n);
  } catch {
    return String(n);
  }
}
