/**
 * The labelled detection corpus (tests/fixtures/corpus) through the real extension: every page is
 * opened in the browser, and the badges it gets are compared with its label. Prints precision and
 * recall per group, then requires every page to get exactly what its label says: the incident badge
 * on pages that speak of the incident (by name or by description), none on near misses, hidden text
 * or plain news, and a publisher badge for each publisher the page names or links to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardEachTest } from './harness/expectations.ts';
import { FIXTURE_HOST, REPO_ROOT, browsersUnderTest, launchDriver, type Driver } from './harness/index.ts';

interface Label {
  file: string;
  group: string;
  lang: string;
  expect: { incident: boolean; publishers: string[]; descriptionOnly: boolean };
}

const CORPUS = join(REPO_ROOT, 'tests/fixtures/corpus');
const labels = JSON.parse(readFileSync(join(CORPUS, 'labels.json'), 'utf8')) as Label[];

interface Seen {
  label: Label;
  incident: boolean;
  /** Incident badges outside the paragraphs a description-only page marks as the description. */
  strayDescription: number;
  publishers: string[];
}

/** Precision and recall of one kind of mark over a group of pages. */
function score(rows: Seen[], kind: 'incident' | 'publisher'): { tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows) {
    if (kind === 'incident') {
      if (r.incident && r.label.expect.incident && r.strayDescription === 0) tp++;
      else if (r.incident && (!r.label.expect.incident || r.strayDescription > 0)) fp++;
      if (!r.incident && r.label.expect.incident) fn++;
    } else {
      const want = new Set(r.label.expect.publishers);
      for (const p of r.publishers) {
        if (want.has(p)) tp++;
        else fp++;
      }
      for (const p of want) if (!r.publishers.includes(p)) fn++;
    }
  }
  return { tp, fp, fn };
}

const pct = (a: number, b: number): string => (b === 0 ? '   –  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function report(browser: string, rows: Seen[]): string {
  const groups = [...new Set(rows.map((r) => r.label.group))].sort();
  const lines = [`Detection on the labelled corpus in ${browser} (${rows.length} pages)`, 'group                 pages  incident P / R     publisher P / R'];
  for (const g of [...groups, 'all']) {
    const sel = g === 'all' ? rows : rows.filter((r) => r.label.group === g);
    const i = score(sel, 'incident');
    const p = score(sel, 'publisher');
    lines.push(`${g.padEnd(22)}${String(sel.length).padStart(5)}  ${pct(i.tp, i.tp + i.fp)} / ${pct(i.tp, i.tp + i.fn)}   ${pct(p.tp, p.tp + p.fp)} / ${pct(p.tp, p.tp + p.fn)}`);
  }
  return lines.join('\n');
}

describe.each(browsersUnderTest())('detection corpus in %s', (browser) => {
  let driver: Driver | undefined;
  beforeAll(async () => {
    driver = await launchDriver(browser);
  });
  afterAll(async () => {
    await driver?.close();
  });
  const { track } = guardEachTest(() => driver);

  it('marks every labelled page as its label says', async () => {
    const d = driver;
    if (!d) throw new Error('browser did not start');
    const rows: Seen[] = [];
    for (const label of labels) {
      const page = track(await d.open(d.url(FIXTURE_HOST, `/corpus/${label.file}`)));
      await page.settle(400);
      const badges = await page.badges();
      const strayDescription = label.expect.descriptionOnly
        ? await page.evaluate(
            () => [...document.querySelectorAll('source-context-badge[data-kind="incident"]')].filter((b) => !b.closest('[data-corpus="description"]')).length,
            undefined,
          )
        : 0;
      rows.push({
        label,
        incident: badges.some((b) => b.kind === 'incident'),
        strayDescription,
        publishers: [...new Set(badges.filter((b) => b.kind === 'publisher').map((b) => b.id))].sort(),
      });
      await page.close();
    }
    console.log(report(browser, rows));
    const wrong = rows
      .filter((r) => r.incident !== r.label.expect.incident || r.strayDescription > 0 || r.publishers.join() !== [...r.label.expect.publishers].sort().join())
      .map((r) => `${r.label.file}: incident ${r.incident} (want ${r.label.expect.incident}), publishers [${r.publishers}] (want [${r.label.expect.publishers}])${r.strayDescription ? `, ${r.strayDescription} outside the description` : ''}`);
    expect(wrong).toEqual([]);
  }, 600_000);
});
