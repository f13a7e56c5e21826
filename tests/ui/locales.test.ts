/**
 * Every `_locales/<folder>/messages.json` against the English source: the same keys, the same
 * placeholders, and exactly the plural forms `tn()` (src/ui/i18n.ts) can ask for in that language.
 *
 * Why plural keys are compared by form: `tn(base, n)` reads `<base>_<category>`, the category being
 * `new Intl.PluralRules(page_locale).select(n)`. A category the locale lacks is not a visible gap:
 * the browser's i18n then answers from the default locale, so an English phrase would appear in the
 * middle of a Tajik or Persian page. So each plural base must carry every category that rule can
 * return for its `page_locale`, and no form it can never return. `_other` is where `tn` falls back
 * when a form is missing, so every locale carries it whatever its rules. The last cases run `tn`
 * itself over each locale, with the browser's fallback to English made visible; then `t()`'s own
 * rules (the English copy outside an extension, bidi isolates in Persian) and the glossary's word
 * for "claim" in every locale. Folds in what tests/content/ui/i18n.test.ts checked before.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { badgeLabel } from '../../src/content/ui/Badge.tsx';
import { formatDate } from '../../src/ui/format-date.ts';
import { formatNumber, formatPercent, joinList, t, tn, uiDir } from '../../src/ui/i18n.ts';
import { pluralCategories } from '../../src/ui/intl.ts';

const LOCALES_DIR = join(import.meta.dirname, '../../assets/_locales');
const SOURCE = 'en';
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

interface Entry {
  message: string;
  placeholders: Record<string, string>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A messages.json as key → entry, with placeholder names lower-cased (getMessage ignores their case). */
function readLocale(folder: string): Map<string, Entry> {
  const raw: unknown = JSON.parse(readFileSync(join(LOCALES_DIR, folder, 'messages.json'), 'utf8'));
  if (!isObj(raw)) throw new Error(`${folder}/messages.json: not an object`);
  const out = new Map<string, Entry>();
  for (const [key, value] of Object.entries(raw)) {
    if (!isObj(value) || typeof value.message !== 'string') throw new Error(`${folder}/${key}: no "message" string`);
    const placeholders: Record<string, string> = {};
    if (value.placeholders !== undefined) {
      if (!isObj(value.placeholders)) throw new Error(`${folder}/${key}: "placeholders" is not an object`);
      for (const [name, ph] of Object.entries(value.placeholders)) {
        if (!isObj(ph) || typeof ph.content !== 'string') throw new Error(`${folder}/${key}: placeholder ${name} has no "content"`);
        placeholders[name.toLowerCase()] = ph.content;
      }
    }
    out.set(key, { message: value.message, placeholders });
  }
  return out;
}

/** `panel_claims_count_few` → { base: 'panel_claims_count', form: 'few' }; null for other keys. */
function pluralPart(key: string, pluralBases: ReadonlySet<string>): { base: string; form: string } | null {
  const m = /^(.+)_([a-z]+)$/.exec(key);
  if (!m || !m[1] || !m[2] || !(CATEGORIES as readonly string[]).includes(m[2]) || !pluralBases.has(m[1])) return null;
  return { base: m[1], form: m[2] };
}

/** The `$NAME$` references in a message, lower-cased, sorted. */
function referenced(message: string): string[] {
  return [...new Set([...message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((m) => (m[1] ?? '').toLowerCase()))].sort();
}

const folders = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const source = readLocale(SOURCE);
/** Plural bases: every English key `<base>_other`, as `tn` always has that form to fall back to. */
const pluralBases = new Set([...source.keys()].flatMap((k) => (k.endsWith('_other') ? [k.slice(0, -'_other'.length)] : [])));
const sourcePlain = [...source.keys()].filter((k) => !pluralPart(k, pluralBases)).sort();

/**
 * The plural categories `tn` can select for a UI locale, as this runtime's Intl resolves it: only
 * `other` where Intl has no rules of the language's own (Tajik: it falls back to en-US).
 */
function categoriesFor(locale: string): string[] {
  return pluralCategories(locale).sort();
}

/**
 * chrome.i18n over `folder`, falling back to English for a key the locale lacks as the browser
 * does; the fallback is tagged so a test can see English leak into another language.
 */
function installBrowserI18n(folder: string): void {
  const own = readLocale(folder);
  const getMessage = (key: string, subs: string[] = []): string => {
    const entry = own.get(key) ?? source.get(key);
    if (!entry) return '';
    const text = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (_, name: string) =>
      (entry.placeholders[name.toLowerCase()] ?? '').replace(/\$(\d)/g, (__, d: string) => subs[Number(d) - 1] ?? ''),
    );
    return own.has(key) || folder === SOURCE ? text : `[en] ${text}`;
  };
  (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage } };
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('UI locales', () => {
  it('include the readers’ languages', () => {
    expect(folders).toEqual(expect.arrayContaining(['en', 'fa', 'ru', 'tg', 'uz']));
  });

  it('the source has plural bases to check', () => {
    // Guards the rule below: if English lost its `_other` keys, no plural would be checked at all.
    expect(pluralBases.size).toBeGreaterThan(3);
    for (const base of pluralBases) expect(source.has(`${base}_one`), `${base}_one`).toBe(true);
  });

  describe.each(folders)('%s', (folder) => {
    const messages = readLocale(folder);
    const locale = messages.get('page_locale')?.message ?? '';

    it('names its own locale and direction (page_locale, page_dir) for Intl and dir', () => {
      // Chrome's folder names use "_" where BCP 47 uses "-" (pt_BR → pt-BR).
      expect(locale.toLowerCase()).toBe(folder.replace('_', '-').toLowerCase());
      expect(Intl.getCanonicalLocales(locale)).toEqual([locale]);
      expect(['ltr', 'rtl']).toContain(messages.get('page_dir')?.message);
    });

    it('has every plain key of the source, and no other', () => {
      const plain = [...messages.keys()].filter((k) => !pluralPart(k, pluralBases));
      const missing = sourcePlain.filter((k) => !messages.has(k));
      const extra = plain.filter((k) => !source.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it('has exactly the plural forms its language selects, for every plural phrase', () => {
      const wanted = [...new Set([...categoriesFor(locale), 'other'])].sort();
      const forms = new Map<string, string[]>([...pluralBases].map((b) => [b, []]));
      for (const key of messages.keys()) {
        const p = pluralPart(key, pluralBases);
        if (p) forms.get(p.base)?.push(p.form);
      }
      for (const [base, have] of forms) expect(have.sort(), `${folder}: forms of ${base}`).toEqual(wanted);
    });

    it('uses the same placeholders as the source, with the same contents', () => {
      for (const [key, entry] of messages) {
        const p = pluralPart(key, pluralBases);
        const ref = source.get(p ? `${p.base}_other` : key);
        if (!ref) continue; // reported by the key tests above
        expect(entry.placeholders, `${folder}/${key}: placeholders`).toEqual(ref.placeholders);
        expect(referenced(entry.message), `${folder}/${key}: $NAME$ in the message`).toEqual(referenced(ref.message));
        for (const name of referenced(entry.message)) expect(Object.keys(entry.placeholders), `${folder}/${key}: $${name}$`).toContain(name);
      }
    });

    it('has no empty message', () => {
      for (const [key, entry] of messages) expect(entry.message.trim(), `${folder}/${key}`).not.toBe('');
    });

    it('keeps the name and description within the Chrome Web Store limits (75 and 132 characters)', () => {
      expect([...(messages.get('extName')?.message ?? '')].length).toBeLessThanOrEqual(75);
      const description = messages.get('extDescription')?.message ?? '';
      expect(description.length).toBeGreaterThan(0);
      expect([...description].length, description).toBeLessThanOrEqual(132);
    });
  });

  describe('count phrases, as the browser serves them', () => {
    it.each(folders)('%s: every count phrase is in its own language for 0, 1, 2, 3, 5, 11, 21, 101 and 1.5', (folder) => {
      installBrowserI18n(folder);
      for (const base of pluralBases) {
        for (const n of [0, 1, 2, 3, 5, 11, 21, 101, 1.5]) {
          const text = tn(base, n, ['file.json']);
          expect(text, `${folder}: ${base}(${n})`).not.toMatch(/^\[en\]/);
          expect(text, `${folder}: ${base}(${n})`).not.toBe(`${base}_other`);
        }
      }
    });
  });

  it('Persian is written with Persian letters, not their Arabic look-alikes', () => {
    // ي (U+064A) and ك (U+0643) render differently from ی and ک in Persian fonts and break search.
    const fa = readLocale('fa');
    for (const [key, entry] of fa) expect(entry.message, `fa/${key}`).not.toMatch(/[\u0643\u064a\u0649]/);
  });

  describe('t(), as the UI calls it', () => {
    it('falls back to the English copy outside the extension, with substitutions', () => {
      expect(t('page_hideOnSite', 'example.com')).toBe('Hide on this site (example.com)');
      expect(badgeLabel('incident', 'Ishkobod', 1)).toBe('Source context: disputed incident, 1 claim');
      expect(badgeLabel('incident', 'Ishkobod', 11)).toBe('Source context: disputed incident, 11 claims');
      expect(t('no_such_key')).toBe('no_such_key');
    });

    it('uses the Russian plural forms for the claim count', () => {
      installBrowserI18n('ru');
      expect(badgeLabel('incident', 'Ишкобод', 1)).toBe('Контекст источника: спорный инцидент, 1 утверждение');
      expect(badgeLabel('incident', 'Ишкобод', 3)).toBe('Контекст источника: спорный инцидент, 3 утверждения');
      expect(badgeLabel('incident', 'Ишкобод', 11)).toBe('Контекст источника: спорный инцидент, 11 утверждений');
      expect(badgeLabel('publisher', 'Global Research', 0)).toBe('Контекст источника: издатель Global Research');
    });

    it('in Persian, writes numbers in Persian digits and isolates every filled-in value', () => {
      installBrowserI18n('fa');
      expect(uiDir()).toBe('rtl');
      expect(formatNumber(13)).toBe('۱۳');
      expect(formatPercent(0.45)).toBe('۴۵٪');
      // The site name is Latin inside a Persian sentence: isolated, its parentheses stay around it.
      expect(t('page_hideOnSite', 'hizb-ut-tahrir.info')).toBe('پنهان کردن در این سایت (\u2068hizb-ut-tahrir.info\u2069)');
      expect(tn('page_badgeIncident', 13)).toBe('Source Context: رویداد مورد مناقشه، \u2068۱۳\u2069 ادعا');
      expect(joinList(['a', 'b'])).toBe('a، b');
      // Gregorian like the sources, not the Solar Hijri calendar that is Persian's default.
      expect(formatDate('2019-11-06')).toBe('۶ نوامبر ۲۰۱۹');
    });

    it('leaves left-to-right strings without isolates', () => {
      installBrowserI18n('ru');
      expect(t('page_hideOnSite', 'example.com')).toBe('Скрыть на этом сайте (example.com)');
    });

    it('in Tajik, reads the one form every language has, whatever number (Intl has no Tajik plural rules)', () => {
      installBrowserI18n('tg');
      expect(pluralCategories('tg')).toEqual(['other']);
      for (const n of [0, 1, 2, 21]) expect(tn('panel_claims_count', n)).toBe(`${n} иддао`);
    });
  });

  it.each([
    ['en', 'Nov 6, 2019', 'Nov 2019'],
    ['ru', '6 нояб. 2019 г.', 'нояб. 2019 г.'],
    ['tg', '6 ноябри 2019', 'ноябри 2019'],
    ['uz', '6-noyabr, 2019', 'noyabr, 2019'],
  ])('%s: where the browser’s Intl lacks the language, dates come from the locale’s own month names', (folder, day, month) => {
    // Chromium has no Tajik and only numbered Uzbek months ("2019 M11 6"); `zz` stands for such a
    // locale here, since Node's Intl knows all five.
    installBrowserI18n(folder);
    expect(formatDate('2019-11-06', 'zz')).toBe(day);
    expect(formatDate('2019-11', 'zz')).toBe(month);
    expect(formatDate('2019', 'zz')).toBe('2019');
  });

  it('calls a claim by the glossary’s word in every locale (docs/glossary.md)', () => {
    // "Claim of responsibility" is a claim kind with its own entry in the glossary.
    const word: Record<string, RegExp> = { ru: /утвержден/i, tg: /иддао/i, uz: /daʼvo/i, fa: /ادعا/ };
    const claimKeys = [...source].filter(([, e]) => /\bclaims?\b/i.test(e.message) && !/claim of responsibility/i.test(e.message)).map(([k]) => k);
    expect(claimKeys.length).toBeGreaterThan(8);
    for (const [folder, re] of Object.entries(word)) {
      const messages = readLocale(folder);
      for (const key of claimKeys) {
        const p = pluralPart(key, pluralBases);
        const keys = p ? [...messages.keys()].filter((k) => pluralPart(k, pluralBases)?.base === p.base) : [key];
        for (const k of keys) expect(messages.get(k)?.message, `${folder}/${k}`).toMatch(re);
      }
    }
  });
});

