import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIndex } from '../../src/core/index-compiler.ts';
import { parseMeta, parsePhraseShard, tokenShardKey, tokenShardOf, type PhraseEntry } from '../../src/core/detection-index.ts';
import { compileConcepts } from '../../src/core/concept-compiler.ts';
import { WordScanner, verifyHit } from '../../src/core/matcher.ts';
import { RuleWindow, evaluateRules } from '../../src/core/rules.ts';
import { foldText, hashKey, keyOf } from '../../src/core/normalize.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';

function dataset(aliases: { text: string; lang: string; caseSensitive?: boolean }[], publisherAliases: { text: string; lang: string; caseSensitive?: boolean }[] = []): Dataset {
  return {
    schemaVersion: 1,
    contentVersion: '2026.11.22',
    name: 'test',
    incidents: [
      {
        id: 'ishkobod-2019',
        title: 'Attack on the Ishkobod border outpost, 6 November 2019',
        summary: 's',
        date: '2019-11-06',
        place: 'Ishkobod',
        country: 'Tajikistan',
        aliases,
        relatedPlaces: [],
        descriptionRules: [],
        keyFigures: [],
        claimIds: ['a', 'b'],
        sources: [],
      },
    ],
    claims: [],
    publishers: [
      {
        id: 'global-research',
        name: 'Global Research',
        aliases: publisherAliases,
        domains: ['globalresearch.ca'],
        bylines: ['The original source of this article is Global Research'],
        statedAffiliation: [],
        thirdParty: [],
        authorIds: [],
      },
    ],
    authors: [],
  };
}

const NAMES = [
  { text: 'Ishkobod', lang: 'en' },
  { text: 'Ishqobod', lang: 'en' },
  { text: 'Ishkobod border outpost', lang: 'en' },
  { text: 'Ишкобод', lang: 'ru' },
  { text: 'Ишқобод', lang: 'tg' },
];

/** Everything the matcher finds in `text` with the compiled index: [record id, matched text]. */
function find(text: string, ds: Dataset = dataset(NAMES, [{ text: 'Global Research', lang: 'en', caseSensitive: true }])): { id: string; text: string; start: number; role: string }[] {
  const entries = compileIndex([ds], 'g');
  const parsed = parseMeta(entries['idx:meta']);
  if (!parsed) throw new Error('no meta');
  const all: PhraseEntry[] = Object.entries(entries)
    .filter(([k]) => k.startsWith('idx:g:t:'))
    .flatMap(([, v]) => parsePhraseShard(v));
  const words = new WordScanner(parsed.filter);
  words.feed(text, 0);
  words.breakWord();
  const out: { id: string; text: string; start: number; role: string }[] = [];
  for (let h = 0; h < words.hits.length; h += 3) {
    for (const m of verifyHit(text, words.hits[h + 1] as number, all)) out.push({ id: m.entry.id, text: text.slice(m.start, m.end), start: m.start, role: m.entry.r });
  }
  return out;
}

describe('folding', () => {
  it.each([
    ['Ishqóbod', 'ishqobod'],
    ['ИШҚОБОД', 'ишкобод'],
    ['Ish\u00adkobod', 'ishkobod'],
    ['Ish\u200bkobod', 'ishkobod'],
    ['Qala-i-Zal', 'qala i zal'],
    ['Qala\u2011i\u2011Zal', 'qala i zal'],
    ['Ishkobod\u00a0outpost', 'ishkobod outpost'],
    ['Ёлка', 'елка'],
    ['ＩＳＨＫＯＢＯＤ', 'ishkobod'],
  ])('folds %j to %j', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});

describe('names', () => {
  describe('matches', () => {
    it.each([
      ['Militants attacked the Ishkobod outpost at night.', 'Ishkobod'],
      ['the Ishqobod post', 'Ishqobod'],
      ['ISHKOBOD', 'ISHKOBOD'],
      ['An attack on the Ish\u00adkobod outpost', 'Ish\u00adkobod'],
      ['“Ishkobod”', 'Ishkobod'],
      ["Ishkobod's garrison", 'Ishkobod'],
      ['на заставе Ишкобод ночью', 'Ишкобод'],
      ['у Ишкобода', 'Ишкобода'],
      ['в Ишкободе', 'Ишкободе'],
      ['посгоҳи сарҳадии Ишқобод', 'Ишқобод'],
      ['Ишқободро', 'Ишқободро'],
      ['the Ishkobod border outpost was', 'Ishkobod border outpost'],
      ['the Ishkobod\u00a0border\u00a0outpost', 'Ishkobod\u00a0border\u00a0outpost'],
    ])('finds the incident in %j', (text, matched) => {
      const found = find(text).filter((f) => f.id === 'ishkobod-2019');
      expect(found.map((f) => f.text)).toContain(matched);
    });

    it('finds a case-sensitive publisher name only as written', () => {
      expect(find('according to Global Research, the').map((f) => f.id)).toContain('global-research');
      expect(find('funding for global research on vaccines').map((f) => f.id)).not.toContain('global-research');
      expect(find('the Global Research Council met in May').map((f) => f.id)).not.toContain('global-research');
      expect(find('as Global Research reported').map((f) => f.id)).toContain('global-research');
    });

    it('finds a byline phrase', () => {
      const found = find('The original source of this article is Global Research. Copyright');
      expect(found.some((f) => f.role === 'byline' && f.id === 'global-research')).toBe(true);
    });
  });

  describe('does not match', () => {
    it.each([
      ['The road to Ishkoshim follows the Panj.'],
      ['Ishkashim market reopened'],
      ['Ashgabat hosted the summit'],
      ['Ишкашим'],
      ['Ishkobodi'],
      ['Ishkobodabad'],
      ['preIshkobod'],
      ['Ишкободский'],
    ])('finds nothing in %j', (text) => {
      expect(find(text).filter((f) => f.id === 'ishkobod-2019')).toEqual([]);
    });
  });
});

describe('offsets (property)', () => {
  const filler = fc.stringMatching(/^[a-zA-Zа-яА-Я0-9 ,.;:!?()\n-]{0,80}$/);
  it('finds every planted name at exactly its offset', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, fc.constantFrom(...NAMES.map((n) => n.text))), { minLength: 1, maxLength: 6 }), filler, (parts, tail) => {
        let text = '';
        const planted: { start: number; name: string }[] = [];
        for (const [before, name] of parts) {
          text += before + ' ';
          planted.push({ start: text.length, name });
          text += name + ' ';
        }
        text += tail;
        const found = find(text);
        for (const p of planted) {
          expect(found.some((f) => f.start === p.start && f.text.startsWith(p.name))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds nothing in random text without the names', () => {
    fc.assert(
      fc.property(filler, (text) => {
        fc.pre(!/ishkobod|ishqobod|ишкобод|global research/i.test(text));
        expect(find(text).filter((f) => f.role !== 'byline')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scale', () => {
  it('finds planted names among 50,000 patterns, and nothing in random text', () => {
    const syll = ['ka', 'ro', 'vash', 'tun', 'mi', 'zel', 'bor', 'qa', 'dun', 'shi', 'lo', 'pre', 'vex'];
    const rand = (seed: number): (() => number) => () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const r = rand(7);
    const names = new Set<string>();
    while (names.size < 50_000) {
      let w = '';
      const n = 3 + Math.floor(r() * 3);
      for (let i = 0; i < n; i++) w += syll[Math.floor(r() * syll.length)];
      names.add(w[0]!.toUpperCase() + w.slice(1) + 'stan');
    }
    const list = [...names];
    const ds = dataset(list.map((text) => ({ text, lang: 'en' })));
    const entries = compileIndex([ds], 'g');
    const parsed = parseMeta(entries['idx:meta'])!;
    const planted = [list[17]!, list[25_000]!, list[49_999]!];
    const text = `Reports from ${planted[0]} said that ${planted[1]} and ${planted[2]} were quiet. The weather is fine today.`;
    const words = new WordScanner(parsed.filter);
    words.feed(text, 0);
    words.breakWord();
    const found: string[] = [];
    for (let h = 0; h < words.hits.length; h += 3) {
      const hash = words.hits[h + 2] as number;
      const shard = parsePhraseShard(entries[tokenShardKey('g', tokenShardOf(hash, parsed.meta.tokenShards))]);
      for (const m of verifyHit(text, words.hits[h + 1] as number, shard)) found.push(text.slice(m.start, m.end));
    }
    expect(found.sort()).toEqual([...planted].sort());
    // A filter the size of ~10 bits per key: a content script reads this much on a page with no match.
    expect(parsed.meta.filter.bytes.length).toBeLessThan(100_000);
    expect(hashKey(keyOf('ishkobod'))).toBe(hashKey('ishko'));
  });
});

describe('descriptions (rules that list their own terms)', () => {
  const rules = [
    {
      all: [['tajik*'], ['attack*', 'assault*', 'raid*'], ['outpost*', 'border post*', 'frontier post*']],
      pins: [
        { terms: ['uzbek*'], weight: 0.4, label: 'near the Uzbek border' },
        { terms: ['islamic state', 'isis', 'amaq'], weight: 0.4, label: 'claimed by Islamic State' },
        { terms: ['november 2019'], weight: 0.4, label: 'November 2019' },
      ],
      minPins: 1,
      exclude: ['kyrgyz*', 'batken', '2021', '2022'],
    },
  ];
  const ds = dataset([]);
  ds.incidents[0]!.descriptionRules = rules;
  const compiled = compileConcepts([ds]);
  const evaluate = (text: string) => evaluateRules(new RuleWindow(text, compiled.concepts), compiled.rules.get('ishkobod-2019') ?? []);
  it('matches a description that pins the event, with its evidence', () => {
    const d = evaluate('Gunmen attacked a border post on the Tajik-Uzbek frontier in November 2019, and Islamic State later claimed it.');
    expect(d?.confidence).toBe(1);
    expect(d?.evidence).toContain('near the Uzbek border: Uzbek');
  });
  it.each([
    ['Kyrgyz and Tajik troops exchanged fire at a border post near Batken in 2021.'],
    ['A Tajik border post came under attack from the Afghan side.'],
    ['The outpost was attacked in a video game set in Tajik mountains.'.replace('attacked', 'visited')],
  ])('does not match %j', (text) => {
    expect(evaluate(text)).toBeNull();
  });
});
