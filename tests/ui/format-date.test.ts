import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/ui/format-date.ts';
import { useUiLocale } from './render.ts';

describe('formatDate: dataset dates in the UI language, at their own precision', () => {
  it.each([
    ['2019-11-06', 'Nov 6, 2019'],
    ['2019-11', 'Nov 2019'],
    ['2019', '2019'],
    ['0999-01-01', 'Jan 1, 999'],
  ])('shows %s as %s in English', (iso, shown) => {
    expect(formatDate(iso, 'en')).toBe(shown);
  });

  it('follows the UI locale, not a fixed one', () => {
    useUiLocale('ru');
    expect(formatDate('2019-11-06')).toBe('6 нояб. 2019 г.');
    expect(formatDate('2019-11')).toBe('нояб. 2019 г.');
  });

  it.each([
    ['a day the month does not have', '2019-02-30'],
    ['a thirteenth month', '2019-13'],
    ['a date with a time', '2019-11-06T10:00'],
    ['words', 'early November'],
  ])('shows %s as written', (_what, iso) => {
    expect(formatDate(iso, 'en')).toBe(iso);
  });
});
