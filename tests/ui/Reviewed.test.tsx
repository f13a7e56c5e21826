// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { Reviewed } from '../../src/ui/Reviewed.tsx';
import { mount, text, useUiLocale } from './render.ts';

describe('Reviewed', () => {
  it('says when the context was last reviewed, the date as a <time> in the UI locale', () => {
    const el = mount(<Reviewed iso="2026-12-01" />);
    expect(text(el)).toBe('Context reviewed Dec 1, 2026');
    expect(el.querySelector('p.reviewed time')?.getAttribute('datetime')).toBe('2026-12-01');
  });

  it('formats the date for the UI language', () => {
    useUiLocale('ru');
    expect(text(mount(<Reviewed iso="2026-12-01" />).querySelector('time'))).toBe('1 дек. 2026 г.');
  });

  it('keeps the precision the record gives', () => {
    expect(text(mount(<Reviewed iso="2026-11" />))).toBe('Context reviewed Nov 2026');
  });

  it('shows nothing for a record without a review date', () => {
    expect(mount(<Reviewed iso={undefined} />).innerHTML).toBe('');
  });
});
