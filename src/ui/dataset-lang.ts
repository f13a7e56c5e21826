/**
 * The language dataset text is written in, for `lang` on the elements that show it, so a screen
 * reader reads an English record with an English voice inside a Russian UI (and the browser picks
 * the right hyphenation and quotes). UI strings around it keep the page's `lang`. A source gives the
 * language of its publication (`lang`), which its title is read in; everything else in the bundled
 * dataset is English.
 */
export const DATA_LANG = 'en';

/**
 * The attributes for an element that shows dataset text: its language, and `dir="auto"` so an
 * English title or quote inside a Persian popup keeps its own direction (its final full stop and
 * parentheses on the right side) and an inline name is isolated from the UI words around it.
 */
export const DATA_TEXT = { lang: DATA_LANG, dir: 'auto' } as const;
