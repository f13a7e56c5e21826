import { afterEach, describe, expect, it } from 'vitest';
import ruMessages from '../../../assets/_locales/ru/messages.json' with { type: 'json' };
import enMessages from '../../../assets/_locales/en/messages.json' with { type: 'json' };
import { badgeLabel } from '../../../src/content/ui/Badge.tsx';
import { t } from '../../../src/ui/i18n.ts';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** A getMessage over one locale's file, with the browser's substitution rules, as chrome.i18n. */
function installLocale(messages: Messages): void {
  const getMessage = (key: string, subs: string[] = []): string => {
    const entry = messages[key];
    if (!entry) return '';
    return entry.message.replace(/\$([a-z0-9_]+)\$/gi, (_, name: string) =>
      (entry.placeholders?.[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (__, d: string) => subs[Number(d) - 1] ?? ''),
    );
  };
  (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage } };
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('UI strings', () => {
  it('falls back to English outside the extension, with substitutions', () => {
    expect(t('page_hideOnSite', 'example.com')).toBe('Hide on this site (example.com)');
    expect(badgeLabel('incident', 'Ishkobod', 1)).toBe('Source context: disputed incident, 1 claim');
    expect(badgeLabel('incident', 'Ishkobod', 11)).toBe('Source context: disputed incident, 11 claims');
  });

  it('uses Russian plural forms for the claim count', () => {
    installLocale(ruMessages as Messages);
    expect(badgeLabel('incident', 'Ишкобод', 1)).toBe('Контекст источника: спорный инцидент, 1 утверждение');
    expect(badgeLabel('incident', 'Ишкобод', 3)).toBe('Контекст источника: спорный инцидент, 3 утверждения');
    expect(badgeLabel('incident', 'Ишкобод', 11)).toBe('Контекст источника: спорный инцидент, 11 утверждений');
    expect(badgeLabel('publisher', 'Global Research', 0)).toBe('Контекст источника: издатель Global Research');
  });

  it('has every in-page string in Russian too', () => {
    const en = Object.keys(enMessages).filter((k) => k.startsWith('page_'));
    const missing = en.filter((k) => !(k in ruMessages));
    expect(en.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('declares a placeholder for every $NAME$ in the in-page strings', () => {
    for (const [key, entry] of Object.entries({ ...enMessages, ...ruMessages } as Messages)) {
      if (!key.startsWith('page_')) continue;
      for (const [, name] of entry.message.matchAll(/\$([A-Z]+)\$/g)) expect(entry.placeholders?.[name!.toLowerCase()], `${key}: $${name}$`).toBeDefined();
    }
  });
});
