import { describe, expect, it } from 'vitest';
import { MAX_DISMISSALS, addDismissal, dismissedOn, makeDismissal, readDismissals, removeDismissal } from '../../src/core/dismissals.ts';

const at = 1_700_000_000_000;
const ishkobod = makeDismissal('www.news.example', 'incident', 'ishkobod-2019', 'Attack on the Ishkobod border outpost', ' Ishkobod ', at);

describe('dismissals: a mark the reader hid, for that text on that site', () => {
  it('keys the site as site settings do and keeps the text as shown and folded', () => {
    expect(ishkobod).toEqual({ site: 'news.example', kind: 'incident', id: 'ishkobod-2019', name: 'Attack on the Ishkobod border outpost', text: 'Ishkobod', folded: 'ishkobod', at });
  });

  describe('hides', () => {
    it.each([
      ['the same text', 'news.example', 'incident', 'ishkobod-2019', 'Ishkobod'],
      ['the text in other letter case', 'news.example', 'incident', 'ishkobod-2019', 'ISHKOBOD'],
      ['the text with punctuation around it', 'news.example', 'incident', 'ishkobod-2019', '“Ishkobod”'],
      ['the site with www.', 'www.news.example', 'incident', 'ishkobod-2019', 'Ishkobod'],
    ] as const)('%s', (_what, host, kind, id, text) => {
      expect(dismissedOn([ishkobod], host)(kind, id, text)).toBe(true);
    });
  });

  describe('does not hide', () => {
    it.each([
      ['another site', 'other.example', 'incident', 'ishkobod-2019', 'Ishkobod'],
      ['a subdomain of the site', 'live.news.example', 'incident', 'ishkobod-2019', 'Ishkobod'],
      ['another text of the same record', 'news.example', 'incident', 'ishkobod-2019', 'Ishkobod border post'],
      ['another record with the same text', 'news.example', 'incident', 'other-incident', 'Ishkobod'],
      ['a publisher mark with the same text', 'news.example', 'publisher', 'ishkobod-2019', 'Ishkobod'],
    ] as const)('%s', (_what, host, kind, id, text) => {
      expect(dismissedOn([ishkobod], host)(kind, id, text)).toBe(false);
    });
  });

  it('keeps one entry when the same text is hidden twice, and removes it on undo', () => {
    const again = { ...ishkobod, at: at + 1 };
    const list = addDismissal(addDismissal([], ishkobod), again);
    expect(list).toEqual([again]);
    expect(removeDismissal(list, ishkobod)).toEqual([]);
  });

  it('repairs a stored list: unreadable entries go, readable ones stay', () => {
    expect(readDismissals([ishkobod, { site: 'x' }, 'junk'])).toEqual({ list: [ishkobod], repaired: true });
    expect(readDismissals([ishkobod])).toEqual({ list: [ishkobod], repaired: false });
    expect(readDismissals(undefined)).toEqual({ list: [], repaired: false });
    expect(readDismissals({ not: 'a list' })).toEqual({ list: [], repaired: true });
  });

  it(`keeps at most ${MAX_DISMISSALS} entries, the newest`, () => {
    let list = Array.from({ length: MAX_DISMISSALS }, (_, i) => makeDismissal('news.example', 'incident', 'ishkobod-2019', 'x', `text ${i}`, i));
    list = addDismissal(list, makeDismissal('news.example', 'incident', 'ishkobod-2019', 'x', 'newest', 1e9));
    expect(list).toHaveLength(MAX_DISMISSALS);
    expect(list.at(-1)?.text).toBe('newest');
    expect(list[0]?.text).toBe('text 1');
  });
});
