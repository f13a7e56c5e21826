// @vitest-environment happy-dom
/**
 * The benchmark's own logic, where a mistake would make its figures lie: the generated pages (a
 * "no mention" page must give the scanner nothing to find, the planted ones must be found), the
 * trace analysis (which tasks count as the extension's), the growth fit, and the split of the
 * build into what every page loads and what loads with the first badge.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import dataset from '../../src/data/dataset.json';
import { compileIndex } from '../../src/core/index-compiler.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';
import { IndexReader } from '../../src/content/index-reader.ts';
import { scan } from '../../src/content/scanner.ts';
import { generatePage, generateTopicPage } from './page-gen.ts';
import { growthExponent } from './report.ts';
import { measureLoadSizes } from './sizes.ts';
import { analyseTrace, profileFunctions, type TraceEvent } from './trace.ts';
import { budgetRows } from './budgets.ts';
import type { PageFigures } from './summarise.ts';

const g = globalThis as unknown as { browser?: unknown };

async function scanGenerated(mentions: 'none' | 'few' | 'topic-en' | 'topic-ru'): Promise<{ kinds: string[]; ids: string[] }> {
  const entries = compileIndex([dataset as unknown as Dataset], 'test');
  g.browser = {
    runtime: { id: 'test' },
    storage: { local: { get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in entries).map((k) => [k, entries[k]])) } },
  };
  const html = mentions === 'topic-en' || mentions === 'topic-ru' ? generateTopicPage(50_000, mentions === 'topic-en' ? 'en' : 'ru').html : generatePage(50_000, mentions).html;
  document.body.innerHTML = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
  const reader = await IndexReader.open();
  if (!reader) throw new Error('no index');
  const found = await scan(document.body, reader, { signal: new AbortController().signal, minConfidence: 0.5 });
  return { kinds: found.map((f) => f.via), ids: found.map((f) => f.id) };
}

describe('generated pages', () => {
  afterEach(() => {
    delete g.browser;
    document.body.innerHTML = '';
  });

  it('are the same for the same seed and near the size asked for', () => {
    const a = generatePage(200_000, 'many');
    expect(generatePage(200_000, 'many').html).toBe(a.html);
    expect(a.textChars).toBeGreaterThan(195_000);
    expect(a.textChars).toBeLessThan(210_000);
    expect(a.planted).toBeGreaterThanOrEqual(95);
  });

  it('give the scanner nothing to find when they plant no mention', async () => {
    expect((await scanGenerated('none')).ids).toEqual([]);
  });

  it.each(['en', 'ru'] as const)('on the topic-dense page (%s), name Tajikistan and Dushanbe in most stories and give the scanner nothing', async (lang) => {
    const page = generateTopicPage(50_000, lang);
    const text = page.html.replace(/<[^>]+>/g, ' ');
    const stories = page.html.split('<article').length - 1;
    const named = (lang === 'en' ? /Dushanbe|Tajik/g : /Душанбе|Таджик/g)[Symbol.match](text)?.length ?? 0;
    expect(named).toBeGreaterThan(stories);
    expect((await scanGenerated(`topic-${lang}`)).ids).toEqual([]);
  });

  it('plant a name, a Cyrillic name and a description that the scanner finds', async () => {
    const { kinds, ids } = await scanGenerated('few');
    expect(ids.every((id) => id === 'ishkobod-2019')).toBe(true);
    expect(kinds.filter((k) => k === 'name')).toHaveLength(2);
    expect(kinds).toContain('description');
  });
});

describe('trace analysis', () => {
  const T = 1_000_000;
  const ev = (name: string, ts: number, dur: number, extra: Partial<TraceEvent> = {}): TraceEvent => ({ name, ph: 'X', ts, dur, tdur: dur / 2, pid: 1, tid: 1, ...extra });
  const events: TraceEvent[] = [
    // The page's own first paint, before the content script changed anything: not ours.
    ev('ThreadControllerImpl::RunTask', T - 100_000, 80_000),
    ev('Layout', T - 99_000, 70_000),
    ev('ThreadControllerImpl::RunTask', T, 3000),
    ev('EvaluateScript', T + 10, 2900, { args: { data: { url: 'chrome-extension://abc/assets/loader.js' } } }),
    // A timer slice of the scan.
    ev('ThreadControllerImpl::RunTask', T + 100_000, 6000),
    ev('TimerFire', T + 100_010, 5900),
    // A microtask checkpoint outside any scheduler task, as Chromium records some promise work.
    ev('BlinkScheduler_PerformMicrotaskCheckpoint', T + 200_000, 90_000),
    ev('RunMicrotasks', T + 200_010, 89_000),
    { name: 'scb-first-mutation', ph: 'R', ts: T + 295_000, pid: 1, tid: 1 },
    // Re-rendering after the badges went in: caused by the extension.
    ev('ThreadControllerImpl::RunTask', T + 300_000, 40_000),
    ev('Layout', T + 300_010, 39_000),
    // A poll after the content script went quiet: left out.
    ev('ThreadControllerImpl::RunTask', T + 900_000, 300),
    // Another process: ignored.
    ev('ThreadControllerImpl::RunTask', T + 100_000, 500_000, { pid: 2 }),
  ];

  it('counts script tasks, top-level checkpoints and re-rendering after the first change, not the page\'s own paint', () => {
    const r = analyseTrace(events, 'chrome-extension://abc');
    expect(r.found).toBe(true);
    expect(r.scriptTasks).toBe(3);
    expect(r.longestScript).toBeCloseTo(90, 5);
    expect(r.longestRender).toBeCloseTo(40, 5);
    expect(r.longestCpu).toBeCloseTo(45, 5);
    expect(r.tasksOver50.map((t) => t.kind)).toEqual(['script']);
    expect(r.extensionMs).toBeCloseTo(99, 5);
  });

  it('reports nothing when the content script never ran', () => {
    expect(analyseTrace(events.filter((e) => e.name !== 'EvaluateScript'), 'chrome-extension://abc').found).toBe(false);
  });

  it('ends where the last counted task ends', () => {
    expect(analyseTrace(events, 'chrome-extension://abc').endTs).toBe(T + 340_000);
  });
});

describe('content script profile from the trace', () => {
  const T = 1_000_000;
  const url = 'chrome-extension://abc/assets/main.js';
  const frame = (functionName: string, u = url) => ({ functionName, url: u, lineNumber: 9 });
  const events = [
    { name: 'EvaluateScript', ph: 'X', ts: T, dur: 100, pid: 1, tid: 1, args: { data: { url: 'chrome-extension://abc/assets/loader.js' } } },
    { name: 'Profile', ph: 'P', ts: T - 50_000, pid: 1, tid: 1, id: '0x1', args: { data: { startTime: T - 50_000 } } },
    // Another thread's profile (the service worker): its samples are not the tab's.
    { name: 'Profile', ph: 'P', ts: T - 50_000, pid: 1, tid: 2, id: '0x2', args: { data: { startTime: T - 50_000 } } },
    {
      name: 'ProfileChunk', ph: 'P', ts: T, pid: 1, tid: 9, id: '0x1',
      args: {
        data: {
          cpuProfile: {
            nodes: [
              { id: 1, callFrame: frame('(root)', '') },
              { id: 2, parent: 1, callFrame: frame('scan') },
              { id: 3, parent: 2, callFrame: frame('feedRange') },
              // A DOM getter the scan called: its time is the scan's own.
              { id: 4, parent: 2, callFrame: frame('get textContent', '') },
              { id: 5, parent: 1, callFrame: frame('(garbage collector)', '') },
              { id: 6, parent: 1, callFrame: frame('pageScript', 'http://page.test/app.js') },
              { id: 7, parent: 1, callFrame: frame('(idle)', '') },
            ],
            // Before injection (page's own), then 1 ms each: feedRange ×3, textContent ×2, GC, idle, page script, end.
            samples: [6, 3, 3, 3, 4, 4, 5, 7, 6, 6],
          },
          timeDeltas: [40_000, 10_000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
        },
      },
    },
  ] as unknown as TraceEvent[];

  it('gives self time to the innermost function of ours and total time to its callers, within the script\'s span', () => {
    const p = profileFunctions(events, 'chrome-extension://abc', T + 100_000);
    if (!p) throw new Error('no profile');
    expect(p.extensionMs).toBeCloseTo(5, 5);
    expect(p.gcMs).toBeCloseTo(1, 5);
    expect(p.sampledMs).toBeCloseTo(7, 5);
    expect(p.bySelf.map((f) => [f.name, f.selfMs])).toEqual([
      ['feedRange', 3],
      ['scan', 2],
    ]);
    expect(p.byTotal[0]).toMatchObject({ name: 'scan', totalMs: 5, where: 'assets/main.js:10' });
  });

  it('is absent when the trace holds no samples of the tab', () => {
    expect(profileFunctions(events.filter((e) => e.name !== 'Profile' || e.tid !== 1), 'chrome-extension://abc', T + 100_000)).toBeNull();
  });
});

describe('budget table', () => {
  const fig = (id: string, chars: number, floor: number, ext: number, mark: number | null, extra: Partial<NonNullable<PageFigures['ext']>> = {}): PageFigures =>
    ({
      id,
      chars,
      medianMs: { floor, ...(mark === null ? {} : { markJs: mark }) },
      ext: { extensionCpu: ext, longestCpu: 5, firstBadgeAfterLoad: null, heapKB: 300, domChanges: 0, uiLoaded: false, messages: [], ...extra },
    }) as unknown as PageFigures;
  const specs = [
    { id: 'gen-500KB-none', host: 'h', path: '/', kind: 'generated', target: 500_000, mentions: 'none' },
    { id: 'topic-en-500KB', host: 'h', path: '/', kind: 'topic', target: 500_000, mentions: 'none' },
    { id: 'gen-50KB-none', host: 'h', path: '/', kind: 'generated', target: 50_000, mentions: 'none' },
    { id: 'seed-000', host: 'h', path: '/', kind: 'seed' },
  ] as const;

  it('holds generic no-match pages to 2× the walk and topic-dense ones to 3×, from 400 KB on', () => {
    const rows = budgetRows([fig('gen-500KB-none', 500_000, 5, 12, 2000), fig('topic-en-500KB', 500_000, 5, 12, 2000), fig('gen-50KB-none', 50_000, 0.5, 12, null)], [...specs]);
    const by = Object.fromEntries(rows.map((r) => [r.page, r]));
    expect(by['gen-500KB-none']?.misses).toEqual(['ext/floor 2.4 > 2']);
    expect(by['topic-en-500KB']?.misses).toEqual([]);
    expect(by['gen-50KB-none']?.ratioLimit).toBeNull();
    expect(rows.map((r) => r.kind)).toEqual(['generic, no match', 'generic, no match', 'topic-dense']);
  });

  it('holds seeds to a badge within 100 ms and 30 ms of script, and every page of 500 KB to a tenth of mark.js', () => {
    const rows = budgetRows([fig('seed-000', 10_000, 0.1, 40, 20, { firstBadgeAfterLoad: 120 }), fig('gen-500KB-none', 500_000, 5, 9, 80)], [...specs]);
    const by = Object.fromEntries(rows.map((r) => [r.page, r]));
    expect(by['seed-000']?.misses).toEqual(['badge 120 ms > 100', 'script 40.0 ms > 30']);
    expect(by['gen-500KB-none']?.misses).toEqual(['mark/ext 8.9 < 10']);
  });
});

describe('growth exponent', () => {
  it('is 1 for cost proportional to size and 2 for quadratic cost', () => {
    const sizes = [1e4, 1e5, 1e6];
    expect(growthExponent(sizes.map((s) => ({ size: s, ms: s / 100 })))).toBeCloseTo(1, 6);
    expect(growthExponent(sizes.map((s) => ({ size: s, ms: (s * s) / 1e9 })))).toBeCloseTo(2, 6);
  });
});

describe('load sizes', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the loader, its chunk and static imports and the CSS as every page, dynamic imports as on demand, the UI\'s own as later', () => {
    dir = mkdtempSync(join(tmpdir(), 'sc-sizes-'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, 'src/content'), { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ content_scripts: [{ js: ['assets/loader.js'], css: ['src/content/highlight.css'] }] }));
    writeFileSync(join(dir, 'assets/loader.js'), '(async()=>{await import(chrome.runtime.getURL("assets/main.js"))})();');
    writeFileSync(join(dir, 'assets/main.js'), 'import{a as b}from"./core.js";const u=()=>import(`./ui.js`);export{u};');
    writeFileSync(join(dir, 'assets/core.js'), 'export const a=1;');
    writeFileSync(join(dir, 'assets/ui.js'), 'import{a}from"./core.js";import{p}from"./preact.js";const o=()=>import("./popup.js");export{a,p,o};');
    writeFileSync(join(dir, 'assets/popup.js'), 'import{p}from"./preact.js";import{w}from"./polyfill.js";export{p,w};');
    writeFileSync(join(dir, 'assets/polyfill.js'), 'export const w=3;');
    writeFileSync(join(dir, 'assets/preact.js'), 'export const p=2;');
    writeFileSync(join(dir, 'src/content/highlight.css'), '::highlight(x){color:red}');
    const s = measureLoadSizes(dir);
    expect(s.everyPageFiles.sort()).toEqual(['assets/core.js', 'assets/loader.js', 'assets/main.js', 'src/content/highlight.css']);
    expect(s.onDemandFiles.sort()).toEqual(['assets/preact.js', 'assets/ui.js']);
    expect(s.later.map((f) => f.file).sort()).toEqual(['assets/polyfill.js', 'assets/popup.js']);
    expect(s.everyPageGzip).toBe(s.everyPage.reduce((a, b) => a + b.gzip, 0));
  });
});
