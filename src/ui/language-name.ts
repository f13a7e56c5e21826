import { uiLocale } from './i18n.ts';

const primary = (tag: string): string => tag.split('-')[0]?.toLowerCase() ?? '';

/**
 * The name of a publication's language in the UI language ("Russian", «украинский»), when it differs
 * from the UI's own: a reader then knows before following a link that the page is in another
 * language. `null` when the languages match or the tag is unknown to the browser.
 */
export function otherLanguageName(tag: string | undefined, locale: string = uiLocale()): string | null {
  if (!tag || primary(tag) === primary(locale)) return null;
  try {
    const names = new Intl.DisplayNames([locale], { type: 'language' });
    // A browser without the UI language's data answers in English ("Russian" in a Tajik sentence).
    if (primary(names.resolvedOptions().locale) !== primary(locale)) return null;
    const name = names.of(tag);
    return name && name.toLowerCase() !== tag.toLowerCase() ? name : null;
  } catch {
    return null;
  }
}
