/// <reference types="vite/client" />
/**
 * UI text through the extension's `_locales` (browser.i18n). Outside an extension (unit tests) the
 * English messages are read from the bundle's source instead; the build drops that copy, since
 * `import.meta.env.MODE` is never 'test' there.
 */
import enMessages from '../../assets/_locales/en/messages.json' with { type: 'json' };
import { formatNumberIn, pluralForm } from './intl.ts';

interface I18nApi {
  getMessage(key: string, subs?: string | string[]): string;
}

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const testMessages: Record<string, MessageEntry> | null =
  import.meta.env.MODE === 'test' ? (enMessages as Record<string, MessageEntry>) : null;

/** The extension's i18n API, if there is one. Firefox and Chromium both expose `chrome.i18n`. */
function nativeI18n(): I18nApi | null {
  const i18n = (globalThis as { chrome?: { i18n?: { getMessage?: unknown } } }).chrome?.i18n;
  return i18n && typeof i18n.getMessage === 'function' ? (i18n as I18nApi) : null;
}

/** getMessage's substitution rules, for the English copy: `$NAME$` → placeholder content → `$1`. */
function substitute(entry: MessageEntry, subs: string[]): string {
  const fill = (s: string): string => s.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  return entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
    const ph = entry.placeholders?.[name.toLowerCase()];
    return ph ? fill(ph.content) : whole;
  });
}

/** First-strong isolate and pop directional isolate (Unicode bidi, UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';

/** `key`'s message as the browser (or, in unit tests, the English copy) has it; '' when none does. */
function lookup(key: string, subs: string[]): string {
  const native = nativeI18n();
  if (native) {
    try {
      const text = native.getMessage(key, subs);
      if (text) return text;
    } catch {
      // After an extension update the old content script's API throws; English keys still beat nothing.
    }
  }
  const entry = testMessages?.[key];
  return entry ? substitute(entry, subs) : '';
}

/**
 * The UI string `key` with `subs` filled in; the key itself when no locale has it (so a missing
 * string shows up as a visible key in review instead of as an empty label).
 *
 * In a right-to-left UI each filled-in value is wrapped in a bidi isolate: a site name, a Latin
 * title or a number then keeps its own direction and cannot drag the Persian words or the
 * punctuation around it to the wrong side ("(hizb-ut-tahrir.info)" stays one unit).
 */
export function t(key: string, subs?: string | readonly string[]): string {
  let list = subs === undefined ? [] : typeof subs === 'string' ? [subs] : [...subs];
  if (list.length > 0 && lookup('page_dir', []) === 'rtl') list = list.map((s) => FSI + s + PDI);
  return lookup(key, list) || key;
}

/** The locale the UI strings are written in (`page_locale` in each messages.json), for Intl. */
export function uiLocale(): string {
  return lookup('page_locale', []) || 'en';
}

/**
 * A count phrase in the right plural form: `tn('page_badgeIncident', 11)` reads
 * `page_badgeIncident_many` in Russian, `page_badgeIncident_other` in English, falling back to
 * `_other` when a locale has no key for that form, or when `Intl` has no plural rules for the UI
 * language (see intl.ts). `$1` is the number, in the locale's digits; `extra` follows as `$2`….
 */
export function tn(base: string, n: number, extra: readonly string[] = []): string {
  const locale = uiLocale();
  const form = pluralForm(locale, n);
  const subs = [formatNumberIn(locale, n), ...extra];
  const text = t(`${base}_${form}`, subs);
  return text === `${base}_${form}` ? t(`${base}_other`, subs) : text;
}

/** A number in the UI locale's digits and grouping ("۱۳" in Persian). */
export function formatNumber(n: number): string {
  return formatNumberIn(uiLocale(), n);
}

/** A fraction (0.45) as a percentage in the UI locale ("45%", "45 %", "۴۵٪"). */
export function formatPercent(fraction: number): string {
  return formatNumberIn(uiLocale(), fraction, { style: 'percent', maximumFractionDigits: 0 });
}

/** What separates the items of a list in running UI text: ", " (Persian: "، "). */
export function listSeparator(): string {
  return t('page_listSeparator');
}

/** `items` joined with the UI language's list separator. */
export function joinList(items: readonly string[]): string {
  return items.join(listSeparator());
}

/** Text direction of the UI strings (`page_dir`), for the `dir` of our own surfaces. */
export function uiDir(): 'ltr' | 'rtl' {
  return lookup('page_dir', []) === 'rtl' ? 'rtl' : 'ltr';
}
