/// <reference types="vite/client" />
/**
 * UI text through the extension's `_locales` (browser.i18n). Outside an extension (unit tests) the
 * English messages are read from the bundle's source instead; the build drops that copy, since
 * `import.meta.env.MODE` is never 'test' there.
 */
import enMessages from '../../assets/_locales/en/messages.json' with { type: 'json' };

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

/**
 * The UI string `key` with `subs` filled in; the key itself when no locale has it (so a missing
 * string shows up as a visible key in review instead of as an empty label).
 */
export function t(key: string, subs?: string | readonly string[]): string {
  const list = subs === undefined ? [] : typeof subs === 'string' ? [subs] : [...subs];
  const native = nativeI18n();
  if (native) {
    try {
      const text = native.getMessage(key, list);
      if (text) return text;
    } catch {
      // After an extension update the old content script's API throws; English keys still beat nothing.
    }
  }
  const entry = testMessages?.[key];
  return entry ? substitute(entry, list) : key;
}

/** The locale the UI strings are written in (`page_locale` in each messages.json), for Intl. */
export function uiLocale(): string {
  const l = t('page_locale');
  return l === 'page_locale' ? 'en' : l;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * UI locales that write numbers in ASCII digits (Persian, for one, does not). A badge's count is a
 * whole number under a thousand, which there reads the same with or without a number formatter; the
 * first formatter a page builds costs it about 10 ms (the locale data loads), so these go without.
 */
const ASCII_DIGITS = new Set(['en', 'ru', 'tg', 'uz']);

function formatCount(n: number, locale: string): string {
  return Number.isInteger(n) && n >= 0 && n < 1000 && ASCII_DIGITS.has(locale) ? String(n) : n.toLocaleString(locale);
}

/**
 * A count phrase in the right plural form: `tn('page_badgeIncident', 11)` reads
 * `page_badgeIncident_many` in Russian, `page_badgeIncident_other` in English, falling back to
 * `_other` when a locale has no key for that form. `$1` is the number; `extra` follows as `$2`….
 */
export function tn(base: string, n: number, extra: readonly string[] = []): string {
  const locale = uiLocale();
  let form: string = 'other';
  try {
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    form = rules.select(n);
  } catch {
    // An unknown locale tag: keep 'other'.
  }
  const subs = [formatCount(n, locale), ...extra];
  const text = t(`${base}_${form}`, subs);
  return text === `${base}_${form}` ? t(`${base}_other`, subs) : text;
}

/** Text direction of the UI strings (`page_dir`), for the `dir` of our own surfaces. */
export function uiDir(): 'ltr' | 'rtl' {
  return t('page_dir') === 'rtl' ? 'rtl' : 'ltr';
}
