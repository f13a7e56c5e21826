/**
 * Folding, per script: what the page's text and the data's names are both turned into before they
 * are compared. Each row is a spelling seen in coverage of the incident (or its form in a headline)
 * and what it must fold to, so that one alias or term finds every way of writing it.
 */
import { describe, expect, it } from 'vitest';
import { foldText, foldedWordAt, keyAt, tokenize } from '../../src/core/normalize.ts';

describe('folding', () => {
  describe('Turkic Latin: ş and ç are one letter for sh and ch, and every i is i', () => {
    it.each([
      ['İşkobod', 'ishkobod'],
      ['İŞKOBOD', 'ishkobod'],
      ['Işkobod', 'ishkobod'],
      ['Işqobodğa', 'ishqobodga'],
      ['ISHQOBODNING', 'ishqobodning'],
      ['Duşanbe’nin', 'dushanbe nin'],
      ['Çegara', 'chegara'],
      ['TACİKİSTAN', 'tacikistan'],
      ['Täjigistanyň', 'tajigistanyn'],
      ['Oʻzbekiston', 'ozbekiston'],
      ['Straße', 'strasse'],
    ])('folds %j to %j', (input, folded) => expect(foldText(input)).toBe(folded));
  });

  describe('Arabic script: one letter for the variants Arabic, Persian, Urdu and Pashto write', () => {
    it.each([
      ['إيشقوباد', 'ايشقوباد'],
      ['إيشـــكوبود', 'ايشكوبود'], // tatweel drawn out in a headline
      ['إِيشْكُوبُود', 'ايشكوبود'], // full harakat
      ['ایشکوبود', 'ايشكوبود'], // Persian yeh and kaf
      ['ايشكوبود', 'ايشكوبود'],
      ['عشق‌آباد', 'عشق اباد'], // the zero-width non-joiner separates, as a space does
      ['عشق آباد', 'عشق اباد'],
      ['عشق أباد', 'عشق اباد'],
      ['پوستهٔ مرزی', 'پوسته مرزي'],
      ['مدرسة', 'مدرسه'],
      ['دوشنبے', 'دوشنبي'],
      ['۱۵ آبان ۱۳۹۸', '15 ابان 1398'],
      ['٦ تشرين الثاني ٢٠١٩', '6 تشرين الثاني 2019'],
    ])('folds %j to %j', (input, folded) => expect(foldText(input)).toBe(folded));
  });

  describe('other scripts of the region', () => {
    it.each([
      ['Ισκαμπόντ', 'ισκαμποντ'],
      ['ΙΣΚΑΜΠΟΝΤ', 'ισκαμποντ'],
      ['Κράτους', 'κρατουσ'],
      ['इश्कोबोद', 'इशकोबोद'], // virama ignored
      ['उज़्बेकिस्तान', 'उजबेकिसतान'], // nukta too
      ['६० किमी', '60 किमी'],
      ['৫০ কিলোমিটার', '50 কিলোমিটার'],
      ['ԻՇԿՈԲՈԴԻ', 'իշկոբոդի'],
      ['մեկ և երկու', 'մեկ եւ երկու'],
      ['מוצבים', 'מוצבימ'], // final mem
      ['ＩＳＨＫＯＢＯＤ ２０１９', 'ishkobod 2019'],
    ])('folds %j to %j', (input, folded) => expect(foldText(input)).toBe(folded));
  });

  describe('scripts without spaces: each character is a word', () => {
    it.each([
      ['第4哨所伊什科博德', '第 4 哨 所 伊 什 科 博 德'],
      ['ヒズブ・ウッ・タフリール', 'ヒ ズ ブ ウ ッ タ フ リ ー ル'],
      ['2019年11月6日', '2019 年 11 月 6 日'],
      ['이시코보드에서', '이 시 코 보 드 에 서'],
    ])('folds %j to %j', (input, folded) => expect(foldText(input)).toBe(folded));
  });

  it.each([
    ['60km', '60 km'],
    ['۵۰کیلومتری', '50 كيلومتري'],
    ['7نومبر 2019', '7 نومبر 2019'],
    ['60կմ', '60 կմ'],
  ])('reads a number glued to a word as two words: %j', (input, folded) => expect(foldText(input)).toBe(folded));

  it('keeps offsets into the original text', () => {
    const t = tokenize('«İşkobod» 伊什');
    expect(t.map((x) => [x.text, x.start, x.end])).toEqual([
      ['ishkobod', 1, 8],
      ['伊', 10, 11],
      ['什', 11, 12],
    ]);
  });
});

describe('keys', () => {
  it('keys a word by its first letters and a CJK character by it and the next', () => {
    expect(keyAt(['ishkobod', 'outpost'], 0)).toBe('ishko');
    expect(keyAt(['伊', '什', '科'], 1)).toBe('什科');
    expect(keyAt(['伊', '什'], 1)).toBe('什');
  });
  it('reads the word a hit stands for as the scanner hashed it', () => {
    expect(foldedWordAt(['the İş', 'kobod post'], 0, 4)).toBe('ishkobod');
    expect(foldedWordAt(['哨所伊什科博德'], 0, 2)).toBe('伊什');
  });
});
