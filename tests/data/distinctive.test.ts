import { describe, expect, it } from 'vitest';
import { COMMON_WORD_LANGS, aliasDistinctiveness, bylineDistinctiveness, isCommonWord } from '../../src/data/distinctive.ts';

describe('aliases: distinctive enough to mark text with', () => {
  describe('accepted', () => {
    it.each<[string, string, boolean]>([
      ['Ishkobod', 'en', false],
      ['Ишкобод', 'ru', false],
      ['Ишқобод', 'tg', false],
      ['Global Research', 'en', true],
      ['Hizb ut Tahrir', 'en', false],
      ['حزب التحرير', 'ar', false],
      ['Mondialisation.ca', 'fr', false],
      // An acronym in capitals, matched with its case only.
      ['TASS', 'ru', true],
      ['BBC', 'en', true],
      // Four letters are enough for one word.
      ['Tesh', 'en', false],
      // A common word with a rare one is a name.
      ['The Hague', 'en', false],
      ['Centre de recherche sur la mondialisation', 'fr', false],
    ])('%s (%s)', (text, lang, caseSensitive) => {
      expect(aliasDistinctiveness(text, lang, caseSensitive)).toBeNull();
    });
  });

  describe('refused', () => {
    it.each<[string, string, boolean, RegExp]>([
      ['the', 'en', false, /common words of English \("the"\)/],
      ['The', 'en', true, /common words of English/],
      ['THE.', 'en', false, /common words of English/],
      ['of the', 'en', false, /common words of English \("of", "the"\)/],
      ['News', 'en', false, /common words of English/],
      ['и', 'ru', false, /common words of Russian/],
      ['новости', 'ru', false, /common words of Russian/],
      ['барои', 'tg', false, /common words of Tajik/],
      ['ҳам', 'tg', false, /common words of Tajik/],
      ['yangiliklar', 'uz', false, /common words of Uzbek/],
      ['янгиликлар', 'uz-Cyrl', false, /common words of Uzbek/],
      ['اخبار', 'fa', false, /common words of Persian/],
      ['nachrichten', 'de', false, /common words of German/],
      ['Die', 'de', false, /common words of German/],
      ['actualités', 'fr', false, /common words of French/],
      ['أخبار', 'ar', false, /common words of Arabic/],
      // A language without a list is checked against every list.
      ['the', 'id', false, /common words of any of the listed languages/],
      // One short word marks ordinary words in other text.
      ['Ola', 'en', false, /one-word alias needs at least 4 letters .*found 3/],
      ['OK', 'en', true, /one-word alias needs at least 3 letters or digits, found 2/],
    ])('%s (%s)', (text, lang, caseSensitive, reason) => {
      expect(aliasDistinctiveness(text, lang, caseSensitive)).toMatch(reason);
    });
  });

  it('has a list for each language the rule names', () => {
    expect([...COMMON_WORD_LANGS].sort()).toEqual(['ar', 'de', 'en', 'fa', 'fr', 'ru', 'tg', 'uz']);
    expect(isCommonWord('the', 'en')).toBe(true);
    expect(isCommonWord('the', 'ru')).toBe(false);
    // Tajik letters fold to their Russian look-alikes, as the matcher reads them.
    expect(isCommonWord('хам', 'tg')).toBe(true);
  });
});

describe('bylines: a sentence that names its publisher', () => {
  const names = ['Global Research', 'Centre for Research on Globalization'];

  it.each([
    'The original source of this article is Global Research',
    'Become a Member of Global Research',
    'The Centre for Research on Globalization will not be responsible for any inaccurate or incorrect statement in this article',
    // Case and punctuation are folded as in page text.
    'the original source of this article is GLOBAL-RESEARCH.',
  ])('accepts %j', (byline) => {
    expect(bylineDistinctiveness(byline, names)).toBeNull();
  });

  it.each<[string, readonly string[], RegExp]>([
    ['of', names, /at least 3 words, found 1/],
    ['Global Research', names, /at least 3 words, found 2/],
    ['read more of the news', names, /made only of common words/],
    ['This article first appeared elsewhere', names, /must name its publisher/],
    // A name made of common words names nobody.
    ['Steppe Courier news today', ['News'], /must name its publisher/],
  ])('refuses %j', (byline, publisherNames, reason) => {
    expect(bylineDistinctiveness(byline, publisherNames)).toMatch(reason);
  });
});
