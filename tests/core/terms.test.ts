import { describe, expect, it } from 'vitest';
import { inRange, parseTerm, withinOneEdit, wordMatches } from '../../src/core/terms.ts';

describe('terms', () => {
  it('reads number ranges, word beginnings and words in any script', () => {
    expect(parseTerm('<50-60> km')).toMatchObject({ words: ['<50-60>', 'km'], prefix: false });
    expect(parseTerm('напад*')).toMatchObject({ words: ['напад'], prefix: true });
    expect(parseTerm('2019年11月')).toMatchObject({ words: ['2019', '年', '11', '月'], prefix: false, joined: [true, true, true, false] });
    // The middle dot separates: ブ and ウ are not written together, so they cannot key the name.
    expect(parseTerm('ヒズブ・ウッ').joined).toEqual([true, true, false, true, false]);
  });
  it.each([
    ['<50-60>', '55', true],
    ['<50-60>', '60', true],
    ['<50-60>', '61', false],
    ['<50-60>', 'km', false],
  ])('range %s holds %s: %s', (w, token, ok) => expect(inRange(w, token)).toBe(ok));
  it.each([
    ['dushambe', 'dushanbe', true],
    ['sultanobod', 'sultonobod', true],
    ['qubodiyen', 'qubodiyon', true],
    ['dushnabe', 'dushanbe', true], // two letters swapped
    ['dushanb', 'dushanbe', true],
    ['dushambee', 'dushanbe', false],
    ['dashambe', 'dushanbe', false],
  ])('%s is one edit from %s: %s', (a, b, ok) => expect(withinOneEdit(a, b)).toBe(ok));
  it('allows one edit only on a long word of a tolerant concept', () => {
    expect(wordMatches('dushambe', 'dushanbe', true, false, null, true)).toBe(true);
    expect(wordMatches('dushambe', 'dushanbe', true, false, null, false)).toBe(false);
    expect(wordMatches('rudaky', 'rudaki', true, false, null, true)).toBe(false); // too short to guess
  });
});
