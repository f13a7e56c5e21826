// @vitest-environment happy-dom
/**
 * The scanner on whole pages, with the bundled data compiled into a fake storage: names whose
 * blocks touch, an ambiguous name with and without its context (and the context as its evidence),
 * descriptions in languages only the concepts' words cover, and the cost of a page full of the
 * rules' vocabulary with no incident: it places no hit in the DOM and evaluates no rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { compileIndex } from '../../src/core/index-compiler.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';

const dataset = JSON.parse(readFileSync(join(process.cwd(), 'src/data/dataset.json'), 'utf8')) as Dataset;
const storage = compileIndex([dataset], 'scan');

vi.mock('../../src/content/ext.ts', () => ({
  ext: () => null,
  storageLocalGet: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in storage).map((k) => [k, storage[k]])),
  storageSyncGet: async () => ({}),
}));

const { IndexReader } = await import('../../src/content/index-reader.ts');
const { scan, scanStats } = await import('../../src/content/scanner.ts');

async function scanBody(body: string, lang = 'en') {
  document.documentElement.lang = lang;
  document.body.innerHTML = body;
  const reader = await IndexReader.open();
  if (!reader) throw new Error('no index');
  return scan(document, reader, { signal: new AbortController().signal, minConfidence: 0.5 });
}
const corpusPage = (file: string): string => {
  const html = readFileSync(join(process.cwd(), 'tests/fixtures/corpus', file), 'utf8');
  return /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? html;
};
const incidentTexts = async (body: string): Promise<string[]> => (await scanBody(body)).filter((m) => m.kind === 'incident').map((m) => m.text);

describe('block edges are spaces in the reading', () => {
  it.each([
    ['list items', '<ul><li>Khorog</li><li>Ishkobod</li><li>Panj</li></ul>', 'Ishkobod'],
    ['table cells', '<table><tr><td>2019</td><td>Ishkobod</td><td>Rudaki</td></tr></table>', 'Ishkobod'],
    ['definition terms', '<dl><dt>Хорог</dt><dd>центр ГБАО.</dd><dt>Ишкобод</dt><dd>застава у границы.</dd></dl>', 'Ишкобод'],
    ['a heading and its paragraph', '<h3>Ishqobod</h3><p>The post on the frontier.</p>', 'Ishqobod'],
    ['adjacent divs', '<div class="tags"><div>Khatlon</div><div>Ishkobod</div><div>Rasht</div></div>', 'Ishkobod'],
    ['a figure caption and its list', '<figure><figcaption>Posts named in 2020</figcaption><ul><li>Khorog</li><li>Ishkobod</li></ul></figure>', 'Ishkobod'],
  ])('finds a name between %s', async (_what, body, name) => {
    expect(await incidentTexts(body)).toContain(name);
  });

  it('still reads a name split by inline markup as one word', async () => {
    expect(await incidentTexts('<p>the Ish<b>kob</b><span>od</span> post</p>')).toEqual(['Ishkobod']);
  });

  it('reads a byline line after a <br> as a name, not as part of the next line', async () => {
    const found = await scanBody('<blockquote><p>By Omid Rahimi<br>Global Research<br>November 26, 2019<br>Region: Asia</p></blockquote>');
    expect(found.filter((m) => m.kind === 'publisher').map((m) => m.id)).toEqual(['global-research']);
  });
});

describe('an ambiguous name', () => {
  it('is marked with its context, which it carries as evidence', async () => {
    const found = (await scanBody(corpusPage('fa-amb-01.html'), 'fa')).filter((m) => m.kind === 'incident' && m.via === 'name');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.evidence).toEqual(['A border post: پاسگاه', 'Tajikistan: تاجیکستان']);
  });

  it.each(['fa-near-01.html', 'fa-near-02.html', 'fa-near-03.html', 'ar-near-01.html', 'ur-near-01.html'])('is not marked without it (%s)', async (file) => {
    expect(await incidentTexts(corpusPage(file))).toEqual([]);
  });
});

describe('descriptions in the languages of the coverage', () => {
  it.each(['ar-desc-01.html', 'fa-desc-01.html', 'zh-desc-01.html', 'ja-desc-01.html', 'ko-desc-01.html', 'ka-desc-01.html', 'tr-desc-01.html', 'en-desc-09.html'])('describes the incident in %s, in its description paragraph', async (file) => {
    const found = (await scanBody(corpusPage(file))).filter((m) => m.kind === 'incident');
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) {
      expect(m.via).toBe('description');
      expect(m.block?.closest('[data-corpus="description"]')).not.toBeNull();
    }
  });
});

describe('cost follows candidates', () => {
  const para = (i: number): string =>
    `<p>Officials in Dushanbe said on day ${i} that Tajikistan would raise spending on the border with Afghanistan; the police and security forces in Tajikistan's capital Dushanbe were reorganised, and border guards received new trucks.</p>`;

  it('evaluates no rule and walks no text node on a page full of the rules’ vocabulary without an attack', async () => {
    const found = await scanBody(`<main>${Array.from({ length: 300 }, (_, i) => para(i)).join('')}</main>`);
    expect(found).toEqual([]);
    expect(scanStats.hits).toBe(0);
    expect(scanStats.nodes).toBe(0);
    expect(scanStats.windows).toBe(0);
  });

  it('evaluates only the block that has every group of a rule', async () => {
    const description = '<p>In November 2019 gunmen attacked a Tajik border post on the Uzbek frontier.</p>';
    const found = await scanBody(`<main>${Array.from({ length: 150 }, (_, i) => para(i)).join('')}${description}${Array.from({ length: 150 }, (_, i) => para(i)).join('')}</main>`);
    expect(found.map((m) => m.via)).toEqual(['description']);
    expect(scanStats.windows).toBe(1);
  });
});
