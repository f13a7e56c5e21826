// @vitest-environment happy-dom
/**
 * Work bounded whatever the page: a paragraph naming the incident thousands of times gets a few
 * marks (the longest phrase kept), a page of thousands of mentions a capped number, description rules
 * read a bounded window around their anchor word however big the block, and the observer's roots
 * reduce to the outermost ones. The scanner and marker as they run in the page, with the compiled
 * index served from a fake storage and the UI module stubbed. The browser tests measure the tasks
 * (tests/e2e/hostile-2.e2e.ts).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/content/ext.ts', () => import('./fake-page.ts').then((m) => m.fakeExt));
vi.mock('../../src/content/ui/index.ts', () => import('./fake-page.ts').then((m) => m.fakeUi));

const { IndexReader } = await import('../../src/content/index-reader.ts');
const { MAX_MARKS, MAX_MARKS_PER_NODE } = await import('../../src/content/kept-matches.ts');
const { Marker } = await import('../../src/content/marker.ts');
const { outermost } = await import('../../src/content/observer.ts');
const { scan } = await import('../../src/content/scanner.ts');
const { RULE_WINDOW } = await import('../../src/content/text-windows.ts');

type Reader = NonNullable<Awaited<ReturnType<typeof IndexReader.open>>>;
let reader: Reader;
beforeAll(async () => {
  const r = await IndexReader.open();
  if (!r) throw new Error('no index in the fake storage');
  reader = r;
});

const scanPage = (html: string) => {
  document.body.innerHTML = html;
  return scan(document, reader, { signal: new AbortController().signal, minConfidence: 0.5 });
};
const marker = (): InstanceType<typeof Marker> => {
  let n = 0;
  return new Marker(async () => (await import('../../src/content/ui/index.ts')) as never, { site: 'example.test', highlight: false, nextMarkId: () => `m${++n}` });
};

describe('marks per text node and per page', () => {
  it('gives a paragraph that names a publisher 3,000 times a few marks, not 3,000, each the longest phrase', async () => {
    const found = await scanPage(`<article><p>${'A statement of the Central Media Office of Hizb ut Tahrir. '.repeat(3000)}</p></article>`);
    const named = found.filter((m) => m.id === 'hizb-ut-tahrir-cmo');
    expect(named.length).toBe(MAX_MARKS_PER_NODE);
    // The name inside the longer phrase is dropped, not counted against the cap.
    expect(new Set(named.map((m) => m.text))).toEqual(new Set(['Central Media Office of Hizb ut Tahrir']));
  });

  it('keeps the longest phrase when names overlap, and a name on its own beside it', async () => {
    const found = await scanPage('<p>The Central Media Office of Hizb ut Tahrir wrote; Hizb ut Tahrir later denied it.</p>');
    expect(found.filter((m) => m.id === 'hizb-ut-tahrir-cmo').map((m) => m.text)).toEqual(['Central Media Office of Hizb ut Tahrir', 'Hizb ut Tahrir']);
  });

  it('marks at most MAX_MARKS on a page of thousands of naming paragraphs', async () => {
    const found = await scanPage(`<article>${'<p>Officials spoke of the Ishkobod attack.</p>'.repeat(MAX_MARKS + 100)}</article>`);
    expect(found.length).toBeGreaterThan(MAX_MARKS);
    const m = marker();
    await m.add(found, new Map());
    expect(m.marks.size).toBe(MAX_MARKS);
    // A rescan adds none twice and none past the cap.
    await m.add(found, new Map());
    expect(m.marks.size).toBe(MAX_MARKS);
    // Marks removed make room again.
    const ids = [...m.marks.keys()].slice(0, 10);
    for (const id of ids) m.remove(id);
    await m.add(found, new Map());
    expect(m.marks.size).toBe(MAX_MARKS);
    m.clear();
  });
});

describe('description rules read a bounded window around their anchor', () => {
  const filler = (chars: number): string => 'The weather was mild and the markets were quiet. '.repeat(Math.ceil(chars / 50)).slice(0, chars);
  const description = 'Tajik officials said militants attacked a border outpost near Uzbekistan in November 2019.';

  it('finds a description next to its anchor in a block of a million characters', async () => {
    const found = await scanPage(`<div>${filler(500_000)} ${description} ${filler(500_000)}</div>`);
    expect(found.filter((m) => m.via === 'description').map((m) => m.id)).toEqual(['ishkobod-2019']);
  });

  it('does not assemble a description from words further apart than the window', async () => {
    const far = filler(RULE_WINDOW.before * 3);
    const found = await scanPage(`<div>Tajik ${far} officials said militants attacked ${far} a border outpost ${far} near Uzbekistan in November 2019.</div>`);
    expect(found.filter((m) => m.via === 'description')).toEqual([]);
  });

  it('still reads a whole ordinary paragraph', async () => {
    const found = await scanPage(`<p>Tajik ${filler(600)} officials said militants attacked a border outpost near Uzbekistan.</p>`);
    expect(found.filter((m) => m.via === 'description').map((m) => m.id)).toEqual(['ishkobod-2019']);
  });
});

describe('the observer’s roots', () => {
  it('keeps only the roots not inside another, in their order, once each', () => {
    document.body.innerHTML = '<ul id="a"><li id="a1"><b id="a1b">x</b></li><li id="a2">y</li></ul><p id="p">z</p><div id="d"><span id="s">w</span></div>';
    const el = (id: string): Node => document.getElementById(id) as Node;
    const roots = [el('a1b'), el('a1'), el('p'), el('a'), el('s'), el('p'), el('a2')];
    expect(outermost(roots)).toEqual([el('p'), el('a'), el('s')]);
  });

  it('reduces thousands of appended items under one dirty list to that list', () => {
    const list = document.createElement('ol');
    document.body.replaceChildren(list);
    const items: Node[] = [];
    for (let i = 0; i < 5000; i++) items.push(list.appendChild(document.createElement('li')));
    expect(outermost(items)).toHaveLength(5000);
    expect(outermost([...items, list])).toEqual([list]);
  });
});
