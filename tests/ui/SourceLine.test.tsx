// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../../src/core/dataset-types.ts';
import { AlsoReported, Citation, SourceLine } from '../../src/ui/SourceLine.tsx';
import { langOf, mount, text, useUiLocale } from './render.ts';

const source = (over: Partial<SourceRef> = {}): SourceRef => ({
  title: 'Statement on the border attack',
  author: 'A. Karimov',
  publisher: 'Example Agency',
  date: '2019-11-06',
  url: 'https://agency.example/statement',
  ...over,
});

describe('SourceLine', () => {
  it('reads title, author, then publisher, then the date', () => {
    const el = mount(<SourceLine source={source()} />);
    expect(text(el)).toBe('Source: Statement on the border attack (opens in a new tab), A. Karimov, Example Agency, Nov 6, 2019');
  });

  it('links the title to an http(s) source in a new tab, saying so to screen readers', () => {
    const link = mount(<SourceLine source={source()} />).querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://agency.example/statement');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text(link?.querySelector('.sr-only'))).toBe('(opens in a new tab)');
  });

  it.each([['javascript:alert(1)'], ['https://agency.example/' + 'a'.repeat(5000)], [undefined]])('shows the title as text, not a link, for %s', (url) => {
    const el = mount(<SourceLine source={source({ url })} />);
    expect(el.querySelector('a')).toBeNull();
    expect(text(el.querySelector('cite'))).toBe('Statement on the border attack');
  });

  it('leaves out the parts the dataset does not give, and names who relayed it', () => {
    const el = mount(<SourceLine source={{ title: 'Report on the claim', publisher: 'Example Research', date: '', via: 'Example Wire' }} label="Published in" />);
    expect(text(el)).toBe('Published in Report on the claim, Example Research (as reported by Example Wire)');
  });

  it('shows the date in the UI language', () => {
    useUiLocale('ru');
    const el = mount(<SourceLine source={source()} />);
    expect(text(el.querySelector('time'))).toBe('6 нояб. 2019 г.');
    expect(el.querySelector('time')?.getAttribute('datetime')).toBe('2019-11-06');
  });

  it('marks the dataset strings as English and leaves the label in the UI language', () => {
    const el = mount(
      <div lang="ru">
        <SourceLine source={source()} />
      </div>,
    );
    expect(langOf(el.querySelector('cite'))).toBe('en');
    expect([...el.querySelectorAll('.source > span')].map(langOf)).toEqual(['en', 'en']);
    expect(langOf(el.querySelector('.source'))).toBe('ru');
  });
});

describe('Citation', () => {
  it('is the source line without its label, for lists of sources', () => {
    const el = mount(
      <ul>
        <li>
          <Citation source={source({ author: undefined })} />
        </li>
      </ul>,
    );
    expect(text(el.querySelector('li'))).toBe('Statement on the border attack (opens in a new tab), Example Agency, Nov 6, 2019');
  });
});

describe('Citation, for a publication in another language', () => {
  const russian = source({ title: 'Нападение на погранзаставу', author: undefined, lang: 'ru' });

  it('names the language after the title, and has the title read in it', () => {
    const el = mount(<Citation source={russian} />);
    expect(text(el)).toBe('Нападение на погранзаставу (opens in a new tab) (Russian), Example Agency, Nov 6, 2019');
    expect(langOf(el.querySelector('cite'))).toBe('ru');
  });

  it('does not name the language when the UI is in it', () => {
    useUiLocale('ru');
    const el = mount(<Citation source={russian} />);
    expect(text(el)).not.toMatch(/Russian|русский/i);
    expect(langOf(el.querySelector('cite'))).toBe('ru');
  });
});

describe('AlsoReported', () => {
  const more = [
    source({ title: 'Нападение на погранзаставу', author: undefined, publisher: 'Example Wire', url: 'https://wire.example/border-post', lang: 'ru' }),
    source({ title: 'Night attack on an outpost', author: undefined, publisher: 'Example Daily', date: '2019-11-07', url: undefined }),
  ];

  it('is a native disclosure, closed, whose summary says what it holds', () => {
    const details = mount(<AlsoReported appearances={more} />).querySelector('details');
    expect(details?.open).toBe(false);
    // The summary comes first, so the browser makes it the keyboard-operable toggle (Enter, Space).
    expect(details?.firstElementChild?.localName).toBe('summary');
    expect(text(details?.querySelector('summary'))).toBe('Also reported by (2)');
  });

  it('lists each further publication with its own link, language and date', () => {
    const el = mount(<AlsoReported appearances={more} />);
    expect([...el.querySelectorAll('details li')].map(text)).toEqual([
      'Нападение на погранзаставу (opens in a new tab) (Russian), Example Wire, Nov 6, 2019',
      'Night attack on an outpost, Example Daily, Nov 7, 2019',
    ]);
    expect([...el.querySelectorAll('details a')].map((a) => a.getAttribute('href'))).toEqual(['https://wire.example/border-post']);
  });

  it('counts in the UI language', () => {
    useUiLocale('fa');
    expect(text(mount(<AlsoReported appearances={more} />).querySelector('summary'))).toContain('(۲)');
  });

  it.each([[undefined], [[]]])('shows nothing when there are no further publications (%j)', (appearances) => {
    expect(mount(<AlsoReported appearances={appearances} />).innerHTML).toBe('');
  });
});
