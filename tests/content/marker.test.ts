// @vitest-environment happy-dom
/**
 * Every highlight has its badge: on the article markup of the kinds of sites readers use (nested
 * story bodies, several <article> elements, navigation inside the article, sidebars before the
 * story), a mention in the story's body gets a badge in its own block, and a mention where no badge
 * may go (navigation, sidebars, footers) gets no highlight either.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compileIndex } from '../../src/core/index-compiler.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';

const dataset = JSON.parse(readFileSync(join(process.cwd(), 'src/data/dataset.json'), 'utf8')) as Dataset;
const storage = compileIndex([dataset], 'marks');
vi.mock('../../src/content/ext.ts', () => ({
  ext: () => null,
  storageLocalGet: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in storage).map((k) => [k, storage[k]])),
  storageSyncGet: async () => ({}),
}));
vi.mock('../../src/content/ui/index.ts', () => ({
  mountBadge: () => () => undefined,
  openPopupFor: () => undefined,
  closePopup: () => undefined,
  showBanner: () => () => undefined,
  destroyUi: () => undefined,
}));

/** The CSS Custom Highlight API as the browser has it: highlights by name, each a set of ranges. */
class FakeHighlight extends Set<Range> {}
const registry = new Map<string, FakeHighlight>();
Object.assign(globalThis, { Highlight: FakeHighlight });
Object.assign(globalThis.CSS ?? (globalThis.CSS = {} as typeof CSS), { highlights: registry });

console.log('CSS', typeof globalThis.CSS, (globalThis.CSS as unknown as { highlights?: unknown }).highlights === registry);
const { IndexReader } = await import('../../src/content/index-reader.ts');
const { Marker } = await import('../../src/content/marker.ts');
const { scan } = await import('../../src/content/scanner.ts');
const { blockOf } = await import('../../src/content/text-windows.ts');

let n = 0;
async function mark(body: string) {
  document.body.innerHTML = body;
  const reader = await IndexReader.open();
  if (!reader) throw new Error('no index');
  const matches = await scan(document, reader, { signal: new AbortController().signal, minConfidence: 0.5 });
  const marker = new Marker(async () => (await import('../../src/content/ui/index.ts')) as never, { site: 'example.com', highlight: true, nextMarkId: () => `m${++n}` });
  await marker.add(matches, new Map());
  const badges = [...document.querySelectorAll('source-context-badge')];
  const highlighted = [...(registry.get('source-context-incident') ?? [])];
  return { marker, badges, highlighted };
}

/** Each highlighted range has a badge of its record in its own block. */
function everyHighlightHasItsBadge(highlighted: Range[], badges: Element[]): void {
  for (const r of highlighted) {
    const block = blockOf(r.endContainer);
    expect(badges.some((b) => blockOf(b) === block || block?.contains(b)), `badge for “${r.toString()}”`).toBe(true);
  }
}

const story = '<p>Gunmen attacked the Ishkobod outpost on the Uzbek border, officials said; Ishkobod was sealed off.</p>';

describe('every highlight has its badge', () => {
  beforeEach(() => {
    registry.clear();
    // happy-dom has no Highlight API: the globals the browser has are stubbed for each test.
    vi.stubGlobal('Highlight', FakeHighlight);
    vi.stubGlobal('CSS', { highlights: registry });
  });

  it.each([
    ['a nested story body', `<main><div class="story"><div class="story-body"><div class="rich-text">${story}</div></div></div></main>`],
    ['a teaser article before the story', `<aside class="rail"><article class="teaser"><h3>Markets</h3><p>Prices rose.</p></article></aside><main><article>${story}</article></main>`],
    ['several articles', `<article class="promo"><p>Subscribe for the weekend edition.</p></article><article class="story"><h1>Border attack</h1>${story}</article>`],
    ['navigation inside the article', `<article><nav class="breadcrumbs"><a href="/asia">Asia</a> › <a href="/tag/ishkobod">Ishkobod</a></nav>${story}</article>`],
    ['a sidebar before the story that names it too', `<div class="page"><aside><h4>Most read</h4><ol><li><a href="/a">Ishkobod: what we know</a></li></ol></aside><main>${story}</main></div>`],
    ['an article header holding the title', `<article><header><h1>Ishkobod, a year on</h1></header>${story}</article>`],
  ])('%s: the story’s mention is badged in its block', async (_site, body) => {
    const { badges, highlighted } = await mark(body);
    const storyP = [...document.querySelectorAll('p')].find((p) => p.textContent?.includes('Gunmen attacked'));
    expect(badges.some((b) => storyP?.contains(b))).toBe(true);
    expect(highlighted.length).toBeGreaterThan(0);
    everyHighlightHasItsBadge(highlighted, badges);
  });

  it('leaves a mention in navigation, a sidebar or a footer with neither badge nor highlight', async () => {
    const { badges, highlighted, marker } = await mark(`<nav><a href="/t">Ishkobod</a></nav><main><p>Weather today.</p></main><aside><p>Ishkobod</p></aside><footer><p>Tags: Ishkobod</p></footer>`);
    expect(badges).toEqual([]);
    expect(highlighted).toEqual([]);
    // Still listed for the panel, as mentions without a badge.
    expect([...marker.marks.values()].every((m) => !m.mention.badged)).toBe(true);
  });

  it('highlights a second mention in a block that has the record’s badge', async () => {
    const { badges, highlighted } = await mark(`<main>${story}</main>`);
    expect(badges).toHaveLength(1);
    expect(highlighted).toHaveLength(2);
    expect(highlighted.every((r) => r.toString().startsWith('Ishkobod'))).toBe(true);
  });
});
