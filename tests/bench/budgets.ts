/**
 * What the reader pays, per page kind, against the budgets: the real content script's main-thread
 * CPU from the trace of the tab (compile, evaluation, every task and microtask it causes: the
 * "extension" figure) beside the bare text walk (floor) and mark.js on the same page, the longest
 * task, the first badge and the heap. Pure: figures in, rows and verdicts out.
 */
import { fmt, table, type Budget } from './report.ts';
import type { PageFigures, PageSpec } from './summarise.ts';

export type PageKind = 'generic, no match' | 'generic, mentions' | 'topic-dense' | 'seed' | 'links';

export interface BudgetRow {
  page: string;
  kind: PageKind;
  mb: number;
  /** Bare walk, median CPU ms per pass. */
  floorMs: number;
  /** The real content script: median main-thread CPU ms of its tasks over the loads. */
  extensionMs: number;
  ratio: number;
  /** Extension/floor limit for this kind (no-match pages of 500 KB or more), or null. */
  ratioLimit: number | null;
  markMs: number | null;
  /** mark.js / extension; at least MARK_FACTOR on pages of 500 KB or more. */
  markOverExt: number | null;
  longestCpu: number;
  firstBadge: number | null;
  heapKB: number | null;
  /** The budgets this page misses, in words; empty when it meets them all. */
  misses: string[];
}

/** Pages this size or more are judged on the ratios; below it the script's fixed cost (its code) is most of it. */
export const RATIO_FROM_CHARS = 400_000;
export const RATIO_LIMIT: Partial<Record<PageKind, number>> = { 'generic, no match': 2, 'topic-dense': 3 };
export const MARK_FACTOR = 10;
export const LONG_TASK_MS = 50;
export const SEED_BADGE_MS = 100;
export const SEED_SCRIPT_MS = 30;

export function kindOf(spec: PageSpec | undefined): PageKind {
  if (spec?.kind === 'topic') return 'topic-dense';
  if (spec?.kind === 'seed') return 'seed';
  if (spec?.kind === 'links') return 'links';
  return spec?.mentions === 'none' ? 'generic, no match' : 'generic, mentions';
}

const KIND_ORDER: PageKind[] = ['generic, no match', 'topic-dense', 'generic, mentions', 'seed', 'links'];

export function budgetRows(figs: PageFigures[], specs: PageSpec[]): BudgetRow[] {
  const rows: BudgetRow[] = [];
  for (const f of figs) {
    if (!f.ext) continue;
    const kind = kindOf(specs.find((s) => s.id === f.id));
    const floorMs = f.medianMs.floor ?? NaN;
    const extensionMs = f.ext.extensionCpu;
    const big = f.chars >= RATIO_FROM_CHARS;
    const ratioLimit = big ? (RATIO_LIMIT[kind] ?? null) : null;
    const markMs = f.medianMs.markJs ?? null;
    const markOverExt = markMs === null ? null : markMs / extensionMs;
    const misses: string[] = [];
    const ratio = extensionMs / floorMs;
    if (ratioLimit !== null && !(ratio <= ratioLimit)) misses.push(`ext/floor ${fmt(ratio)} > ${ratioLimit}`);
    if (big && markOverExt !== null && !(markOverExt >= MARK_FACTOR)) misses.push(`mark/ext ${fmt(markOverExt)} < ${MARK_FACTOR}`);
    if (f.ext.longestCpu > LONG_TASK_MS) misses.push(`task ${fmt(f.ext.longestCpu)} ms > ${LONG_TASK_MS}`);
    if (kind === 'seed') {
      if (f.ext.firstBadgeAfterLoad === null || f.ext.firstBadgeAfterLoad > SEED_BADGE_MS) misses.push(`badge ${f.ext.firstBadgeAfterLoad === null ? 'none' : `${fmt(f.ext.firstBadgeAfterLoad, 0)} ms`} > ${SEED_BADGE_MS}`);
      if (!(extensionMs <= SEED_SCRIPT_MS)) misses.push(`script ${fmt(extensionMs)} ms > ${SEED_SCRIPT_MS}`);
    }
    if ((kind === 'generic, no match' || kind === 'topic-dense') && (f.ext.domChanges > 0 || f.ext.uiLoaded || f.ext.messages.length > 0)) misses.push('changed the page or loaded UI');
    rows.push({ page: f.id, kind, mb: f.chars / 1e6, floorMs, extensionMs, ratio, ratioLimit, markMs, markOverExt, longestCpu: f.ext.longestCpu, firstBadge: f.ext.firstBadgeAfterLoad, heapKB: f.ext.heapKB, misses });
  }
  return rows.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.mb - b.mb || a.page.localeCompare(b.page));
}

export const BUDGET_HEADER = ['kind', 'page', 'MB', 'floor ms', 'extension ms', 'ext/floor', 'mark.js ms', 'mark/ext', 'longest ms', 'badge ms', 'heap KB', 'verdict'];

export function budgetTableText(rows: BudgetRow[]): string {
  const cells = rows.map((r) => [
    r.kind,
    r.page,
    fmt(r.mb, 2),
    fmt(r.floorMs, 2),
    fmt(r.extensionMs, 1),
    `${fmt(r.ratio, 1)}${r.ratioLimit === null ? '' : ` (≤${r.ratioLimit})`}`,
    r.markMs === null ? '–' : fmt(r.markMs, 0),
    r.markOverExt === null ? '–' : `${fmt(r.markOverExt, 1)}${r.mb * 1e6 >= RATIO_FROM_CHARS ? ` (≥${MARK_FACTOR})` : ''}`,
    fmt(r.longestCpu, 1),
    r.firstBadge === null ? '–' : fmt(r.firstBadge, 0),
    r.heapKB === null ? '–' : fmt(r.heapKB, 0),
    r.misses.length ? `MISS ${r.misses.join('; ')}` : 'ok',
  ]);
  return table(BUDGET_HEADER, cells);
}

export const BUDGET_NOTES = [
  'extension: the real content script on a fresh load, main-thread CPU of every task it caused (trace of the tab: compile, evaluation, timers, microtasks, IPC replies), median over the loads.',
  'floor: a TreeWalker reading every text node, median CPU per pass. mark.js: all names of the data, whole words, across elements (one pass).',
  `ext/floor is judged on no-match pages of ${RATIO_FROM_CHARS / 1000} KB or more (below that the script's code is most of its cost); mark/ext on pages of 500 KB or more.`,
  `longest: the extension-caused task with the most CPU; badge: first badge after the load event, worker asleep; seeds: badge ≤ ${SEED_BADGE_MS} ms and script ≤ ${SEED_SCRIPT_MS} ms.`,
];

/** The reader-facing budgets of the issue, one verdict each over every page they apply to. */
export function readerBudgets(rows: BudgetRow[]): Budget[] {
  const verdict = (list: BudgetRow[], ok: (r: BudgetRow) => boolean, show: (r: BudgetRow) => string): { met: boolean | null; detail: string } => ({
    met: list.length ? list.every(ok) : null,
    detail: list.length ? list.map((r) => `${r.page} ${show(r)}`).join(', ') : 'no page',
  });
  const ratioRows = rows.filter((r) => r.ratioLimit !== null);
  const markRows = rows.filter((r) => r.markOverExt !== null && r.mb * 1e6 >= RATIO_FROM_CHARS);
  const seeds = rows.filter((r) => r.kind === 'seed');
  return [
    { name: `extension ≤ 2× floor on generic no-match pages, ≤ 3× on topic-dense ones (${RATIO_FROM_CHARS / 1000} KB and more)`, ...verdict(ratioRows, (r) => r.ratio <= (r.ratioLimit ?? Infinity), (r) => `${fmt(r.ratio)}×`) },
    { name: `extension ≥ ${MARK_FACTOR}× cheaper than mark.js on pages of 500 KB or more`, ...verdict(markRows, (r) => (r.markOverExt ?? 0) >= MARK_FACTOR, (r) => `${fmt(r.markOverExt ?? NaN)}×`) },
    { name: `seed pages: first badge within ${SEED_BADGE_MS} ms of load (worker asleep)`, ...verdict(seeds, (r) => r.firstBadge !== null && r.firstBadge <= SEED_BADGE_MS, (r) => (r.firstBadge === null ? 'no badge' : `${fmt(r.firstBadge, 0)} ms`)) },
    { name: `seed pages: ≤ ${SEED_SCRIPT_MS} ms of extension script, UI included`, ...verdict(seeds, (r) => r.extensionMs <= SEED_SCRIPT_MS, (r) => `${fmt(r.extensionMs)} ms`) },
  ];
}
