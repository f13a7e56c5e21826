// @vitest-environment happy-dom
/**
 * Property: whatever the page's DOM, marking it and removing the marks gives back the DOM byte for
 * byte, and the names planted in it are found (the scanner and marker as they run in the page, with
 * the compiled index served from a fake storage and the UI module stubbed).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/content/ext.ts', () => import('./fake-page.ts').then((m) => m.fakeExt));
vi.mock('../../src/content/ui/index.ts', () => import('./fake-page.ts').then((m) => m.fakeUi));

const { IndexReader } = await import('../../src/content/index-reader.ts');
const { Marker } = await import('../../src/content/marker.ts');
const { scan } = await import('../../src/content/scanner.ts');

const NAMES = ['Ishkobod', 'Ishqobod', 'Ишкобод', 'Ишқобод', 'Global Research', 'Hizb ut-Tahrir'];
const WORDS = ['the', 'border', 'post', 'report', 'officials', 'said', 'markets', 'Dushanbe', 'weather', 'река', 'новости', '2019', '—', '«', '»'];
const INLINE = ['b', 'em', 'span', 'a', 'i', 'strong'];
const BLOCK = ['p', 'div', 'li', 'h2', 'blockquote', 'td'];

type Tree = { tag: string; children: Tree[] } | string;

const text = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...NAMES) }), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.record({ tag: fc.constantFrom(...INLINE, ...BLOCK), children: fc.array(tie('node'), { maxLength: 4 }) }),
  ),
})).node;

function build(t: Tree, parent: Node): void {
  if (typeof t === 'string') {
    parent.appendChild(document.createTextNode(t));
    return;
  }
  const el = document.createElement(t.tag);
  if (t.tag === 'a') el.setAttribute('href', '/elsewhere');
  for (const c of t.children) build(c, el);
  parent.appendChild(el);
}

describe('mark and unmark', () => {
  let reader: Awaited<ReturnType<typeof IndexReader.open>>;
  beforeAll(async () => {
    reader = await IndexReader.open();
  });

  it('restores the page DOM byte for byte, and finds the planted names', async () => {
    expect(reader).not.toBeNull();
    let runsWithBadges = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 5 }), async (roots) => {
        document.body.replaceChildren();
        const article = document.createElement('article');
        for (const r of roots) build(r, article);
        document.body.appendChild(article);
        const before = document.body.innerHTML;
        const planted = (document.body.textContent ?? '').match(/Ishkobod|Ishqobod|Ишкобод|Ишқобод/g)?.length ?? 0;

        let marks = 0;
        const nextMarkId = (): string => `m${++marks}`;
        const marker = new Marker(async () => (await import('../../src/content/ui/index.ts')) as never, { site: 'example.test', highlight: false, nextMarkId });
        const matches = await scan(document, reader!, { signal: new AbortController().signal, minConfidence: 0.5 });
        await marker.add(matches, new Map());
        const incident = matches.filter((m) => m.kind === 'incident' && m.via === 'name');
        // Every planted incident name is found (words may run together across elements, so at least
        // as many as are separated by spaces are; never more than planted).
        expect(incident.length).toBeLessThanOrEqual(planted);
        if (planted > 0 && !/[A-Za-zА-я0-9](Ishkobod|Ishqobod|Ишкобод|Ишқобод)|(Ishkobod|Ishqobod|Ишкобод|Ишқобод)[A-Za-zА-я0-9]/.test(article.textContent ?? '')) {
          expect(incident.length).toBe(planted);
        }
        if (document.querySelector('source-context-badge')) runsWithBadges++;
        marker.clear();
        expect(document.body.innerHTML).toBe(before);
      }),
      { numRuns: 150 },
    );
    // The property was exercised on pages that really got badges, not only on empty ones.
    expect(runsWithBadges).toBeGreaterThan(20);
  });
});
