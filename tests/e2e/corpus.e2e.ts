/**
 * The labelled detection corpus (tests/fixtures/corpus) through the real extension: every page is
 * opened in the browser, and the badges it gets are compared with its label. Prints precision and
 * recall for every group, then requires every page of a held group to get exactly what its label
 * says: the incident badge on pages that speak of the incident (by name or by description), none on
 * near misses, hidden text or plain news, and a publisher badge for each publisher the page names or
 * links to. Groups not yet held are measured and printed, with the pages they get wrong, but do not
 * fail the run.
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
/** The one incident the corpus is about. */
const INCIDENT = 'ishkobod-2019';

/**
 * Groups whose figures are only measured, not yet held: printed with the pages they get wrong, but
 * they do not fail the run. Every other group is held: each of its pages got exactly its label when
 * the group was added (or once detection reached it) and must keep doing so. A group added to show
 * a gap starts here and leaves once every page of it is right in both browsers; the groups added
 * for detection in every script (issue 15) have all left.
 */
const MEASURED_GROUPS: ReadonlySet<string> = new Set<string>([]);
const isHeld = (group: string): boolean => !MEASURED_GROUPS.has(group);
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

/** Whether a page got exactly what its label says. */
function isRight(r: Seen): boolean {
  return r.incident === r.label.expect.incident && r.strayDescription === 0 && r.publishers.join() === [...r.label.expect.publishers].sort().join();
}

function describeWrong(r: Seen): string {
  return `${r.label.file}: incident ${r.incident} (want ${r.label.expect.incident}), publishers [${r.publishers}] (want [${r.label.expect.publishers}])${r.strayDescription ? `, ${r.strayDescription} outside the description` : ''}`;
}

/**
 * One line per group: whether it is held, its pages, incident and publisher precision / recall, the
 * false marks (incident marks on pages that must have none or outside the description, publisher
 * marks for a publisher the page does not name) and the pages not exactly right. Negative groups have
 * no precision or recall of their own; their false-mark counts are what to read.
 */
function report(browser: string, rows: Seen[]): string {
  const groups = [...new Set(rows.map((r) => r.label.group))].sort((a, b) => Number(isHeld(b)) - Number(isHeld(a)) || a.localeCompare(b));
  const lines = [
    `Detection on the labelled corpus in ${browser} (${rows.length} pages)`,
    'group                    status    pages  incident P / R    false   publisher P / R   false   wrong',
  ];
  const line = (g: string, status: string, sel: Seen[]): string => {
    const i = score(sel, 'incident');
    const p = score(sel, 'publisher');
    const wrong = sel.filter((r) => !isRight(r)).length;
    return `${g.padEnd(25)}${status.padEnd(9)}${String(sel.length).padStart(6)}  ${pct(i.tp, i.tp + i.fp)} / ${pct(i.tp, i.tp + i.fn)} ${String(i.fp).padStart(5)}   ${pct(p.tp, p.tp + p.fp)} / ${pct(p.tp, p.tp + p.fn)} ${String(p.fp).padStart(5)} ${String(wrong).padStart(7)}`;
  };
  for (const g of groups) lines.push(line(g, isHeld(g) ? 'held' : 'measured', rows.filter((r) => r.label.group === g)));
  lines.push(line('all held', '', rows.filter((r) => isHeld(r.label.group))));
  lines.push(line('all measured', '', rows.filter((r) => !isHeld(r.label.group))));
  lines.push(line('all', '', rows));
  const notYet = rows.filter((r) => !isHeld(r.label.group) && !isRight(r));
  if (notYet.length > 0) lines.push('', 'Pages of groups not yet held that are not right:', ...notYet.map((r) => `  [${r.label.group}] ${describeWrong(r)}`));
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
      // "Quiet for 400 ms" alone can come before a slow first scan on a loaded machine: wait first
      // for the badges the label expects (a page that never gets one is counted as missed), then for
      // quiet, in which any badge the label does not expect still shows up and is counted.
      const expected = [...(label.expect.incident ? [['incident', INCIDENT] as const] : []), ...label.expect.publishers.map((id) => ['publisher', id] as const)];
      for (const [kind, id] of expected) await page.waitForBadge(kind, id, 5000).catch(() => undefined);
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
    // Only the held groups must be exactly right; the others are reported above.
    const wrong = rows.filter((r) => isHeld(r.label.group) && !isRight(r)).map(describeWrong);
    expect(wrong).toEqual([]);
    expect(rows.filter((r) => isHeld(r.label.group)).length, 'the held groups still have their pages').toBeGreaterThanOrEqual(153);
  }, 600_000);
});
