/**
 * Turns the raw runs of every page into the figures the issue asks for, checks the budgets, and
 * lays out the table. Pure: no browser, no files.
 */
import type { ExtensionRun } from './extension-runner.ts';
import type { InPageResult, Method } from './in-page-runner.ts';
import type { LoadSizes } from './sizes.ts';
import { fmt, growthExponent, mb, median, type Budget } from './report.ts';

export interface PageSpec {
  id: string;
  host: string;
  path: string;
  /** generated: the generic news feed; topic: regional news dense in the rules' vocabulary, no incident. */
  kind: 'generated' | 'topic' | 'seed' | 'links';
  /** For generated pages: target characters of text and the mention level. */
  target?: number;
  mentions?: 'none' | 'few' | 'many';
  planted?: number;
}

export interface PageRuns {
  spec: PageSpec;
  inPage: InPageResult | null;
  ext: ExtensionRun[];
  /** Why the page was not measured, when it was not. */
  skipped?: string;
}

export interface PageFigures {
  id: string;
  chars: number;
  nodes: number;
  /** Median ms per MB of text, per method (main-thread CPU time; the extension's: CPU of its tasks). */
  msPerMB: Partial<Record<Method | 'extension', number>>;
  /** Median CPU ms per pass, and the in-page clock's wall ms (scanner: less its own pauses). */
  medianMs: Partial<Record<Method, number>>;
  medianWallMs: Partial<Record<Method, number>>;
  runs: Partial<Record<Method, number>>;
  scanner: { walkMs: number; verifyMs: number; hits: number; matches: number; pausedMs: number; bytesRead: number } | null;
  scanOverFloor: number;
  markOverScan: number;
  ext: ExtFigures | null;
}

export interface ExtFigures {
  runs: number;
  /** Median main-thread ms of the content script's script tasks. */
  scriptMs: number;
  /** Script plus the unlabelled IPC tasks around it. */
  extensionMs: number;
  renderMs: number;
  /** Median main-thread CPU time of the content script's tasks (script and IPC), ms. */
  extensionCpu: number;
  /** Longest task caused by the extension over all runs, by wall time (script, re-render or other). */
  longestTask: number;
  longestKind: string;
  longestWhat: string;
  /** The task with the most main-thread CPU time over all runs, and its wall time. */
  longestCpu: number;
  longestCpuWall: number;
  longestCpuKind: string;
  longestCpuWhat: string;
  /** Median (first badge − load event end), ms; null when no badge. */
  firstBadgeAfterLoad: number | null;
  badges: number;
  domAdded: number;
  domChanges: number;
  highlights: number;
  messages: string[];
  uiLoaded: boolean;
  /** What the content script read from storage.local (JSON characters) and how long the reads took (sum of call-to-reply times). */
  readBytes: number;
  readMs: number;
  readKeys: number;
  /** Whether the storage probe was in place before the content script's first read. */
  probed: boolean;
  heapKB: number | null;
  workerStopped: boolean;
  workerAtEnd: string;
  /**
   * On the way to the first badge, median ms after the load event: content script injected (its
   * world created), settings asked for (the content script's code has loaded), settings read, index
   * meta read, last index read before the badge, badge.
   */
  badgePath: { injected: number; settingsAsked: number; settings: number; meta: number; lastRead: number; badge: number } | null;
}

export function extFigures(runs: ExtensionRun[], sizes: LoadSizes, heapBaseline: number | null): ExtFigures | null {
  if (runs.length === 0) return null;
  const traces = runs.map((r) => r.trace).filter((t) => t?.found);
  let longestTask = 0;
  let longestKind = '';
  let longestWhat = '';
  for (const t of traces) {
    for (const task of t?.longest ?? []) {
      if (task.ms > longestTask) {
        longestTask = task.ms;
        longestKind = task.kind;
        longestWhat = task.top.join(', ');
      }
    }
  }
  const byCpu = traces.reduce<(typeof traces)[number] | null>((w, t) => (!w || (t?.longestCpu ?? 0) > (w?.longestCpu ?? 0) ? t : w), null);
  const badgeTimes = runs.filter((r) => r.page.firstBadge >= 0).map((r) => r.page.firstBadge - r.loadEventEnd);
  const reads = runs.map((r) => r.isolated?.local ?? []);
  const heaps = runs.map((r) => r.heapUsed).filter((h): h is number => h !== null);
  const withBadge = runs.filter((r) => r.page.firstBadge >= 0 && r.isolated && r.isolated.sync.length > 0);
  const after = (r: ExtensionRun, t: number | undefined): number => (t === undefined || t < 0 ? NaN : t - r.loadEventEnd);
  const badgePath = withBadge.length
    ? {
        injected: median(withBadge.map((r) => after(r, r.isolated?.installedAt))),
        settingsAsked: median(withBadge.map((r) => after(r, r.isolated?.sync[0]?.t0))),
        settings: median(withBadge.map((r) => after(r, r.isolated?.sync[0]?.t1))),
        meta: median(withBadge.map((r) => after(r, r.isolated?.local[0]?.t1))),
        lastRead: median(withBadge.map((r) => after(r, Math.max(...(r.isolated?.local ?? []).filter((x) => x.t1 >= 0 && x.t1 <= r.page.firstBadge).map((x) => x.t1))))),
        badge: median(withBadge.map((r) => after(r, r.page.firstBadge))),
      }
    : null;
  const last = runs[runs.length - 1] as ExtensionRun;
  return {
    runs: runs.length,
    scriptMs: median(traces.map((t) => t?.scriptMs ?? 0)),
    extensionMs: median(traces.map((t) => t?.extensionMs ?? 0)),
    renderMs: median(traces.map((t) => t?.renderMs ?? 0)),
    extensionCpu: median(traces.map((t) => t?.extensionCpu ?? 0)),
    longestCpu: byCpu?.longestCpu ?? 0,
    longestCpuWall: byCpu?.longestCpuWall ?? 0,
    longestCpuKind: byCpu?.longestCpuKind ?? '',
    longestCpuWhat: byCpu?.longestCpuWhat ?? '',
    longestTask,
    longestKind,
    longestWhat,
    firstBadgeAfterLoad: badgeTimes.length ? median(badgeTimes) : null,
    badges: median(runs.map((r) => r.page.badges)),
    domAdded: median(runs.map((r) => r.page.added)),
    domChanges: Math.max(...runs.map((r) => r.page.added + r.page.removed + r.page.attributes + r.page.characterData)),
    highlights: Math.max(...runs.map((r) => r.highlights)),
    messages: [...new Set(runs.flatMap((r) => (r.isolated?.sent ?? []).map((s) => s.type ?? '?')))],
    uiLoaded: runs.some((r) => r.extensionRequests.some((f) => sizes.onDemandFiles.includes(f))),
    readBytes: median(reads.map((l) => l.reduce((a, b) => a + b.bytes, 0))),
    readMs: median(reads.map((l) => l.reduce((a, b) => a + (b.t1 >= 0 ? b.t1 - b.t0 : 0), 0))),
    readKeys: median(reads.map((l) => l.reduce((a, b) => a + (Array.isArray(b.keys) ? b.keys.length : 1), 0))),
    probed: runs.every((r) => (r.isolated?.sync.length ?? 0) > 0),
    heapKB: heaps.length && heapBaseline !== null ? (median(heaps) - heapBaseline) / 1024 : null,
    workerStopped: runs.every((r) => r.workerStoppedBefore),
    workerAtEnd: last.workerStatusAtEnd,
    badgePath,
  };
}

export function pageFigures(p: PageRuns, sizes: LoadSizes): PageFigures {
  const ip = p.inPage;
  const chars = ip?.chars ?? 0;
  const msPerMB: PageFigures['msPerMB'] = {};
  const medianMs: PageFigures['medianMs'] = {};
  const medianWallMs: PageFigures['medianWallMs'] = {};
  const runs: PageFigures['runs'] = {};
  for (const [m, list] of Object.entries(ip?.samples ?? {}) as [Method, { ms: number; cpu: number }[]][]) {
    medianWallMs[m] = m === 'scanner' ? median((ip?.scanner ?? []).map((s) => s.busyMs)) : median(list.map((s) => s.ms));
    medianMs[m] = median(list.map((s) => s.cpu));
    msPerMB[m] = (medianMs[m] as number) / mb(chars);
    runs[m] = list.length;
  }
  const sc = ip?.scanner ?? [];
  const ext = extFigures(p.ext, sizes, ip?.heapBaseline ?? null);
  if (ext) msPerMB.extension = ext.extensionCpu / mb(chars);
  return {
    id: p.spec.id,
    chars,
    nodes: ip?.nodes ?? 0,
    msPerMB,
    medianMs,
    medianWallMs,
    runs,
    scanner: sc.length
      ? {
          walkMs: median(sc.map((s) => s.walkBusyMs)),
          verifyMs: median(sc.map((s) => s.verifyBusyMs)),
          hits: median(sc.map((s) => s.hits)),
          matches: median(sc.map((s) => s.matches)),
          pausedMs: median(sc.map((s) => s.pausedMs)),
          bytesRead: median(sc.map((s) => s.bytesRead)),
        }
      : null,
    scanOverFloor: (medianMs.scanner ?? NaN) / (medianMs.floor ?? NaN),
    markOverScan: (medianMs.markJs ?? NaN) / (medianMs.scanner ?? NaN),
    ext,
  };
}

/** Growth of scanner and floor cost with page size, per mention level. */
export function growth(figs: PageFigures[], specs: PageSpec[]): Record<string, { scanner: number; floor: number; extension: number }> {
  const out: Record<string, { scanner: number; floor: number; extension: number }> = {};
  for (const level of ['none', 'few', 'many'] as const) {
    const here = figs.filter((f) => specs.find((s) => s.id === f.id)?.mentions === level && f.chars > 0);
    if (here.length < 2) continue;
    const pts = (get: (f: PageFigures) => number | undefined) => here.map((f) => ({ size: f.chars, ms: get(f) ?? NaN }));
    out[level] = {
      scanner: growthExponent(pts((f) => f.medianMs.scanner)),
      floor: growthExponent(pts((f) => f.medianMs.floor)),
      extension: growthExponent(pts((f) => f.ext?.extensionCpu)),
    };
  }
  return out;
}

const row = (f: PageFigures): string[] => [
  f.id,
  fmt(mb(f.chars), 2),
  f.nodes >= 1000 ? `${fmt(f.nodes / 1000, 1)}k` : String(f.nodes),
  fmt(f.msPerMB.floor ?? NaN),
  fmt(f.msPerMB.floorChars ?? NaN),
  fmt(f.msPerMB.scanner ?? NaN),
  f.scanner ? `${fmt(f.scanner.walkMs)}/${fmt(f.scanner.verifyMs)}` : '–',
  f.scanner ? String(f.scanner.hits) : '–',
  fmt(f.msPerMB.naive ?? NaN, 0),
  f.msPerMB.markJs !== undefined ? `${fmt(f.msPerMB.markJs, 0)} (${f.runs.markJs})` : '–',
  fmt(f.scanOverFloor, 1),
  fmt(f.markOverScan, 0),
  f.ext ? `${fmt(f.ext.extensionCpu)}/${fmt(f.ext.extensionMs)}` : '–',
  f.ext ? `${fmt(f.ext.longestCpu)}/${fmt(f.ext.longestTask)}${f.ext.longestCpuKind ? ` ${f.ext.longestCpuKind[0]}` : ''}` : '–',
  f.ext?.firstBadgeAfterLoad !== null && f.ext?.firstBadgeAfterLoad !== undefined ? fmt(f.ext.firstBadgeAfterLoad, 0) : '–',
  f.ext ? `${f.ext.domAdded}/${f.ext.badges}` : '–',
  f.ext ? `${fmt(f.ext.readBytes / 1024, 1)}K/${fmt(f.ext.readMs, 1)}` : '–',
  f.ext?.heapKB !== null && f.ext?.heapKB !== undefined ? fmt(f.ext.heapKB, 0) : '–',
];

export const TABLE_HEADER = [
  'page',
  'MB',
  'nodes',
  'floor',
  'floor+ch',
  'scanner',
  'walk/verify ms',
  'hits',
  'naive',
  'mark.js (runs)',
  'scan/floor',
  'mark/scan',
  'ext cpu/wall',
  'longest cpu/wall',
  'badge ms',
  'DOM+/badges',
  'reads/ms',
  'heap KB',
];

export const tableRows = (figs: PageFigures[]): string[][] => figs.map(row);

export const TABLE_NOTES = [
  'floor, floor+ch, scanner, naive, mark.js: median main-thread CPU ms per MB of text (in-page wall clock figures are in bench.json).',
  'walk/verify: the scanner\'s phases (scanStats, wall clock less the pauses in each), median ms. hits: words that passed the prefilter.',
  'ext: the real content script on a fresh load (trace of the tab; its script and IPC tasks): main-thread CPU / wall ms, median.',
  'longest: the extension-caused task with the most CPU over all loads: CPU / wall ms (s = script, r = re-render after its DOM change, o = other);',
  '  the longest by wall time is in bench.json. CPU is the verdict\'s figure: this machine is shared, and wall time there includes waiting for the core.',
  'badge: first badge after the load event, worker stopped before the load, median ms.',
  'reads: storage.local data the content script read (JSON characters) / ms waiting for it. heap: JS heap after GC vs the same page with the extension off.',
];

const ratioRange = (list: PageFigures[]): string => {
  const r = list.map((f) => f.scanOverFloor).filter((x) => Number.isFinite(x));
  return r.length ? `${fmt(Math.min(...r))}–${fmt(Math.max(...r))}×` : '–';
};

export function budgetsFor(args: {
  figs: PageFigures[];
  specs: PageSpec[];
  sizes: LoadSizes;
  links: { ms: number; wallMs: number; links: number; hosts: number } | null;
}): Budget[] {
  const { figs, specs, sizes } = args;
  const spec = (id: string): PageSpec | undefined => specs.find((s) => s.id === id);
  const withScan = figs.filter((f) => Number.isFinite(f.scanOverFloor));
  const worstScan = withScan.reduce<PageFigures | null>((w, f) => (!w || f.scanOverFloor > w.scanOverFloor ? f : w), null);
  const withMark = figs.filter((f) => Number.isFinite(f.markOverScan));
  const worstMark = withMark.reduce<PageFigures | null>((w, f) => (!w || f.markOverScan < w.markOverScan ? f : w), null);
  const withExt = figs.filter((f) => f.ext);
  const longest = withExt.reduce<PageFigures | null>((w, f) => (!w || (f.ext?.longestCpu ?? 0) > (w.ext?.longestCpu ?? 0) ? f : w), null);
  const longestWall = withExt.reduce<PageFigures | null>((w, f) => (!w || (f.ext?.longestTask ?? 0) > (w.ext?.longestTask ?? 0) ? f : w), null);
  const noMatch = figs.filter((f) => spec(f.id)?.mentions === 'none' && f.ext);
  const traced = (f: PageFigures): string => `${f.id} ${fmt(f.ext?.longestCpu ?? NaN)} ms CPU, ${fmt(f.ext?.longestCpuWall ?? NaN)} ms wall (${f.ext?.longestCpuKind}: ${f.ext?.longestCpuWhat})`;
  const out: Budget[] = [
    {
      name: 'scanner ≤ 1.5× floor',
      met: worstScan ? withScan.every((f) => f.scanOverFloor <= 1.5) : null,
      detail: worstScan
        ? `no-match pages ${ratioRange(withScan.filter((f) => spec(f.id)?.mentions === 'none'))}; worst ${fmt(worstScan.scanOverFloor)}× on ${worstScan.id}; ${withScan.filter((f) => f.scanOverFloor <= 1.5).length}/${withScan.length} pages within`
        : 'not measured',
    },
    {
      name: 'scanner ≥ 5× faster than mark.js',
      met: worstMark ? withMark.every((f) => f.markOverScan >= 5) : null,
      detail: worstMark ? `least ${fmt(worstMark.markOverScan, 1)}× on ${worstMark.id}, most ${fmt(Math.max(...withMark.map((f) => f.markOverScan)), 0)}× (${withMark.length} pages)` : 'mark.js not run',
    },
    {
      name: 'no task over 50 ms caused by the extension (up to the 5 MB page)',
      met: longest ? (longest.ext?.longestCpu ?? 0) <= 50 : null,
      detail: longest
        ? `longest: ${traced(longest)}; pages over 50 ms CPU: ${withExt.filter((f) => (f.ext?.longestCpu ?? 0) > 50).map((f) => f.id).join(', ') || 'none'}; longest by wall time: ${longestWall?.id} ${fmt(longestWall?.ext?.longestTask ?? NaN)} ms (${longestWall?.ext?.longestKind}: ${longestWall?.ext?.longestWhat})`
        : 'not measured',
    },
    {
      name: 'no-match page: no DOM change, no message, no UI code',
      met: noMatch.length ? noMatch.every((f) => f.ext && f.ext.domChanges === 0 && f.ext.highlights === 0 && f.ext.messages.length === 0 && !f.ext.uiLoaded && f.ext.probed) : null,
      detail: noMatch.length
        ? noMatch.map((f) => `${f.id}: ${f.ext?.domChanges} DOM changes, ${f.ext?.messages.length ? f.ext.messages.join('+') : 'no'} message, UI ${f.ext?.uiLoaded ? 'loaded' : 'not loaded'}${f.ext?.probed ? '' : ' (probe late: messages unverified)'}`).join('; ')
        : 'no no-match page',
    },
    {
      name: 'every page loads < 15 KB gzip',
      met: sizes.everyPageGzip < 15 * 1024,
      detail: `${fmt(sizes.everyPageGzip / 1024, 2)} KB gzip (${sizes.everyPage.length} files, ${fmt(sizes.everyPageBytes / 1024, 1)} KB raw); UI on demand ${fmt(sizes.onDemandGzip / 1024, 2)} KB gzip`,
    },
  ];
  if (args.links) {
    out.push({
      name: '1,000 links, none to a publisher: < 2 ms of extension script',
      met: args.links.ms < 2,
      detail: `${fmt(args.links.ms, 2)} ms CPU (${fmt(args.links.wallMs, 2)} ms in-page clock) for ${args.links.links} links to ${args.links.hosts} hosts: the extension's link code in the page (linkDestination per link, one host lookup), fake storage`,
    });
  }
  return out;
}
