/**
 * Is a name distinctive enough to mark text with? An alias or a byline is matched on every page
 * the reader opens; one that is an ordinary word ("the", "of") makes every page that pack's
 * publication, badge and banner included. The rules, documented for pack authors in README.md
 * ("Distinctive names"):
 *
 * - an alias is refused when every one of its words is a common word of its language (the lists
 *   below; for a language without a list, of any listed language), and a one-word alias needs at
 *   least `MIN_SINGLE_WORD` letters (`MIN_SINGLE_WORD_CASED` when it is case-sensitive, for
 *   acronyms written in capitals: "TASS");
 * - a byline (a sentence a publisher's pages carry about themselves) needs at least
 *   `MIN_BYLINE_WORDS` words, not all common in any listed language, and must name its publisher:
 *   contain its name or one of its aliases as whole words.
 *
 * Words are compared folded, as the matcher reads page text (case, diacritics, punctuation, Tajik
 * letters as their Russian look-alikes), so "The", "THE" and "the." are one word.
 *
 * The lists are short on purpose: function words and the words every news page carries (news,
 * home, page), which is what makes a name mark everything. A name made of rarer ordinary words
 * ("Global Research") is distinctive enough, and `caseSensitive` narrows it further.
 */
import { foldText } from '../core/normalize.ts';

/** A one-word alias needs this many letters or digits, counted folded. */
export const MIN_SINGLE_WORD = 4;
/** ... or this many when it only matches with its own letter case (an acronym in capitals). */
export const MIN_SINGLE_WORD_CASED = 3;
/** A byline is a sentence: at least this many words. */
export const MIN_BYLINE_WORDS = 3;

/** Common words by language (primary subtag), as written; folded when the sets are built. */
const COMMON_BY_LANG: Record<string, { name: string; words: string }> = {
  en: {
    name: 'English',
    words:
      'a an the of and or to in on at by for with from as is are was were be been being it its this that these those ' +
      'he she they we you i his her their our your my me him them us not no nor but if so than then there here ' +
      'what which who whom whose when where why how all any some more most other such only also very can will ' +
      'would could should may might must do does did has have had new one two about into over after before between ' +
      'under out up down off just now news home page read more see view share comment comments article story',
  },
  ru: {
    name: 'Russian',
    words:
      'и в во на с со к ко о об обо от из за для по не ни что это как так но а или да же ли бы был была были было быть ' +
      'он она оно они мы вы я ты его ее её их им ей ему при до после уже также только если то тот та те этот эта эти ' +
      'все всё весь вся над под без про через у еще ещё есть нет где когда кто чем новости главная статья читать',
  },
  tg: {
    name: 'Tajik',
    words:
      'ва дар бо ки аз ба барои то ё он ин онҳо мо шумо ман ту вай буд аст нест ҳам низ агар баъд пеш бе чун чӣ кӣ ' +
      'ҳар як ду худ мисли хабар хабарҳо саҳифа',
  },
  uz: {
    name: 'Uzbek',
    words:
      // Latin script, then Cyrillic.
      'va bilan uchun bu u ular biz siz men sen ham yoki lekin ammo agar keyin oldin emas bor yoʻq yoq edi ekan har bir ikki ' +
      'haqida yangiliklar sahifa ' +
      'ва билан учун бу у улар биз сиз мен сен ҳам ёки лекин аммо агар кейин олдин эмас бор йўқ эди экан ҳар бир икки ' +
      'ҳақида янгиликлар',
  },
  fa: {
    name: 'Persian',
    words: 'و در به از که با این آن را برای تا یا هم اما اگر بر است بود شد می نه هر یک دو خبر اخبار ما شما او آنها من خود',
  },
  de: {
    name: 'German',
    words:
      'der die das und oder von zu den dem des ein eine einer eines einem ist sind war waren mit auf für im in an am aus ' +
      'bei nach über unter nicht sich es er sie wir ihr ich auch nur noch wie was wer wo als aber wenn dass nachrichten seite',
  },
  fr: {
    name: 'French',
    words:
      'le la les l de des du d et ou un une sur pour dans par avec est sont était au aux ce cette ces qui que quoi pas ' +
      'plus ne il elle ils elles nous vous je tu son sa ses leur leurs mais si comme en actualités accueil article',
  },
  ar: {
    name: 'Arabic',
    words: 'و في من إلى على عن مع هذا هذه ذلك التي الذي الذين أن إن كان كانت هو هي هم نحن أو ثم لا لم لن قد كل بعد قبل بين عند حتى أخبار',
  },
};

const fold = (words: string): Set<string> => new Set(foldText(words).split(' ').filter((w) => w !== ''));

const COMMON: Record<string, Set<string>> = Object.fromEntries(Object.entries(COMMON_BY_LANG).map(([lang, l]) => [lang, fold(l.words)]));
/** For a language with no list of its own, and for bylines (which carry no language): all lists. */
const ANY_COMMON = new Set(Object.values(COMMON).flatMap((s) => [...s]));

/** The languages with a list, for the docs and tests. */
export const COMMON_WORD_LANGS: readonly string[] = Object.keys(COMMON_BY_LANG);

/** The common-word set for a BCP 47 tag, by its primary subtag (`uz-Cyrl` → uz), and its name. */
function commonFor(lang: string): { words: Set<string>; name: string } {
  const primary = lang.split('-')[0]?.toLowerCase() ?? '';
  const words = COMMON[primary];
  const name = COMMON_BY_LANG[primary]?.name;
  return words && name ? { words, name } : { words: ANY_COMMON, name: 'any of the listed languages' };
}

/** True when `word` (folded) is a common word of `lang` (or, for a language without a list, of any list). */
export function isCommonWord(word: string, lang: string): boolean {
  return commonFor(lang).words.has(word);
}

/** The folded words of `text`, as the rules compare them. */
export const wordsOf = (text: string): string[] => {
  const f = foldText(text);
  return f === '' ? [] : f.split(' ');
};

const quoteWords = (words: readonly string[]): string => words.map((w) => `"${w}"`).join(', ');

/**
 * Why `text` is not distinctive enough as an alias in `lang`, or null when it is. Assumes the text
 * has letters (the schema reports an alias without any on its own).
 */
export function aliasDistinctiveness(text: string, lang: string, caseSensitive: boolean): string | null {
  return aliasWordsProblem(wordsOf(text), lang, caseSensitive);
}

/** `aliasDistinctiveness` for an alias already folded into `words` (the validator folds each alias once). */
export function aliasWordsProblem(words: readonly string[], lang: string, caseSensitive: boolean): string | null {
  if (words.length === 0) return null;
  const { words: common, name } = commonFor(lang);
  if (words.every((w) => common.has(w))) {
    return `made only of common words of ${name} (${quoteWords(words)}), so it would mark almost every page: give the full name`;
  }
  const min = caseSensitive ? MIN_SINGLE_WORD_CASED : MIN_SINGLE_WORD;
  const only = words[0] ?? '';
  if (words.length === 1 && only.length < min) {
    return caseSensitive
      ? `a one-word alias needs at least ${min} letters or digits, found ${only.length}`
      : `a one-word alias needs at least ${min} letters or digits (${MIN_SINGLE_WORD_CASED} with "caseSensitive": true, for an acronym in capitals), found ${only.length}`;
  }
  return null;
}

/**
 * Why `byline` is not distinctive enough for a publisher known by `names` (its name and aliases),
 * or null when it is.
 */
export function bylineDistinctiveness(byline: string, names: readonly string[]): string | null {
  return bylineFoldedProblem(foldText(byline), names.map(foldText));
}

/**
 * `bylineDistinctiveness` for a byline and names already folded (`foldText`): the validator folds
 * each publisher's names once for all its bylines, and a large pack has tens of thousands.
 */
export function bylineFoldedProblem(folded: string, names: readonly string[]): string | null {
  if (folded === '') return null;
  const words = folded.split(' ');
  if (words.length < MIN_BYLINE_WORDS) {
    return `a byline is a sentence the publisher's pages carry about themselves: at least ${MIN_BYLINE_WORDS} words, found ${words.length}`;
  }
  if (words.every((w) => ANY_COMMON.has(w))) return `made only of common words (${quoteWords(words)}), so it would mark almost every page`;
  // A name made only of common words would name every publisher at once.
  // Whole words: " global research " within " … is global research ".
  const padded = ` ${folded} `;
  const named = names.some((n) => n !== '' && padded.includes(` ${n} `) && !n.split(' ').every((w) => ANY_COMMON.has(w)));
  if (!named) {
    return 'must name its publisher: contain the publisher\'s name or one of its aliases, so it cannot be read as any other site\'s';
  }
  return null;
}
